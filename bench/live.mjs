#!/usr/bin/env node
// bench/live: N participants on one live session, each spending 5 dots as fast as the server
// takes them, against Olievlek (SQLite, synchronous=FULL) and against a floor (a bare node:http
// SSE broadcaster, bench/floor-server.mjs). The server is a child process; this process is the
// load generator and the N phones: each phone keeps the room's state as the page does and applies
// every message's patch with the page's own functions (src/lib/live-patch.ts: LiveVersion,
// applyPhonePatch), so the figure is tap → the last phone holds a tally that includes the vote.
// Usage:
//   npm run bench:live [-- --n=1000,5000] [--app=/path/to/app] [--concurrency=128]
//                      [--join-concurrency=32] [--skip-floor] [--cpu-prof=1000]
//                      [--vote-path=dots|action] [--reload-mode]
// --vote-path: `dots` (default) posts to the lean `POST /live/dots` the phone's script uses,
// `action` to the page's form action `POST /live?/dot` (the only one before the stream carried
// the state). --reload-mode: the phones behave as the page did before (commit 93c400e): every
// message makes them load the page's data again (`GET /live/__data.json`) after a random wait of
// up to spreadMs. The app directory defaults to the repository this script lives in; it is built
// when build/index.js is missing. Results: a table on stdout and bench/results/live-<date>.json.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { unflatten } from 'devalue';
import {
	BENCH_DIR,
	DEFAULT_APP_DIR,
	appEnv,
	appRequire,
	checkNode,
	cpuSeconds,
	ensureBuild,
	fmt,
	freePort,
	join,
	loadavg,
	machine,
	memory,
	parseArgs,
	percentile,
	pool,
	prepareDatabase,
	sleep,
	startNode,
	table,
	tmpDir,
	EventTracker,
	postDot,
	readHealthLive
} from './lib.mjs';

checkNode();
const opts = parseArgs();
const NS = String(opts.n ?? '1000,5000')
	.split(',')
	.map(Number)
	.filter((n) => n > 0);
const CONCURRENCY = Number(opts.concurrency ?? 128);
const JOIN_CONCURRENCY = Number(opts['join-concurrency'] ?? 32);
const DOTS = 5;
const POSTITS = 20;
const PROFILE_N =
	opts['cpu-prof'] === undefined
		? null
		: Number(opts['cpu-prof'] === true ? NS[0] : opts['cpu-prof']);
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const VOTE_PATHS = { dots: '/live/dots', action: '/live?/dot' };
const VOTE_PATH = String(opts['vote-path'] ?? 'dots');
if (!VOTE_PATHS[VOTE_PATH]) {
	console.error(`--vote-path=${VOTE_PATH}: use dots (POST /live/dots) or action (POST /live?/dot)`);
	process.exit(1);
}
const VOTE_URL = VOTE_PATHS[VOTE_PATH];
const RELOAD_MODE = opts['reload-mode'] === true || opts['reload-mode'] === '1';
const MODE = RELOAD_MODE ? 'reload' : 'patch';
/** The phone page's spread of its loads, as its load computes it (connections × 3 ms). */
const spreadOf = (n) => Math.min(10_000, Math.max(800, n * 3));
/** How long after the last vote's answer the phones may take to hold every vote. */
const WAIT_MS = 180_000;
/**
 * SvelteKit's data request when the phone page reloads its data (`refreshAll()`: the root
 * layout's and the page's server loads, both invalidated).
 */
const DATA_PATH = '/live/__data.json?x-sveltekit-invalidated=11';

const TO_SCREEN_DEFINITION =
	'to-screen (tap → last screen has applied the state): per accepted vote, from the moment the ' +
	'load generator sent it until the last of the N phones holds a tally that includes it; ' +
	'p50/p99/max over the votes. Each phone applies every message as the page does ' +
	'(LiveVersion + applyPhonePatch from src/lib/live-patch.ts; a gap, a snapshot or a patch it ' +
	'cannot apply makes it load the page data, as the page does) or, with --reload-mode, loads ' +
	'the page data after each message as the page did before. A tally is whole, so "includes ' +
	'vote k" is: the sum of the counts the phone holds ≥ the rank of vote k in the order the ' +
	'server committed the votes (the app: rowid order of `dot`; the floor: its counter), which ' +
	'stays exact when many votes come in one message.';
const TOLD_DEFINITION =
	'told (tap → every screen told; the figure before the stream carried the state): from the ' +
	'moment the vote was sent until the last of the N streams has received a message whose id is ' +
	'greater than the highest id any stream had seen when the vote was sent. "ack→all": the same ' +
	"end point measured from the vote's acknowledgement (the JSON answer arriving), 0 when every " +
	'stream already had it.';
const SERVER_DEFINITION =
	'server-side latency: GET /healthz/live, publish() → the flush loop has handed the message to ' +
	'the last connection (app: enqueued on its ReadableStream; floor: res.write returned).';
const BYTES_DEFINITION =
	'bytes/phone/vote: the body bytes all phones received during the vote phase (first vote sent ' +
	'→ every phone holds every vote) — the SSE stream, plus the page data of any load, as sent on ' +
	'the wire (the loads ask for br/gzip like a browser; response headers not counted) — ÷ N ÷ ' +
	'accepted votes.';
const LOADS_DEFINITION =
	'loads: page-data loads (GET /live/__data.json) the phones started during the vote phase. In ' +
	'patch mode a phone loads only on a snapshot message, a message without a patch, a gap in the ' +
	'versions or a patch it cannot apply (expected 0); in --reload-mode every message leads to one ' +
	'(folded while one waits or runs).';

/** src/lib/live-patch.ts of the app under test (else this repository's), as the page has it. */
async function importLivePatch() {
	const theirs = path.join(opts.app, 'src/lib/live-patch.ts');
	const file = fs.existsSync(theirs) ? theirs : path.join(DEFAULT_APP_DIR, 'src/lib/live-patch.ts');
	try {
		return { mod: await import(pathToFileURL(file).href), file, how: 'import (type stripping)' };
	} catch (e) {
		if (e?.code !== 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') throw e;
		// Node's type stripping refuses what needs code generated (LiveVersion's constructor
		// parameter properties): the same source, transformed by Node's own TypeScript support.
		const { stripTypeScriptTypes } = await import('node:module');
		const js = stripTypeScriptTypes(fs.readFileSync(file, 'utf8'), {
			mode: 'transform',
			sourceUrl: pathToFileURL(file).href
		});
		const url = `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`;
		return {
			mod: await import(url),
			file,
			how: `module.stripTypeScriptTypes (transform): ${e.message}`
		};
	}
}

// ---------------------------------------------------------------------------------------------
// The phones.

/** Sum of a tally's counts, once per tally object (all phones share the parsed message). */
const sums = new WeakMap();
function tallySum(totals) {
	if (!totals) return 0;
	let s = sums.get(totals);
	if (s === undefined) {
		s = 0;
		for (const k in totals) s += totals[k];
		sums.set(totals, s);
	}
	return s;
}

/** Every phone gets the same bytes for a message: parse each message once. */
const parsed = new Map();
function parseMessage(data) {
	let m = parsed.get(data);
	if (!m) {
		m = JSON.parse(data);
		parsed.set(data, m);
		if (parsed.size > 64) parsed.delete(parsed.keys().next().value);
	}
	return m;
}

function decodeBody(buf, encoding) {
	if (encoding === 'br') return zlib.brotliDecompressSync(buf).toString('utf8');
	if (encoding === 'gzip') return zlib.gunzipSync(buf).toString('utf8');
	if (encoding === 'deflate') return zlib.inflateSync(buf).toString('utf8');
	return buf.toString('utf8');
}

/** The phone's state from its page data, as +page.svelte's `fromData()` builds it. */
function pageState(text) {
	const j = JSON.parse(text.split('\n', 1)[0]);
	if (j.type !== 'data') throw new Error(`page data: ${text.slice(0, 200)}`);
	const node = j.nodes.at(-1);
	if (node?.type !== 'data') throw new Error(`page data: ${text.slice(0, 200)}`);
	const data = unflatten(node.data);
	const items = data.vote?.items ?? [];
	const state = {
		stepId: data.step?.id ?? null,
		stepState: data.step?.state ?? null,
		totals: items.some((i) => i.total !== null)
			? Object.fromEntries(items.map((i) => [i.id, i.total ?? 0]))
			: null,
		participants: 0,
		timerEndsAt: data.session?.timerEndsAt ?? null,
		noVote: !data.vote
	};
	return { state, sum: tallySum(state.totals), liveVersion: data.liveVersion ?? null };
}

/**
 * One load of the phone page's data, as `refreshAll()` asks for it; resolves the phone's state,
 * the page's liveVersion and the moment the whole answer had arrived (`at`).
 */
function loadPage(port, agent, cookie, counter) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path: DATA_PATH,
				agent,
				headers: { cookie, accept: '*/*', 'accept-encoding': 'br, gzip, deflate' }
			},
			(res) => {
				const chunks = [];
				let bytes = 0;
				res.on('data', (c) => {
					chunks.push(c);
					bytes += c.length;
				});
				res.on('end', () => {
					const at = performance.now();
					counter.loadBytes += bytes;
					try {
						if (res.statusCode !== 200) throw new Error(`page data: HTTP ${res.statusCode}`);
						const text = decodeBody(Buffer.concat(chunks), res.headers['content-encoding']);
						resolve({ at, bytes, ...pageState(text) });
					} catch (e) {
						reject(e);
					}
				});
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end();
	});
}

/**
 * What the N phones hold: per phone the highest tally sum it has held ("level"), and for every
 * level s the moment the last phone reached it (`allAt[s]`, NaN until then). Also the bytes the
 * phones received and the loads they made.
 */
class Phones {
	constructor(n, capacity, level) {
		this.n = n;
		this.capacity = capacity;
		this.level = new Int32Array(n).fill(level);
		this.hist = new Int32Array(capacity + 1);
		this.hist[level] = n;
		this.min = level;
		this.allAt = new Float64Array(capacity + 1).fill(NaN);
		this.sseBytes = 0;
		this.loadBytes = 0;
		this.messages = 0;
		this.loads = 0;
		this.loadReasons = {};
		this.loadErrors = 0;
		/** Phones with a load waiting or running. */
		this.busy = 0;
		this.replaced = 0;
		this.stopped = false;
	}
	/** Phone i holds a tally summing to `sum` from `at` on. */
	hold(i, sum, at) {
		const s = Math.min(sum, this.capacity);
		const was = this.level[i];
		if (s <= was) return;
		this.hist[was]--;
		this.hist[s]++;
		this.level[i] = s;
		while (this.hist[this.min] === 0) this.allAt[++this.min] = at;
	}
	countLoad(why) {
		this.loads++;
		this.loadReasons[why] = (this.loadReasons[why] ?? 0) + 1;
	}
}

/** Why LiveVersion would load on this message (null: it applies it or drops a repeat). */
function whyLoad(msg, version) {
	if (msg.snapshot) return 'snapshot';
	if (!msg.patch) return msg.v === version ? null : 'no patch';
	if (msg.prev !== version) return msg.v === version ? null : 'gap';
	return null;
}

/** A phone as the page is now: applies each message's patch in place, loads only when it must. */
class PatchPhone {
	constructor(i, ctx, start) {
		this.i = i;
		this.ctx = ctx;
		this.state = start.state;
		this.now = 0;
		this.why = null;
		this.refused = false;
		this.live = new ctx.LiveVersion(
			start.liveVersion,
			(patch) => this.apply(patch),
			() => this.load()
		);
	}
	receive(msg, now) {
		this.now = now;
		this.why = whyLoad(msg, this.live.version);
		this.live.receive(msg);
		this.why = null;
	}
	apply(patch) {
		const next = this.ctx.applyPhonePatch(this.state, patch);
		if (!next) {
			this.refused = true;
			return false;
		}
		this.state = next;
		this.ctx.phones.hold(this.i, tallySum(next.totals), this.now);
		return true;
	}
	async load() {
		const { phones } = this.ctx;
		phones.countLoad(this.why ?? (this.refused ? 'patch refused' : 'gap after a load'));
		this.refused = false;
		phones.busy++;
		try {
			await sleep(Math.random() * this.ctx.spreadMs);
			if (phones.stopped) throw new Error('stopped');
			const d = await loadPage(this.ctx.port, this.ctx.loadAgent, this.ctx.cookies[this.i], phones);
			this.state = d.state;
			phones.hold(this.i, d.sum, d.at);
			this.now = performance.now();
			return d.liveVersion ?? this.live.version;
		} catch (e) {
			phones.loadErrors++;
			throw e;
		} finally {
			phones.busy--;
		}
	}
}

/**
 * A phone as the page was before (93c400e, LiveUpdates.svelte): any message schedules one load
 * of the page data after a random 0..spreadMs; messages during a wait are folded into it, those
 * while it runs into one more.
 */
class ReloadPhone {
	constructor(i, ctx) {
		this.i = i;
		this.ctx = ctx;
		this.timer = null;
		this.running = false;
		this.again = false;
	}
	receive() {
		this.schedule();
	}
	schedule() {
		if (this.running) this.again = true;
		else if (!this.timer && !this.ctx.phones.stopped) {
			this.ctx.phones.busy++;
			this.timer = setTimeout(() => this.reload(), Math.random() * this.ctx.spreadMs);
		}
	}
	async reload() {
		const { phones } = this.ctx;
		this.timer = null;
		this.running = true;
		phones.countLoad('change');
		try {
			const d = await loadPage(this.ctx.port, this.ctx.loadAgent, this.ctx.cookies[this.i], phones);
			phones.hold(this.i, d.sum, d.at);
		} catch {
			phones.loadErrors++;
		} finally {
			this.running = false;
			phones.busy--;
			if (this.again) {
				this.again = false;
				this.schedule();
			}
		}
	}
	stop() {
		if (this.timer) clearTimeout(this.timer);
	}
}

/**
 * Opens phone i's `GET /live/events` (with `?since=` when the page has a version, as it does
 * now); every `change` message goes to the phone (and to the tracker, for "told").
 */
function openPhoneStream(port, pathname, cookie, i, phone, phones, tracker) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path: pathname,
				agent: false,
				headers: { cookie, accept: 'text/event-stream' }
			},
			(res) => {
				if (res.statusCode !== 200) {
					res.resume();
					reject(new Error(`stream ${i}: HTTP ${res.statusCode}`));
					return;
				}
				const decoder = new StringDecoder('utf8');
				let buf = '';
				const block = (text, now) => {
					let event = 'message';
					let data = null;
					let id = null;
					for (const line of text.split('\n')) {
						if (!line || line[0] === ':') continue;
						const c = line.indexOf(':');
						const field = c < 0 ? line : line.slice(0, c);
						let value = c < 0 ? '' : line.slice(c + 1);
						if (value[0] === ' ') value = value.slice(1);
						if (field === 'event') event = value;
						else if (field === 'data') data = data === null ? value : `${data}\n${value}`;
						else if (field === 'id') id = value;
					}
					if (event === 'replaced') phones.replaced++;
					if (event !== 'change' || data === null) return;
					phones.messages++;
					if (id !== null) tracker.receive(i, Number(id), Number(id), now);
					phone.receive(parseMessage(data), now);
				};
				res.on('data', (chunk) => {
					const now = performance.now();
					tracker.chunks++;
					phones.sseBytes += chunk.length;
					buf += decoder.write(chunk);
					let pos = 0;
					let end;
					while ((end = buf.indexOf('\n\n', pos)) >= 0) {
						block(buf.slice(pos, end), now);
						pos = end + 2;
					}
					if (pos) buf = buf.slice(pos);
				});
				res.on('error', () => {});
				resolve(req);
			}
		);
		req.on('error', reject);
		req.end();
	});
}

async function runTarget(kind, n, livePatch) {
	const dir = tmpDir(`olv-bench-${kind}-${n}-`);
	const port = await freePort();
	const logFile = path.join(dir, 'server.log');
	let setup;
	let server;
	let profDir = null;
	if (kind === 'app') {
		setup = await prepareDatabase(opts.app, dir, { postits: POSTITS, dots: DOTS });
		const nodeArgs = [];
		if (PROFILE_N === n) {
			profDir = path.join(RESULTS_DIR, 'prof');
			fs.mkdirSync(profDir, { recursive: true });
			nodeArgs.push(
				'--cpu-prof',
				`--cpu-prof-dir=${profDir}`,
				`--cpu-prof-name=app-${n}-${Date.now()}.cpuprofile`
			);
		}
		server = await startNode({
			cwd: opts.app,
			script: 'scripts/serve.js',
			env: appEnv(port, setup.dbFile),
			port,
			nodeArgs,
			logFile,
			readyPath: '/healthz'
		});
	} else {
		setup = {
			joinCode: 'FLOOR2',
			voteId: randomUUID(),
			postitIds: Array.from({ length: POSTITS }, () => randomUUID())
		};
		server = await startNode({
			cwd: BENCH_DIR,
			script: 'floor-server.mjs',
			env: { DOTS: String(DOTS), STEP_ID: setup.voteId, POSTIT_IDS: setup.postitIds.join(',') },
			port,
			logFile,
			readyPath: '/healthz'
		});
	}
	const log = (msg) =>
		console.log(`  [${kind} N=${n}] ${msg}  (load ${loadavg().split(' ').slice(0, 3).join(' ')})`);
	const rssStartMB = memory(server.pid).rss / 2 ** 20;
	const agent = new http.Agent({
		keepAlive: true,
		maxSockets: Math.max(CONCURRENCY, JOIN_CONCURRENCY)
	});
	// The phones' loads, each on its own connection as phones have.
	const loadAgent = new http.Agent({ keepAlive: true });
	const streams = [];
	let phoneList = [];
	let phones = null;
	try {
		// Join.
		let t = performance.now();
		const cookies = new Array(n);
		await pool(n, JOIN_CONCURRENCY, async (i) => {
			cookies[i] = await join(port, setup.joinCode, `Bench ${i}`, agent);
		});
		const joinSeconds = (performance.now() - t) / 1000;
		log(`${n} joined in ${joinSeconds.toFixed(1)} s`);
		const rssJoinedMB = memory(server.pid).rss / 2 ** 20;

		// The page as a phone loads it: its state and version (one load stands for all phones, which
		// all see the same room; the streams replay anything newer from that version).
		await sleep(300);
		const setupBytes = { loadBytes: 0 };
		const start = await loadPage(port, loadAgent, cookies[0], setupBytes);
		if (!start.state.totals || start.state.stepId !== setup.voteId)
			throw new Error(`the phone page shows no live tally of the vote: ${JSON.stringify(start)}`);
		const spreadMs = spreadOf(n);
		phones = new Phones(n, n * DOTS + 1, start.sum);
		const ctx = {
			phones,
			port,
			loadAgent,
			cookies,
			spreadMs,
			LiveVersion: livePatch?.LiveVersion,
			applyPhonePatch: livePatch?.applyPhonePatch
		};
		phoneList = Array.from({ length: n }, (_, i) =>
			RELOAD_MODE ? new ReloadPhone(i, ctx) : new PatchPhone(i, ctx, start)
		);
		const streamPath =
			RELOAD_MODE || start.liveVersion === null
				? '/live/events'
				: `/live/events?since=${start.liveVersion}`;

		// Open the streams.
		t = performance.now();
		const tracker = new EventTracker(n);
		await pool(n, 100, async (i) => {
			streams[i] = await openPhoneStream(
				port,
				streamPath,
				cookies[i],
				i,
				phoneList[i],
				phones,
				tracker
			);
		});
		for (let tries = 0; ; tries++) {
			const h = await readHealthLive(port);
			if (h.connections >= n) break;
			if (tries > 600) throw new Error(`only ${h.connections} of ${n} connections after 60 s`);
			await sleep(100);
		}
		const streamSeconds = (performance.now() - t) / 1000;
		log(`${n} streams open in ${streamSeconds.toFixed(1)} s`);
		await sleep(500);
		const rssStreamsMB = memory(server.pid).rss / 2 ** 20;
		await readHealthLive(port, true);
		const setupLoads = phones.loads;

		// Vote: task k*n+i is participant i's (k+1)-th dot; at most CONCURRENCY in flight.
		const tasks = n * DOTS;
		const sendAt = new Float64Array(tasks);
		const ackAt = new Float64Array(tasks);
		const seenAtSend = new Int32Array(tasks);
		const accepted = new Uint8Array(tasks);
		/** The floor's answer says where it counted the vote (0: not said). */
		const floorSeq = new Int32Array(tasks);
		const outcomes = {};
		const runTag = Date.now().toString(36);
		const clientIdOf = (task) => `${runTag}-${task % n}-${Math.floor(task / n)}`;
		const load0 = loadavg();
		const cpu0 = cpuSeconds(server.pid);
		const clientCpu0 = process.cpuUsage();
		const at0 = {
			sse: phones.sseBytes,
			load: phones.loadBytes,
			loads: phones.loads,
			messages: phones.messages
		};
		const t0 = performance.now();
		// The server's memory during the vote, twice a second: where a peak comes from.
		const memPeak = { heapUsed: 0, external: 0, arrayBuffers: 0, queued: 0 };
		const memTimer = setInterval(() => {
			readHealthLive(port)
				.then((h) => {
					for (const k of ['heapUsed', 'external', 'arrayBuffers'])
						memPeak[k] = Math.max(memPeak[k], (h.memory?.[k] ?? 0) / 2 ** 20);
					memPeak.queued = Math.max(memPeak.queued, h.queued ?? 0);
				})
				.catch(() => {});
		}, 500);
		await pool(tasks, CONCURRENCY, async (task) => {
			const i = task % n;
			const k = Math.floor(task / n);
			const body = {
				stepId: setup.voteId,
				postitId: setup.postitIds[(i + k) % setup.postitIds.length],
				clientId: clientIdOf(task)
			};
			seenAtSend[task] = tracker.maxSeen;
			sendAt[task] = performance.now();
			const r = await postDot(port, agent, cookies[i], body, VOTE_URL);
			ackAt[task] = performance.now();
			const key = `${r.type}${r.status && r.type !== 'success' ? ` ${r.status}` : ''}`;
			outcomes[key] = (outcomes[key] ?? 0) + 1;
			if (r.type === 'success') {
				accepted[task] = 1;
				if (r.text.includes('"seq":')) floorSeq[task] = JSON.parse(r.text).seq;
			} else if (!outcomes.sample) outcomes.sample = r.text.slice(0, 300);
		});
		const lastAck = performance.now();
		const okCount = accepted.reduce((a, b) => a + b, 0);
		const target = Math.min(phones.capacity, start.sum + okCount);
		// Wait until every stream has the newest message, every phone holds every accepted vote, no
		// load is waiting or running, and nothing changes for 500 ms.
		let doneAt = NaN;
		let cpu1 = NaN;
		let clientCpu1 = null;
		let stableSince = performance.now();
		let mark = '';
		while (performance.now() - lastAck < WAIT_MS) {
			const now = performance.now();
			const m = `${tracker.maxSeen} ${phones.min} ${phones.loads} ${phones.busy}`;
			if (m !== mark) {
				mark = m;
				stableSince = now;
				doneAt = NaN;
			}
			if (Number.isNaN(doneAt) && tracker.caughtUp() && phones.min >= target && phones.busy === 0) {
				const applied = phones.allAt[target];
				const told = tracker.complete[tracker.maxSeen];
				doneAt = Number.isNaN(applied) ? told : Math.max(applied, told);
				cpu1 = cpuSeconds(server.pid);
				clientCpu1 = process.cpuUsage(clientCpu0);
			}
			if (!Number.isNaN(doneAt) && now - stableSince > 500) break;
			await sleep(10);
		}
		if (Number.isNaN(doneAt))
			log(
				`WARNING: after ${WAIT_MS / 1000} s not every phone holds every vote ` +
					`(lowest tally held ${phones.min} of ${target}; told: ${tracker.caughtUp()})`
			);
		const at1 = {
			sse: phones.sseBytes,
			load: phones.loadBytes,
			loads: phones.loads,
			messages: phones.messages
		};
		const load1 = loadavg();
		clearInterval(memTimer);
		const metrics = await readHealthLive(port);
		const mem = memory(server.pid);
		log(
			`server memory peaks during the vote: heap used ${memPeak.heapUsed.toFixed(0)} MB, ` +
				`external ${memPeak.external.toFixed(0)} MB (array buffers ${memPeak.arrayBuffers.toFixed(0)} MB), ` +
				`stream backlog ${memPeak.queued} chunks`
		);
		const phaseSeconds = ((Number.isNaN(doneAt) ? lastAck : doneAt) - t0) / 1000;
		const voteSeconds = (lastAck - t0) / 1000;
		const clientCpuSec = clientCpu1 ? (clientCpu1.user + clientCpu1.system) / 1e6 : NaN;
		log(`${okCount} of ${tasks} votes accepted in ${voteSeconds.toFixed(2)} s`);

		// Budget and idempotency: a 6th dot for up to 200 participants must be refused; replaying
		// 50 accepted client ids must answer success without a new row.
		const extra = Math.min(n, 200);
		const sixth = { refused: 0, accepted: 0, other: 0 };
		await pool(extra, 32, async (i) => {
			const body = {
				stepId: setup.voteId,
				postitId: setup.postitIds[0],
				clientId: `${runTag}-${i}-extra`
			};
			const r = await postDot(port, agent, cookies[i], body, VOTE_URL);
			if (r.type === 'failure' && r.status === 409) sixth.refused++;
			else if (r.type === 'success') sixth.accepted++;
			else sixth.other++;
		});
		let replaysOk = 0;
		await pool(Math.min(n, 50), 16, async (i) => {
			const body = {
				stepId: setup.voteId,
				postitId: setup.postitIds[i % setup.postitIds.length],
				clientId: `${runTag}-${i}-0`
			};
			if ((await postDot(port, agent, cookies[i], body, VOTE_URL)).type === 'success') replaysOk++;
		});

		// The rank of each vote in the order the server committed them.
		const rank = new Int32Array(tasks);
		let rankSource;
		let db = null;
		if (kind === 'app') {
			const SQLite = appRequire(opts.app)('better-sqlite3');
			const conn = new SQLite(setup.dbFile, { readonly: true });
			const order = new Map(
				conn
					.prepare('select client_id from dot where step_id = ? order by rowid')
					.pluck()
					.all(setup.voteId)
					.map((id, at) => [id, at + 1])
			);
			for (let task = 0; task < tasks; task++)
				if (accepted[task]) rank[task] = order.get(clientIdOf(task)) ?? 0;
			rankSource = 'commit order (rowid of dot)';
			db = {
				dotRows: conn.prepare('select count(*) n from dot where step_id = ?').get(setup.voteId).n,
				expected: n * DOTS,
				participants: conn
					.prepare('select count(*) n from participant where session_id = ?')
					.get(setup.sessionId).n,
				overBudget: conn
					.prepare(
						'select count(*) n from (select participant_id from dot where step_id = ? group by participant_id having count(*) > ?)'
					)
					.get(setup.voteId, DOTS).n,
				notFive: conn
					.prepare(
						'select count(*) n from participant p where session_id = ? and (select count(*) from dot d where d.participant_id = p.id and d.step_id = ?) <> ?'
					)
					.get(setup.sessionId, setup.voteId, DOTS).n,
				journalMode: conn.pragma('journal_mode', { simple: true }),
				// PRAGMA synchronous is per connection, so it is read from the app's source.
				synchronous:
					/synchronous\s*=\s*(\w+)/.exec(readSource('src/lib/server/db/index.ts'))?.[1] ?? '?'
			};
			conn.close();
		} else if (floorSeq.some((s, task) => accepted[task] && s > 0)) {
			rank.set(floorSeq);
			rankSource = "the floor's counter";
		} else {
			const byAck = [...accepted.keys()]
				.filter((t) => accepted[t])
				.sort((a, b) => ackAt[a] - ackAt[b]);
			byAck.forEach((task, at) => (rank[task] = at + 1));
			rankSource = 'answer order';
		}

		const rtt = [];
		const observed = [];
		const sendToAll = [];
		const toScreen = [];
		let undelivered = 0;
		let unapplied = 0;
		for (let task = 0; task < tasks; task++) {
			rtt.push(ackAt[task] - sendAt[task]);
			if (!accepted[task]) continue;
			const level = start.sum + rank[task];
			const applied = rank[task] > 0 && level <= phones.capacity ? phones.allAt[level] : NaN;
			if (Number.isNaN(applied)) unapplied++;
			else toScreen.push(applied - sendAt[task]);
			const all = tracker.deliveredAfter(seenAtSend[task]);
			if (Number.isNaN(all)) {
				undelivered++;
				continue;
			}
			observed.push(Math.max(0, all - ackAt[task]));
			sendToAll.push(all - sendAt[task]);
		}
		const received = {
			sse: at1.sse - at0.sse,
			loads: at1.load - at0.load
		};
		const loadsDuringVote = at1.loads - at0.loads;
		if (loadsDuringVote && !RELOAD_MODE)
			log(
				`WARNING: ${loadsDuringVote} phone loads during the vote: ${JSON.stringify(phones.loadReasons)}`
			);

		return {
			kind,
			n,
			mode: MODE,
			votePath: VOTE_URL,
			joinSeconds,
			streamSeconds,
			votes: {
				sent: tasks,
				accepted: okCount,
				outcomes,
				seconds: voteSeconds,
				perSecond: okCount / voteSeconds
			},
			voteRttMs: { p50: percentile(rtt, 0.5), p99: percentile(rtt, 0.99) },
			serverMs: { p50: metrics.p50, p99: metrics.p99, max: metrics.max, samples: metrics.samples },
			toScreenMs: {
				p50: percentile(toScreen, 0.5),
				p99: percentile(toScreen, 0.99),
				max: percentile(toScreen, 1),
				unapplied,
				rankSource
			},
			ackToAllMs: {
				p50: percentile(observed, 0.5),
				p99: percentile(observed, 0.99),
				max: percentile(observed, 1),
				undelivered
			},
			observedMs: { p50: percentile(sendToAll, 0.5), p99: percentile(sendToAll, 0.99) },
			messages: {
				events: tracker.maxSeen - tracker.firstSeen + 1,
				perPhoneDuringVote: (at1.messages - at0.messages) / n,
				chunksReceived: tracker.chunks
			},
			bytes: {
				sseDuringVote: received.sse,
				loadsDuringVote: received.loads,
				perPhonePerVote: okCount ? (received.sse + received.loads) / n / okCount : null,
				ssePerPhonePerVote: okCount ? received.sse / n / okCount : null
			},
			loads: {
				duringVote: loadsDuringVote,
				beforeVote: setupLoads,
				reasons: phones.loadReasons,
				errors: phones.loadErrors,
				replaced: phones.replaced,
				spreadMs
			},
			serverCpuPct: ((cpu1 - cpu0) / phaseSeconds) * 100,
			clientCpuPct: (clientCpuSec / phaseSeconds) * 100,
			phaseSeconds,
			peakRssMB: mem.hwm / 2 ** 20,
			memoryPeaksMB: memPeak,
			rssAfterMB: metrics.rssBytes / 2 ** 20,
			rssStartMB,
			rssJoinedMB,
			rssStreamsMB,
			connectionsAtEnd: metrics.connections,
			budgetCheck: {
				sixthDot: sixth,
				replaysAnsweredSuccess: replaysOk,
				replaysSent: Math.min(n, 50)
			},
			db,
			loadavg: { before: load0, after: load1 },
			profile: profDir
		};
	} finally {
		if (phones) phones.stopped = true;
		for (const p of phoneList) p.stop?.();
		for (const s of streams) s?.destroy();
		agent.destroy();
		loadAgent.destroy();
		await server.stop();
		if (profDir) log(`CPU profile written to ${profDir}`);
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function readSource(rel) {
	try {
		return fs.readFileSync(path.join(opts.app, rel), 'utf8');
	} catch {
		return '';
	}
}

/** How many single-row commits per second SQLite manages here with WAL + synchronous=FULL. */
function fsyncProbe() {
	const dir = tmpDir('olv-bench-fsync-');
	try {
		const SQLite = appRequire(opts.app)('better-sqlite3');
		const db = new SQLite(path.join(dir, 'probe.db'));
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = FULL');
		db.exec('create table t (id integer primary key, v text)');
		const ins = db.prepare('insert into t (v) values (?)');
		const t = performance.now();
		let i = 0;
		while (performance.now() - t < 1000) ins.run(String(i++));
		const perSecond = i / ((performance.now() - t) / 1000);
		db.close();
		return Math.round(perSecond);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
ensureBuild(opts.app);
const info = machine();
const commitsPerSecond = fsyncProbe();
const livePatch = RELOAD_MODE ? null : await importLivePatch();
console.log(
	`bench/live — ${info.cores} cores, ${info.model}, ${info.memGB} GB, Node ${info.node}, ` +
		`kernel ${info.kernel}\napp: ${opts.app}\nload average at start: ${loadavg()}\n` +
		`SQLite single-row commits/s on this disk (WAL, synchronous=FULL): ${commitsPerSecond}\n` +
		`N = ${NS.join(', ')}; ${DOTS} dots each on ${POSTITS} post-its; ${CONCURRENCY} votes in flight ` +
		`to ${VOTE_URL}; joins ${JOIN_CONCURRENCY} in flight\n` +
		(RELOAD_MODE
			? `phones: reload mode (as before 0591b4f) — each message → GET ${DATA_PATH} after 0..spreadMs\n`
			: `phones: apply each patch with ${path.relative(process.cwd(), livePatch.file)} ` +
				`(${livePatch.how})\n`)
);

const results = [];
for (const n of NS) {
	for (const kind of opts['skip-floor'] ? ['app'] : ['app', 'floor']) {
		console.log(`${kind}, N=${n}…`);
		try {
			results.push(await runTarget(kind, n, livePatch?.mod));
		} catch (e) {
			console.log(`  FAILED: ${e.stack ?? e}`);
			results.push({ kind, n, error: String(e.message ?? e) });
		}
	}
}

const ok = (r) => r && !r.error;
const threeOf = (m) => `${fmt(m.p50)}/${fmt(m.p99)}/${fmt(m.max)}`;
const headline = [];
const ratios = [];
for (const n of NS) {
	const app = results.find((r) => r.kind === 'app' && r.n === n);
	const floor = results.find((r) => r.kind === 'floor' && r.n === n && ok(r));
	if (!ok(app)) {
		headline.push([
			n,
			MODE,
			`failed: ${(app?.error ?? '?').slice(0, 60)}`,
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			''
		]);
		continue;
	}
	const ratio = floor
		? {
				n,
				p50: app.toScreenMs.p50 / floor.toScreenMs.p50,
				p99: app.toScreenMs.p99 / floor.toScreenMs.p99,
				serverRatio: app.serverMs.p99 / floor.serverMs.p99,
				toldRatio: app.observedMs.p99 / floor.observedMs.p99
			}
		: null;
	if (ratio) ratios.push(ratio);
	headline.push([
		n,
		MODE,
		fmt(app.votes.perSecond, 0),
		threeOf(app.toScreenMs),
		`${fmt(app.observedMs.p50)}/${fmt(app.observedMs.p99)}`,
		floor ? `${fmt(floor.toScreenMs.p50)}/${fmt(floor.toScreenMs.p99)}` : '–',
		ratio ? `${fmt(ratio.p50, 2)}/${fmt(ratio.p99, 2)}` : '–',
		fmt(app.bytes.perPhonePerVote, 1),
		app.loads.duringVote,
		fmt(app.peakRssMB, 0),
		fmt(app.clientCpuPct, 0)
	]);
}
console.log(
	'\n' +
		table(
			[
				'N',
				'phones',
				'votes/s',
				'to-screen p50/p99/max ms',
				'told p50/p99 ms',
				'floor to-screen p50/p99 ms',
				'ratio p50/p99',
				'bytes/phone/vote',
				'loads',
				'RSS peak MB',
				'gen CPU %'
			],
			headline
		)
);

const rows = [];
for (const r of results) {
	if (r.error) {
		rows.push([
			r.kind,
			r.n,
			'failed: ' + r.error.slice(0, 60),
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			'',
			''
		]);
		continue;
	}
	rows.push([
		r.kind,
		r.n,
		fmt(r.votes.perSecond, 0),
		`${fmt(r.voteRttMs.p50)}/${fmt(r.voteRttMs.p99)}`,
		`${fmt(r.serverMs.p50)}/${fmt(r.serverMs.p99)}`,
		threeOf(r.toScreenMs),
		`${fmt(r.observedMs.p50)}/${fmt(r.observedMs.p99)}`,
		`${fmt(r.ackToAllMs.p50)}/${fmt(r.ackToAllMs.p99)}`,
		`${r.messages.events}/${fmt(r.bytes.perPhonePerVote, 1)}/${r.loads.duringVote}`,
		fmt(r.serverCpuPct, 0),
		`${fmt(r.rssStartMB, 0)}/${fmt(r.rssJoinedMB, 0)}/${fmt(r.rssStreamsMB, 0)}/${fmt(r.peakRssMB, 0)}`,
		fmt(r.clientCpuPct, 0),
		r.loadavg.after.split(' ').slice(0, 3).join(' ')
	]);
}
console.log(
	'\n' +
		table(
			[
				'target',
				'N',
				'votes/s',
				'vote rtt p50/p99 ms',
				'server p50/p99 ms',
				'to-screen p50/p99/max ms',
				'told p50/p99 ms',
				'ack→all p50/p99 ms',
				'msgs/B per vote/loads',
				'srv CPU %',
				'RSS MB start/joined/streams/peak',
				'gen CPU %',
				'load avg after'
			],
			rows
		)
);

console.log('');
for (const n of NS) {
	const app = results.find((r) => r.kind === 'app' && r.n === n && ok(r));
	if (!app) {
		console.log(`N=${n}: the app run failed — target "participants held" not met`);
		continue;
	}
	const ratio = ratios.find((x) => x.n === n);
	const serverTarget = n <= 1000 ? 20 : 100;
	const lines = [
		`participants held: ${app.connectionsAtEnd}/${n} ${app.connectionsAtEnd >= n ? 'OK' : 'MISSED'}`,
		`server p99 ${fmt(app.serverMs.p99)} ms (target ≤ ${serverTarget}) ${app.serverMs.p99 <= serverTarget ? 'OK' : 'MISSED'}`,
		`votes/s ${fmt(app.votes.perSecond, 0)} (target ≥ 2000, synchronous=${app.db?.synchronous}, ${app.votePath}) ${app.votes.perSecond >= 2000 ? 'OK' : 'MISSED'}`,
		`phones: ${app.toScreenMs.unapplied} accepted votes never held by every phone; ` +
			`${app.loads.duringVote} loads during the vote, ${app.loads.beforeVote} before it ` +
			`(why: ${JSON.stringify(app.loads.reasons)}), ` +
			`${app.loads.errors} failed; ${app.messages.perPhoneDuringVote.toFixed(0)} messages per phone; ` +
			`vote order: ${app.toScreenMs.rankSource}`
	];
	if (n >= 5000)
		lines.push(
			`peak RSS ${fmt(app.peakRssMB, 0)} MB (target ≤ 400) ${app.peakRssMB <= 400 ? 'OK' : 'MISSED'}`
		);
	if (ratio) {
		lines.push(
			`p99 / floor p99 (target ≤ 1.5): to-screen ${fmt(ratio.p99, 2)} ${ratio.p99 <= 1.5 ? 'OK' : 'MISSED'}, ` +
				`server-side ${fmt(ratio.serverRatio, 2)} ${ratio.serverRatio <= 1.5 ? 'OK' : 'MISSED'}, ` +
				`told ${fmt(ratio.toldRatio, 2)}`
		);
	}
	if (app.db) {
		lines.push(
			`database: ${app.db.dotRows} dot rows (expected ${app.db.expected}), ${app.db.overBudget} participants over budget, ` +
				`${app.db.notFive} without exactly ${DOTS}; 6th dot refused ${app.budgetCheck.sixthDot.refused}/${app.budgetCheck.sixthDot.refused + app.budgetCheck.sixthDot.accepted + app.budgetCheck.sixthDot.other}; ` +
				`replays answered success ${app.budgetCheck.replaysAnsweredSuccess}/${app.budgetCheck.replaysSent}`
		);
	}
	console.log(`N=${n}:\n  ${lines.join('\n  ')}`);
}
console.log(
	`\nvotes/s: accepted votes / (first vote sent → last acknowledgement). vote rtt: send → JSON answer.\n` +
		`${TO_SCREEN_DEFINITION}\n${TOLD_DEFINITION}\n${SERVER_DEFINITION}\n${BYTES_DEFINITION}\n${LOADS_DEFINITION}\n` +
		`msgs: SSE messages (event ids) each stream received during the run. srv CPU: server utime+stime ` +
		`over the vote phase (first vote → every phone holds every vote), % of one core. RSS: server VmRSS ` +
		`after start, after the N joins, with the N streams open, and VmHWM (peak, whole life). gen CPU: this load generator (the N phones), same window.\n` +
		`Floor: bench/floor-server.mjs, bare node:http, no framework, no database, in-memory budget and tally, ` +
		`same requests, the same message (v, prev, topics, patch.totals with every post-it's count), ` +
		`batched per event-loop turn (setImmediate flush; the app waits max(5 ms, connections/100 ms) between messages), 25 s heartbeat.`
);

fs.mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = new Date().toISOString().replace(/:/g, '').slice(0, 17);
const file = path.join(RESULTS_DIR, `live-${stamp}.json`);
fs.writeFileSync(
	file,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			machine: { ...info, loadavgAtEnd: loadavg(), sqliteCommitsPerSecond: commitsPerSecond },
			app: opts.app,
			settings: {
				n: NS,
				dots: DOTS,
				postits: POSTITS,
				concurrency: CONCURRENCY,
				joinConcurrency: JOIN_CONCURRENCY,
				votePath: VOTE_URL,
				phones: MODE,
				livePatch: livePatch ? { file: livePatch.file, how: livePatch.how } : null
			},
			definitions: {
				toScreen: TO_SCREEN_DEFINITION,
				told: TOLD_DEFINITION,
				server: SERVER_DEFINITION,
				bytes: BYTES_DEFINITION,
				loads: LOADS_DEFINITION
			},
			results,
			ratios
		},
		null,
		2
	) + '\n'
);
console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
