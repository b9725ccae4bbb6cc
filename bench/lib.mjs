// Shared helpers for the bench scripts: build, a fresh database with one live session, starting
// and stopping the server, small HTTP helpers and /proc readings. Node 24 (better-sqlite3 is
// built for it): run through `npm run bench:*` or with node_modules/.bin first on PATH.
import { execFileSync, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_APP_DIR = path.resolve(BENCH_DIR, '..');

/** `--key=value` and `--flag` arguments; the first bare argument is the app directory. */
export function parseArgs(argv = process.argv.slice(2)) {
	const opts = { _: [] };
	for (const a of argv) {
		const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
		if (m) opts[m[1]] = m[2] ?? true;
		else opts._.push(a);
	}
	opts.app = path.resolve(opts.app ?? opts._[0] ?? DEFAULT_APP_DIR);
	return opts;
}

export function checkNode() {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) {
		console.error(
			`Node ${process.versions.node}: the app's better-sqlite3 is built for Node 24. ` +
				'Run `npm run bench:…` or put node_modules/.bin first on PATH.'
		);
		process.exit(1);
	}
}

/** Builds the app when build/index.js is missing (same steps as CI). */
export function ensureBuild(appDir) {
	if (fs.existsSync(path.join(appDir, 'build', 'index.js'))) return;
	console.log(`No build in ${appDir}: building (svelte-kit sync, paraglide, vite build)…`);
	const env = {
		...process.env,
		PATH: `${path.join(appDir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`
	};
	const run = (cmd, args) => execFileSync(cmd, args, { cwd: appDir, env, stdio: 'inherit' });
	run('svelte-kit', ['sync']);
	run('paraglide-js', [
		'compile',
		'--project',
		'./project.inlang',
		'--outdir',
		'./src/lib/paraglide'
	]);
	run('vite', ['build']);
}

export function appRequire(appDir) {
	return createRequire(path.join(appDir, 'package.json'));
}

export async function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

export function tmpDir(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export { sleep };

/**
 * Starts a Node server script as a child process (the node binary running this script).
 * Returns { proc, pid, port, stop() }. stdout/stderr go to `logFile`.
 */
export async function startNode({ cwd, script, env, port, nodeArgs = [], logFile, readyPath }) {
	const out = fs.openSync(logFile, 'a');
	const proc = spawn(process.execPath, [...nodeArgs, script], {
		cwd,
		env: { ...process.env, ...env, PORT: String(port) },
		stdio: ['ignore', out, out]
	});
	fs.closeSync(out);
	let exited = null;
	proc.on('exit', (code, signal) => (exited = { code, signal }));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (exited) {
			throw new Error(
				`server exited during start (${JSON.stringify(exited)}); see ${logFile}:\n` +
					fs.readFileSync(logFile, 'utf8').slice(-2000)
			);
		}
		try {
			const r = await request(port, 'GET', readyPath);
			if (r.status === 200) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline)
			throw new Error(`server did not answer ${readyPath}; see ${logFile}`);
		await sleep(100);
	}
	return {
		proc,
		pid: proc.pid,
		port,
		get exited() {
			return exited;
		},
		/** SIGTERM, wait up to `ms`, then SIGKILL. Resolves once the process is gone. */
		async stop(ms = 15_000) {
			if (exited) return exited;
			const done = new Promise((r) => proc.once('exit', () => r()));
			proc.kill('SIGTERM');
			const t = setTimeout(() => proc.kill('SIGKILL'), ms);
			await done;
			clearTimeout(t);
			return exited;
		}
	};
}

export function appEnv(port, dbFile, extra = {}) {
	return {
		PORT: String(port),
		PUBLIC_URL: `http://localhost:${port}`,
		DATABASE_URL: dbFile,
		RATE_LIMIT: '0',
		LIVE_METRICS: '1',
		LIVE_MAX_CONNECTIONS: '100000',
		LOG_LEVEL: 'warn',
		NODE_ENV: 'development',
		...extra
	};
}

const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A fresh SQLite file with the schema and demo network (one start of the real server with
 * SEED_DEMO=1), then one live session inserted directly: a closed post-it round with `postits`
 * post-its and an open dot vote on it (5 dots, no per-item maximum, live tally).
 */
export async function prepareDatabase(appDir, dir, { postits = 20, dots = 5 } = {}) {
	const dbFile = path.join(dir, 'olievlek.db');
	const port = await freePort();
	const server = await startNode({
		cwd: appDir,
		script: 'scripts/serve.js',
		env: appEnv(port, dbFile, { SEED_DEMO: '1' }),
		port,
		logFile: path.join(dir, 'seed.log'),
		readyPath: '/healthz'
	});
	await server.stop();

	const SQLite = appRequire(appDir)('better-sqlite3');
	const db = new SQLite(dbFile);
	db.pragma('journal_mode = WAL');
	const network = db.prepare('select id, created_by from network limit 1').get();
	if (!network) throw new Error('the demo seed made no network');
	const now = new Date().toISOString();
	const sessionId = randomUUID();
	const roundId = randomUUID();
	const voteId = randomUUID();
	let joinCode = '';
	for (let i = 0; i < 6; i++) joinCode += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
	const postitIds = [];
	db.transaction(() => {
		db.prepare(
			`insert into network_session (id, network_id, title, place, theme, objectives, status,
			  created_by, created_at, updated_at, join_code, current_step_id)
			 values (?, ?, 'Bench live session', '', '', '', 'live', ?, ?, ?, ?, ?)`
		).run(sessionId, network.id, network.created_by, now, now, joinCode, voteId);
		const step = db.prepare(
			`insert into agenda_step (id, session_id, position, kind, title, prompt, questions,
			  state, source_step_id, dots, max_dots_per_item, tally)
			 values (?, ?, ?, ?, ?, '', '', ?, ?, ?, null, ?)`
		);
		step.run(roundId, sessionId, 1, 'postit_round', 'Ideas', 'closed', null, null, null);
		step.run(voteId, sessionId, 2, 'dot_vote', 'Vote', 'open', roundId, dots, 'live');
		const pi = db.prepare(
			`insert into postit (id, step_id, participant_id, client_id, text, is_hidden, created_at,
			  updated_at) values (?, ?, null, ?, ?, 0, ?, ?)`
		);
		for (let i = 0; i < postits; i++) {
			const id = randomUUID();
			postitIds.push(id);
			pi.run(id, roundId, `bench-postit-${id}`, `Idea number ${i + 1}`, now, now);
		}
	})();
	db.close();
	return { dbFile, sessionId, roundId, voteId, joinCode, postitIds };
}

/** A plain HTTP request; resolves { status, headers, body } (body as a string). */
export function request(port, method, pathname, { headers = {}, body, agent } = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, method, path: pathname, headers, agent },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8')
					})
				);
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		if (body !== undefined) req.end(body);
		else req.end();
	});
}

/** Cookie header value made of every cookie a response set. */
export function cookiesFrom(res) {
	const set = res.headers['set-cookie'] ?? [];
	return set.map((c) => c.split(';')[0]).join('; ');
}

/** Joins the live session as `name`; resolves the cookie header for that participant. */
export async function join(port, code, name, agent) {
	const res = await request(port, 'POST', '/join', {
		agent,
		headers: {
			origin: `http://localhost:${port}`,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ code, displayName: name }).toString()
	});
	const cookie = cookiesFrom(res);
	if (res.status !== 303 || !cookie.includes('olv_participant=')) {
		throw new Error(`join failed: ${res.status} ${res.body.slice(0, 300)}`);
	}
	return cookie;
}

/** Runs `fn(i)` for i in [0, n) with at most `limit` in flight. */
export async function pool(n, limit, fn) {
	let next = 0;
	const worker = async () => {
		while (next < n) {
			const i = next++;
			await fn(i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}

export const CLK_TCK = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
	} catch {
		return 100;
	}
})();

/** utime + stime of a process, in seconds. */
export function cpuSeconds(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}

/** VmHWM and VmRSS of a process, in bytes. */
export function memory(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
	return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
}

export const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').trim();

export function machine() {
	const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
	return {
		cores: os.availableParallelism(),
		model: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?',
		node: process.version,
		memGB: Math.round(os.totalmem() / 2 ** 30),
		kernel: os.release()
	};
}

export function percentile(values, q) {
	if (!values.length) return null;
	const sorted = Float64Array.from(values).sort();
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const fmt = (v, d = 1) => (v === null || v === undefined ? '–' : Number(v).toFixed(d));

/** A fixed-width text table. */
export function table(headers, rows) {
	const all = [headers, ...rows].map((r) => r.map((c) => String(c)));
	const w = headers.map((_, i) => Math.max(...all.map((r) => r[i].length)));
	const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
	return [line(all[0]), w.map((n) => '-'.repeat(n)).join('  '), ...all.slice(1).map(line)].join(
		'\n'
	);
}
