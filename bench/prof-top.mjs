#!/usr/bin/env node
// Top frames of a V8 .cpuprofile (from `npm run bench:live -- --cpu-prof=1000`):
//   node bench/prof-top.mjs bench/results/prof/<file>.cpuprofile [--top=30]
// Prints self time per function and per package/area (node_modules/<pkg>, node: internals,
// app code, GC, idle).
import fs from 'node:fs';
import { parseArgs } from './lib.mjs';

const opts = parseArgs();
const file = opts._[0];
if (!file) {
	console.error('usage: node bench/prof-top.mjs <file.cpuprofile> [--top=30]');
	process.exit(1);
}
const top = Number(opts.top ?? 30);
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) {
	const id = prof.samples[i];
	self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url, name) {
	if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name;
	if (!url) return '(native/builtin)';
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) return m[1];
	if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
	if (url.includes('/build/server/')) return 'app build/server';
	return url
		.replace(/^file:\/\//, '')
		.split('/')
		.slice(-2)
		.join('/');
}

const fnTotals = new Map();
const areaTotals = new Map();
for (const [id, us] of self) {
	const n = byId.get(id);
	const cf = n.callFrame;
	const short = (cf.url || '').replace(/^file:\/\//, '').replace(/.*node_modules\//, '');
	const key = `${cf.functionName || '(anonymous)'}  ${short}${cf.url ? ':' + (cf.lineNumber + 1) : ''}`;
	fnTotals.set(key, (fnTotals.get(key) ?? 0) + us);
	const a = area(cf.url, cf.functionName);
	areaTotals.set(a, (areaTotals.get(a) ?? 0) + us);
}
const pct = (us) => ((us / total) * 100).toFixed(1).padStart(5) + '%';
const ms = (us) => (us / 1000).toFixed(0).padStart(7) + ' ms';
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by area:`);
for (const [k, v] of [...areaTotals].sort((a, b) => b[1] - a[1]).slice(0, 20))
	console.log(`${pct(v)} ${ms(v)}  ${k}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [k, v] of [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, top))
	console.log(`${pct(v)} ${ms(v)}  ${k}`);
