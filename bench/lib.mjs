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
		// The load generator is one address holding every phone's stream.
		LIVE_MAX_PER_ADDRESS: '1000000',
		LOG_LEVEL: 'warn',
		NODE_ENV: 'development',
		...extra
	};
}

const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * Starts the real server once with SEED_DEMO=1 on `databaseUrl` (a SQLite file or
 * postgres://…) and stops it: the migrations and a demo network, as a fresh install has them.
 */
export async function seedDatabase(appDir, dir, databaseUrl) {
	const port = await freePort();
	const server = await startNode({
		cwd: appDir,
		script: 'scripts/serve.js',
		env: appEnv(port, databaseUrl, { SEED_DEMO: '1' }),
		port,
		logFile: path.join(dir, 'seed.log'),
		readyPath: '/healthz'
	});
	await server.stop();
}

/**
 * Inserts one live session through `query(sql, params)` (placeholders `?`, any dialect; runs
 * inside the caller's transaction): a closed post-it round with `postits` post-its and an open
 * dot vote on it (`dots` dots, no per-item maximum, live tally) as the current step. With
 * `openRound: { maxPerPerson }` a third step, an open post-it round, takes post-its at the
 * same time (the POSTs name their step; the current step does not matter for them).
 */
async function insertLiveSession(query, { postits = 20, dots = 5, openRound = null } = {}) {
	const [network] = await query('select id, created_by from network limit 1', []);
	if (!network) throw new Error('the demo seed made no network');
	const now = new Date().toISOString();
	const sessionId = randomUUID();
	const roundId = randomUUID();
	const voteId = randomUUID();
	const openRoundId = openRound ? randomUUID() : null;
	let joinCode = '';
	for (let i = 0; i < 6; i++) joinCode += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
	await query(
		`insert into network_session (id, network_id, title, place, theme, objectives, status,
		  created_by, created_at, updated_at, join_code, current_step_id)
		 values (?, ?, 'Bench live session', '', '', '', 'live', ?, ?, ?, ?, ?)`,
		[sessionId, network.id, network.created_by, now, now, joinCode, voteId]
	);
	const step = (id, position, kind, title, state, source, dotCount, maxPerPerson) =>
		query(
			`insert into agenda_step (id, session_id, position, kind, title, prompt, questions,
			  state, source_step_id, dots, max_dots_per_item, tally, max_per_person)
			 values (?, ?, ?, ?, ?, '', '', ?, ?, ?, null, ?, ?)`,
			[
				id,
				sessionId,
				position,
				kind,
				title,
				state,
				source,
				dotCount,
				kind === 'dot_vote' ? 'live' : null,
				maxPerPerson
			]
		);
	await step(roundId, 1, 'postit_round', 'Ideas', 'closed', null, null, null);
	await step(voteId, 2, 'dot_vote', 'Vote', 'open', roundId, dots, null);
	if (openRound) {
		await step(
			openRoundId,
			3,
			'postit_round',
			'More ideas',
			'open',
			null,
			null,
			openRound.maxPerPerson ?? 3
		);
	}
	const postitIds = [];
	for (let i = 0; i < postits; i++) {
		const id = randomUUID();
		postitIds.push(id);
		await query(
			`insert into postit (id, step_id, participant_id, client_id, text, is_hidden, created_at,
			  updated_at) values (?, ?, null, ?, ?, 0, ?, ?)`,
			[id, roundId, `bench-postit-${id}`, `Idea number ${i + 1}`, now, now]
		);
	}
	return { sessionId, roundId, voteId, openRoundId, joinCode, postitIds };
}

/**
 * A fresh SQLite file with the schema and demo network (one start of the real server with
 * SEED_DEMO=1), then one live session inserted directly: a closed post-it round with `postits`
 * post-its and an open dot vote on it (5 dots, no per-item maximum, live tally); with
 * `openRound` also an open post-it round (see insertLiveSession).
 */
export async function prepareDatabase(appDir, dir, { postits = 20, dots = 5, openRound } = {}) {
	const dbFile = path.join(dir, 'olievlek.db');
	await seedDatabase(appDir, dir, dbFile);
	const SQLite = appRequire(appDir)('better-sqlite3');
	const db = new SQLite(dbFile);
	db.pragma('journal_mode = WAL');
	db.exec('begin');
	let session;
	try {
		session = await insertLiveSession(
			async (sql, params) => {
				const st = db.prepare(sql);
				return st.reader ? st.all(...params) : (st.run(...params), []);
			},
			{ postits, dots, openRound }
		);
		db.exec('commit');
	} catch (e) {
		db.exec('rollback');
		throw e;
	} finally {
		db.close();
	}
	return { dbFile, ...session };
}

/** `postgres://…/<name>`: the same server and credentials as `url`, another database. */
export function pgDatabaseUrl(url, name) {
	const u = new URL(url);
	u.pathname = `/${name}`;
	return u.toString();
}

/**
 * PostgreSQL: a fresh database `name` beside the one `adminUrl` points at, seeded like
 * prepareDatabase (the server's own migrations and demo network, then the live session
 * inserted with SQL). Resolves the same fields plus `databaseUrl` and `drop()`.
 */
export async function preparePostgres(appDir, dir, adminUrl, name, opts = {}) {
	const pg = appRequire(appDir)('pg');
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`create database "${name}"`);
	} finally {
		await admin.end();
	}
	const databaseUrl = pgDatabaseUrl(adminUrl, name);
	const drop = async () => {
		const c = new pg.Client({ connectionString: adminUrl });
		await c.connect();
		try {
			await c.query(`drop database if exists "${name}" with (force)`);
		} finally {
			await c.end();
		}
	};
	try {
		await seedDatabase(appDir, dir, databaseUrl);
		const client = new pg.Client({ connectionString: databaseUrl });
		await client.connect();
		let session;
		try {
			await client.query('begin');
			session = await insertLiveSession(async (sql, params) => {
				let n = 0;
				const { rows } = await client.query(
					sql.replace(/\?/g, () => `$${++n}`),
					params
				);
				return rows;
			}, opts);
			await client.query('commit');
		} finally {
			await client.end();
		}
		return { databaseUrl, drop, ...session };
	} catch (e) {
		await drop().catch(() => {});
		throw e;
	}
}

/**
 * A plain HTTP request; resolves { status, headers, body } (body as a string). With `timeout`
 * (ms) it fails when the whole exchange takes longer.
 */
export function request(port, method, pathname, { headers = {}, body, agent, timeout } = {}) {
	return new Promise((resolve, reject) => {
		let timer = null;
		const done = (fn) => (v) => {
			if (timer) clearTimeout(timer);
			fn(v);
		};
		const req = http.request(
			{ host: '127.0.0.1', port, method, path: pathname, headers, agent },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on(
					'end',
					done(() =>
						resolve({
							status: res.statusCode,
							headers: res.headers,
							body: Buffer.concat(chunks).toString('utf8')
						})
					)
				);
				res.on('error', done(reject));
			}
		);
		req.on('error', done(reject));
		if (timeout) {
			timer = setTimeout(() => req.destroy(new Error(`timeout after ${timeout} ms`)), timeout);
		}
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

// ---------------------------------------------------------------------------------------------
// Live streams, votes and sign-in for bench/pages.mjs and bench/relay.mjs (same logic as
// bench/live.mjs's own copies).

/**
 * Per-connection SSE state for `n` streams and, per event id, the performance.now() at which the
 * last of the n streams had received it ("observed" in bench/live).
 */
export class EventTracker {
	constructor(n) {
		this.n = n;
		this.size = 1 << 16;
		this.count = new Int32Array(this.size);
		this.complete = new Float64Array(this.size);
		this.last = new Int32Array(n).fill(-1);
		this.maxSeen = 0;
		this.firstSeen = 0;
		this.chunks = 0;
	}
	grow(id) {
		while (id >= this.size) this.size *= 2;
		const count = new Int32Array(this.size);
		count.set(this.count);
		const complete = new Float64Array(this.size);
		complete.set(this.complete);
		this.count = count;
		this.complete = complete;
	}
	receive(i, firstId, lastId, now) {
		// The app's ids start from the clock (so they stay unique across restarts): count from
		// the first id this tracker sees.
		if (this.base === undefined) this.base = firstId - 1;
		firstId -= this.base;
		lastId -= this.base;
		if (lastId >= this.size) this.grow(lastId);
		const from = this.last[i] < 0 ? firstId : this.last[i] + 1;
		if (!this.firstSeen || from < this.firstSeen) this.firstSeen = from;
		for (let id = from; id <= lastId; id++) {
			if (++this.count[id] === this.n) this.complete[id] = now;
		}
		if (lastId > this.last[i]) this.last[i] = lastId;
		if (lastId > this.maxSeen) this.maxSeen = lastId;
	}
	/** performance.now() at which every stream had an id > `seen`, or NaN. */
	deliveredAfter(seen) {
		const id = seen + 1;
		return id < this.size && this.count[id] === this.n ? this.complete[id] : NaN;
	}
	/** True when every stream has the newest id any stream has seen. */
	caughtUp() {
		return this.maxSeen > 0 && this.count[this.maxSeen] === this.n;
	}
}

const sseIdAt = (s, at) => parseInt(s.slice(at + 4, s.indexOf('\n', at)), 10);

/** Opens `GET /live/events` for stream `i` of `tracker`; resolves the request (destroy() ends it). */
export function openEventStream(port, cookie, tracker, i) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path: '/live/events',
				agent: false,
				headers: { cookie, accept: 'text/event-stream' }
			},
			(res) => {
				if (res.statusCode !== 200) {
					res.resume();
					reject(new Error(`stream ${i}: HTTP ${res.statusCode}`));
					return;
				}
				res.setEncoding('latin1');
				let carry = '';
				res.on('data', (chunk) => {
					const now = performance.now();
					tracker.chunks++;
					const s = carry ? carry + chunk : chunk;
					const end = s.lastIndexOf('\n\n');
					if (end < 0) {
						carry = s;
						return;
					}
					carry = s.slice(end + 2);
					const lastAt = s.lastIndexOf('id: ', end);
					if (lastAt < 0) return;
					const lastId = sseIdAt(s, lastAt);
					const firstId = tracker.last[i] < 0 ? sseIdAt(s, s.indexOf('id: ')) : lastId;
					tracker.receive(i, firstId, lastId, now);
				});
				res.on('error', () => {});
				resolve(req);
			}
		);
		req.on('error', reject);
		req.end();
	});
}

/**
 * One dot, JSON answer; resolves { type, status, text }. `pathname`: the page's form action
 * (`/live?/dot`, the default) or the lean endpoint the phone's script uses (`/live/dots`).
 */
export function postDot(
	port,
	agent,
	cookie,
	{ stepId, postitId, clientId },
	pathname = '/live?/dot'
) {
	const body = new URLSearchParams({ stepId, postitId, clientId }).toString();
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: pathname,
				agent,
				headers: {
					cookie,
					origin: `http://localhost:${port}`,
					accept: 'application/json',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body)
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c) => (text += c));
				res.on('end', () => {
					let type = 'error';
					let status = res.statusCode;
					try {
						const j = JSON.parse(text);
						type = j.type;
						status = j.status ?? status;
					} catch {
						/* not JSON */
					}
					resolve({ type, status, text });
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** GET /healthz/live (the server runs with LIVE_METRICS=1); `reset` clears its samples. */
export async function readHealthLive(port, reset = false) {
	return JSON.parse((await request(port, 'GET', `/healthz/live${reset ? '?reset' : ''}`)).body);
}

/** Waits until /healthz/live counts at least `n` connections (up to `ms`). */
export async function waitForConnections(port, n, ms = 60_000) {
	const deadline = Date.now() + ms;
	for (;;) {
		const h = await readHealthLive(port);
		if (h.connections >= n) return h;
		if (Date.now() > deadline) throw new Error(`only ${h.connections} of ${n} connections`);
		await sleep(100);
	}
}

/**
 * Signs a member in with e-mail and password (`POST /sign-in?/password`, as the form does with
 * JavaScript on); resolves the cookie header (better-auth.session_token and any other cookie).
 */
export async function signIn(port, email, password) {
	const res = await request(port, 'POST', '/sign-in?/password', {
		headers: {
			origin: `http://localhost:${port}`,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password }).toString()
	});
	const cookie = cookiesFrom(res);
	if (!/better-auth\.session_token=/.test(cookie)) {
		throw new Error(`sign-in failed: HTTP ${res.status} ${res.body.slice(0, 300)}`);
	}
	return cookie;
}

/**
 * /proc/<pid>/schedstat: seconds on a CPU and seconds runnable but waiting for one (the machine
 * was busy). Wall time minus both is time the process slept: idle, or blocked (e.g. in fsync).
 */
export function schedSeconds(pid) {
	const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
	return { run: Number(run) / 1e9, wait: Number(wait) / 1e9 };
}

/**
 * How many single-row SQLite commits per second this disk manages with WAL + synchronous=FULL
 * (one commit, one fsync), measured for `ms`; also the mean milliseconds per commit.
 */
export function sqliteCommitProbe(appDir, ms = 1000) {
	const dir = tmpDir('olv-bench-fsync-');
	try {
		const SQLite = appRequire(appDir)('better-sqlite3');
		const db = new SQLite(path.join(dir, 'probe.db'));
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = FULL');
		db.exec('create table t (id integer primary key, v text)');
		const ins = db.prepare('insert into t (v) values (?)');
		const t = performance.now();
		let i = 0;
		while (performance.now() - t < ms) ins.run(String(i++));
		const elapsed = performance.now() - t;
		db.close();
		return { perSecond: Math.round(i / (elapsed / 1000)), msPerCommit: elapsed / i };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
