// Crash test: a live session under post-it and vote load from simulated phones that log every
// acknowledgement they receive; the server is killed with SIGKILL at a random moment, restarted
// at once, the phones reconnect and retry with their own client ids, and so on for N cycles. At
// the end the phones' acknowledgements are compared with the database.
//
// Mail jobs: meanwhile a coordinator invites new people (each invitation commits a `mail` job in
// its transaction); the kills land among them and among the worker's deliveries. At the end
// every committed invitation must have been delivered to the development outbox exactly once.
//
//   node bench/crash.mjs [--cycles=200] [--quick] [--db=sqlite,postgres] [--participants=50]
//                        [--pg-url=postgres://postgres@127.0.0.1:56999/postgres] [--app=DIR]
//                        [--sse-retry=MS] [--keep]
//
// Exit code 1 on any lost, duplicated or over-budget input (or inputs that never settled);
// missed time targets are printed only. Results: a table per database on stdout and
// bench/results/crash-<date>.json. See bench/README.md (bench:crash) for the definitions.
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
	BENCH_DIR,
	checkNode,
	ensureBuild,
	fmt,
	freePort,
	join,
	loadavg,
	machine,
	parseArgs,
	percentile,
	pool,
	prepareDatabase,
	preparePostgres,
	request,
	signIn,
	sleep,
	table,
	appEnv,
	appRequire,
	tmpDir
} from './lib.mjs';

checkNode();
const opts = parseArgs();
const CYCLES = opts.quick ? 10 : Number(opts.cycles ?? 200);
const DATABASES = String(opts.db ?? 'sqlite,postgres')
	.split(',')
	.flatMap((d) => (d === 'both' ? ['sqlite', 'postgres'] : [d]));
for (const d of DATABASES) {
	if (d !== 'sqlite' && d !== 'postgres') throw new Error(`--db: sqlite or postgres, not ${d}`);
}
const PG_URL = String(
	opts['pg-url'] ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:56999/postgres'
);
const PARTICIPANTS = Math.max(2, Number(opts.participants ?? 50));
const POSTERS = Math.ceil(PARTICIPANTS / 2);
const VOTERS = PARTICIPANTS - POSTERS;
/** The vote's budget per participant, and the open round's post-its per participant. */
const DOTS = 5;
const MAX_PER_PERSON = 50;
/** Inputs one phone may have in flight (a double tap, an outbox with two waiting). */
const LANES = 2;
/** Think time between one phone's inputs, ms (uniform). */
const THINK = { post: [0, 100], dot: [0, 300] };
/** The kill comes this long into each cycle's load, ms (uniform). */
const KILL_AT = [300, 1500];
/** null: honour the server's `retry:` as a browser's EventSource does. */
const SSE_RETRY = opts['sse-retry'] === undefined ? null : Number(opts['sse-retry']);
const CURRENT_TIMEOUT_MS = 15_000;
const SETTLE_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;
const TARGET = { servingS: 1, currentS: 3 };
/** The coordinator's invitations in flight at a time, and the wait between two, ms. */
const INVITERS = 4;
const INVITE_THINK = [20, 120];
/** How long a killed instance's claim on a job holds (JOB_LEASE_SECONDS), and the wait for mail. */
const JOB_LEASE_SECONDS = 2;
const MAIL_DRAIN_TIMEOUT_MS = 60_000;
const COORDINATOR = { email: 'coordinator@olievlek.test', password: 'olievlek-demo-2026' };
// The test suite points this elsewhere, so `npm test` leaves no result files in the repository.
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR || path.join(BENCH_DIR, 'results');

const CURRENT_DEFINITION =
	"current again = the phone's event stream, cut by the kill, has reconnected (after the " +
	"server's `retry:` delay, as a browser's EventSource does" +
	(SSE_RETRY === null ? '' : `; here overridden: ${SSE_RETRY} ms`) +
	'), received its first message from the new process, and the data reload that message ' +
	'triggers (GET /live/__data.json) has answered 200; seconds from the restart (spawn). ' +
	'The bench reloads at once; a real phone adds a random spread of up to 0.8 s in a room this size.';

const rand = (lo, hi) => lo + Math.random() * (hi - lo);
const now = () => performance.now();

/** Every server this process started, so an interruption kills them. */
const live = new Set();
const killAll = () => {
	for (const p of live) p.kill('SIGKILL');
};
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		killAll();
		process.exit(130);
	});
}

function spawnServer(run) {
	const out = fs.openSync(run.logFile, 'a');
	const proc = spawn(process.execPath, ['scripts/serve.js'], {
		cwd: opts.app,
		env: { ...process.env, ...run.env },
		stdio: ['ignore', out, out]
	});
	fs.closeSync(out);
	live.add(proc);
	const exit = new Promise((r) =>
		proc.once('exit', (code, signal) => {
			live.delete(proc);
			r({ code, signal });
		})
	);
	return { proc, exit, spawnedAt: now(), exited: false };
}

/** Seconds from spawn to the first 200 from /healthz (polled every 10 ms). */
async function waitServing(run, server) {
	let gone = false;
	void server.exit.then(() => (gone = true));
	const deadline = now() + 60_000;
	for (;;) {
		if (gone) {
			const log = fs.readFileSync(run.logFile, 'utf8').slice(-2000);
			throw new Error(`server exited during start; see ${run.logFile}:\n${log}`);
		}
		try {
			const r = await request(run.port, 'GET', '/healthz', { agent: false, timeout: 1000 });
			if (r.status === 200) return (now() - server.spawnedAt) / 1000;
		} catch {
			/* not listening yet */
		}
		if (now() > deadline) throw new Error(`server did not serve /healthz; see ${run.logFile}`);
		await sleep(10);
	}
}

/** Minimal EventSource: reconnects after the server's `retry:` with Last-Event-ID. */
class Stream {
	constructor(run, phone) {
		this.run = run;
		this.phone = phone;
		this.lastId = null;
		this.retryMs = SSE_RETRY ?? 3000;
		this.closed = false;
		this.connected = false;
		this.req = null;
		this.timer = null;
		this.opened = null;
		this.ready = new Promise((r) => (this.opened = r));
	}

	open() {
		if (this.closed) return;
		const conn = { inc: this.run.incarnation, lastIdSent: this.lastId, first: true, ended: false };
		const headers = { cookie: this.phone.cookie, accept: 'text/event-stream' };
		if (this.lastId !== null) headers['last-event-id'] = String(this.lastId);
		const req = http.request({
			host: '127.0.0.1',
			port: this.run.port,
			path: '/live/events',
			headers,
			agent: false
		});
		this.req = req;
		const ended = () => {
			if (conn.ended) return;
			conn.ended = true;
			this.connected = false;
			this.reconnectLater();
		};
		req.on('error', ended);
		req.on('response', (res) => {
			if (res.statusCode !== 200) {
				// A browser's EventSource would give up here for good; count it and carry on.
				this.run.stats.streamRefusals++;
				res.resume();
				res.on('end', ended);
				return;
			}
			this.connected = true;
			this.run.stats.streamConnects++;
			let buf = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => {
				buf += chunk;
				let i;
				while ((i = buf.search(/\r?\n\r?\n/)) >= 0) {
					const block = buf.slice(0, i);
					buf = buf.slice(i + (buf[i] === '\r' ? 4 : 2));
					this.onBlock(block, conn);
				}
			});
			res.on('error', ended);
			res.on('close', ended);
			res.on('end', ended);
		});
		req.end();
	}

	onBlock(block, conn) {
		let id = null;
		let data = null;
		for (const line of block.split(/\r?\n/)) {
			if (!line || line.startsWith(':')) continue;
			const c = line.indexOf(':');
			const field = c < 0 ? line : line.slice(0, c);
			const value = c < 0 ? '' : line.slice(c + 1).replace(/^ /, '');
			if (field === 'retry' && /^\d+$/.test(value)) {
				if (SSE_RETRY === null) this.retryMs = Number(value);
				this.opened();
			} else if (field === 'id') id = value;
			else if (field === 'data') data = (data === null ? '' : data + '\n') + value;
		}
		if (id !== null) this.lastId = id;
		if (data === null) return;
		let topics = [];
		try {
			topics = JSON.parse(data).topics ?? [];
		} catch {
			/* not ours */
		}
		this.run.stats.messages++;
		this.phone.onMessage({ id, topics }, conn);
		conn.first = false;
	}

	reconnectLater() {
		if (this.closed || this.timer) return;
		this.timer = setTimeout(() => {
			this.timer = null;
			this.open();
		}, this.retryMs);
	}

	close() {
		this.closed = true;
		if (this.timer) clearTimeout(this.timer);
		this.req?.destroy();
	}
}

const outcomeOf = (res) => {
	if (res.status >= 500) return 'retry';
	let j;
	try {
		j = JSON.parse(res.body);
	} catch {
		return 'unexpected';
	}
	if (j.type === 'success') return 'ack';
	if (j.type === 'failure' && j.status === 409) return 'refused';
	if (j.type === 'error') return 'retry';
	return 'unexpected';
};

/** One simulated phone: joins, keeps a stream open, and posts or votes within its budget. */
class Phone {
	constructor(run, cohort, kind, index) {
		this.run = run;
		this.cohort = cohort;
		this.kind = kind;
		this.name = `c${cohort.n}-${kind}${index}`;
		this.budget = kind === 'post' ? MAX_PER_PERSON : DOTS;
		this.acked = 0;
		this.inflight = 0;
		this.n = 0;
		this.probed = false;
		this.cookie = '';
		this.stream = null;
	}

	async join() {
		for (let attempt = 1; ; attempt++) {
			try {
				this.cookie = await join(this.run.port, this.run.setup.joinCode, this.name, this.run.agent);
				break;
			} catch (e) {
				if (attempt > 50) throw e;
				await sleep(100);
			}
		}
		this.stream = new Stream(this.run, this);
		this.stream.open();
		await this.stream.ready;
	}

	newInput(probe) {
		const n = ++this.n;
		const clientId = `${this.run.tag}-${this.name}-${n}`;
		const { setup } = this.run;
		if (this.kind === 'post') {
			const text = `${this.name} idea ${n}`;
			return {
				kind: 'post',
				clientId,
				text,
				probe,
				path: '/live?/post',
				body: new URLSearchParams({ stepId: setup.openRoundId, clientId, text }).toString()
			};
		}
		const postitId = setup.postitIds[randomInt(setup.postitIds.length)];
		return {
			kind: 'dot',
			clientId,
			probe,
			path: '/live?/dot',
			body: new URLSearchParams({ stepId: setup.voteId, postitId, clientId }).toString()
		};
	}

	async lane() {
		const [lo, hi] = THINK[this.kind];
		for (;;) {
			if (this.cohort.stopped) return;
			await sleep(rand(lo, hi));
			if (this.cohort.stopped) return;
			if (this.acked + this.inflight < this.budget) await this.send(this.newInput(false));
			else if (this.acked >= this.budget && this.inflight === 0 && !this.probed) {
				// One input beyond the budget: the server must refuse it (409).
				this.probed = true;
				await this.send(this.newInput(true));
			} else if (this.inflight > 0) await sleep(20);
			else return;
		}
	}

	/** Sends one input until it is answered; retries the same client id on any failure. */
	async send(input) {
		const { run } = this;
		this.inflight++;
		input.cycle = this.cohort.n;
		input.phone = this.name;
		input.attempts = 0;
		input.errors = [];
		run.sent.set(input.clientId, input);
		let outcome;
		for (;;) {
			input.attempts++;
			let res = null;
			try {
				res = await request(run.port, 'POST', input.path, {
					agent: run.agent,
					timeout: REQUEST_TIMEOUT_MS,
					headers: {
						origin: `http://localhost:${run.port}`,
						accept: 'application/json',
						'x-sveltekit-action': 'true',
						'content-type': 'application/x-www-form-urlencoded',
						cookie: this.cookie
					},
					body: input.body
				});
			} catch (e) {
				input.errors.push(e.code ?? e.message);
			}
			outcome = res ? outcomeOf(res) : 'retry';
			if (res && outcome === 'retry') input.errors.push(`HTTP ${res.status}`);
			if (outcome !== 'retry') {
				input.status = res.status;
				if (outcome === 'unexpected') input.answer = res.body.slice(0, 300);
				break;
			}
			run.stats.failedAttempts++;
			await sleep(Math.min(250, 25 * 2 ** Math.min(input.attempts, 4)) * rand(0.5, 1));
		}
		this.inflight--;
		input.outcome = outcome;
		if (input.attempts > 1) run.stats.retriedInputs++;
		if (outcome === 'ack') {
			this.acked++;
			run.acks.push(input);
		} else if (outcome === 'refused') run.refused.push(input);
		else run.unexpected.push(input);
	}

	/** The first message after a restart: reload, as the page does, and count it current. */
	onMessage(msg, conn) {
		const m = this.run.measure;
		if (!m || !m.waiting.has(this) || conn.inc !== m.inc || !conn.first || this.reloading) return;
		// On SQLite the ids restart with the process: a Last-Event-ID from before the restart must
		// be answered with a 'step' message (reload everything), never a replay of new events.
		m.firstMessages.push((now() - m.spawnedAt) / 1000);
		const resumed = conn.lastIdSent !== null && Number(conn.lastIdSent) > 0;
		if (this.run.db === 'sqlite' && resumed && msg.topics[0] !== 'step') {
			m.staleResumes.push({ phone: this.name, lastIdSent: conn.lastIdSent, got: msg });
		}
		this.reloading = true;
		void this.reload(m);
	}

	async reload(m) {
		for (;;) {
			try {
				const r = await request(this.run.port, 'GET', '/live/__data.json', {
					agent: this.run.agent,
					timeout: REQUEST_TIMEOUT_MS,
					headers: { cookie: this.cookie, accept: 'application/json' }
				});
				if (r.status === 200) break;
			} catch {
				/* retry */
			}
			await sleep(50);
		}
		this.reloading = false;
		if (this.run.measure !== m || !m.waiting.has(this)) return;
		m.waiting.delete(this);
		m.times.push((now() - m.spawnedAt) / 1000);
		if (m.waiting.size === 0) m.done();
	}
}

/** The coordinator invites new people during each cycle's load, retrying until answered. */
class Inviter {
	constructor(run) {
		this.run = run;
		this.n = 0;
		this.cookie = '';
	}

	async signIn() {
		for (let attempt = 1; ; attempt++) {
			try {
				this.cookie = await signIn(this.run.port, COORDINATOR.email, COORDINATOR.password);
				return;
			} catch (e) {
				if (attempt > 50) throw e;
				await sleep(100);
			}
		}
	}

	async lane(cohort) {
		for (;;) {
			await sleep(rand(...INVITE_THINK));
			if (cohort.stopped) return;
			await this.invite(cohort.n);
		}
	}

	async invite(cycle) {
		const { run } = this;
		const email = `crash-${run.tag}-${++this.n}@example.org`;
		const input = { email, cycle, attempts: 0, errors: [] };
		run.invites.sent.push(input);
		for (;;) {
			input.attempts++;
			let res = null;
			try {
				res = await request(run.port, 'POST', `/networks/${run.networkId}/invitations?/invite`, {
					agent: run.agent,
					timeout: REQUEST_TIMEOUT_MS,
					headers: {
						origin: `http://localhost:${run.port}`,
						accept: 'application/json',
						'x-sveltekit-action': 'true',
						'content-type': 'application/x-www-form-urlencoded',
						cookie: this.cookie
					},
					body: new URLSearchParams({ email, role: 'participant' }).toString()
				});
			} catch (e) {
				input.errors.push(e.code ?? e.message);
			}
			const outcome = res ? outcomeOf(res) : 'retry';
			// 409 on a retry: the first attempt was committed before the kill.
			if (outcome === 'ack' || (outcome === 'refused' && input.attempts > 1)) {
				input.outcome = 'ack';
				run.invites.acked.push(input);
				return;
			}
			if (outcome !== 'retry') {
				input.outcome = outcome;
				input.answer = res?.body.slice(0, 300);
				run.invites.unexpected.push(input);
				return;
			}
			await sleep(Math.min(250, 25 * 2 ** Math.min(input.attempts, 4)) * rand(0.5, 1));
		}
	}
}

class Cohort {
	constructor(run, n) {
		this.run = run;
		this.n = n;
		this.stopped = false;
		this.phones = [
			...Array.from({ length: POSTERS }, (_, i) => new Phone(run, this, 'post', i)),
			...Array.from({ length: VOTERS }, (_, i) => new Phone(run, this, 'dot', i))
		];
		this.lanes = null;
	}

	join() {
		return pool(this.phones.length, 16, (i) => this.phones[i].join());
	}

	start() {
		this.lanes = Promise.all([
			...this.phones.flatMap((p) => Array.from({ length: LANES }, () => p.lane())),
			...Array.from({ length: INVITERS }, () => this.run.inviter.lane(this))
		]);
	}

	get inflight() {
		return this.phones.reduce((n, p) => n + p.inflight, 0);
	}

	/** Waits until every input of this cohort has its answer; false on timeout. */
	async settle() {
		const t = sleep(SETTLE_TIMEOUT_MS).then(() => false);
		return Promise.race([this.lanes.then(() => true), t]);
	}

	close() {
		for (const p of this.phones) p.stream?.close();
	}
}

/** Waits for every phone of the killed cohort to be current again (or the timeout). */
function newMeasure(run, cohort) {
	const m = {
		inc: run.incarnation,
		waiting: new Set(cohort.phones),
		times: [],
		staleResumes: [],
		firstMessages: [],
		spawnedAt: null,
		done: () => {}
	};
	m.finished = new Promise((r) => (m.done = r));
	return m;
}

async function awaitMeasure(m) {
	const timedOut = await Promise.race([
		m.finished.then(() => false),
		sleep(CURRENT_TIMEOUT_MS).then(() => true)
	]);
	return {
		currentS: timedOut ? null : Math.max(...m.times),
		firstMessageS: m.firstMessages.length ? Math.max(...m.firstMessages) : null,
		notCurrent: m.waiting.size,
		staleResumes: m.staleResumes
	};
}

/** One query on the run's database (SQLite file or PostgreSQL), `?` placeholders. */
async function queryDb(run, sql, params = []) {
	if (run.db === 'sqlite') {
		const SQLite = appRequire(opts.app)('better-sqlite3');
		const db = new SQLite(run.setup.dbFile, { readonly: true });
		try {
			return db.prepare(sql).all(...params);
		} finally {
			db.close();
		}
	}
	const pg = appRequire(opts.app)('pg');
	const client = new pg.Client({ connectionString: run.setup.databaseUrl });
	await client.connect();
	try {
		let n = 0;
		return (
			await client.query(
				sql.replace(/\?/g, () => `$${++n}`),
				params
			)
		).rows;
	} finally {
		await client.end();
	}
}

/** Waits until the worker has no mail job left to run (queued, or running under a lease). */
async function drainMail(run) {
	const deadline = now() + MAIL_DRAIN_TIMEOUT_MS;
	for (;;) {
		const [row] = await queryDb(
			run,
			"select count(*) as n from job where kind = 'mail' and state in ('queued', 'running')"
		);
		if (Number(row.n) === 0) return (now() - deadline + MAIL_DRAIN_TIMEOUT_MS) / 1000;
		if (now() > deadline) throw new Error(`${row.n} mail jobs still undelivered after 60 s`);
		await sleep(200);
	}
}

/**
 * Every committed invitation (a row, and so its mail job) was delivered to the development
 * outbox exactly once; every acknowledged invitation was committed.
 */
async function verifyMail(run) {
	const like = `crash-${run.tag}-%`;
	const invitations = await queryDb(run, 'select email from invitation where email like ?', [like]);
	const outbox = await queryDb(
		run,
		'select to_address, count(*) as n from outbox where to_address like ? group by to_address',
		[like]
	);
	const jobs = await queryDb(
		run,
		"select state, count(*) as n from job where kind = 'mail' group by state"
	);
	const delivered = new Map(outbox.map((r) => [r.to_address, Number(r.n)]));
	const committed = new Set(invitations.map((r) => r.email));
	const lost = [...committed].filter((e) => !delivered.has(e));
	const ackedNotCommitted = run.invites.acked.filter((i) => !committed.has(i.email));
	const twice = [...delivered].filter(([, n]) => n > 1);
	const strays = [...delivered.keys()].filter((e) => !committed.has(e));
	return {
		committed: committed.size,
		acked: run.invites.acked.length,
		delivered: [...delivered.values()].reduce((a, b) => a + b, 0),
		lost: lost.length + ackedNotCommitted.length,
		lostSamples: [...lost, ...ackedNotCommitted.map((i) => i.email)].slice(0, 20),
		twice: twice.length,
		twiceSamples: twice.slice(0, 20),
		strays: strays.length,
		unexpected: run.invites.unexpected.length,
		unexpectedSamples: run.invites.unexpected.slice(0, 5),
		jobs: Object.fromEntries(jobs.map((r) => [r.state, Number(r.n)]))
	};
}

async function readDatabase(run) {
	const { setup } = run;
	const queries = {
		postits: [
			'select client_id, participant_id, text from postit where step_id = ?',
			[setup.openRoundId]
		],
		dots: ['select client_id, participant_id from dot where step_id = ?', [setup.voteId]],
		// A post-it place per stored post-it (keyed per phone, so only the total can be checked).
		slots: ['select count(*) as n from postit_slot where step_id = ?', [setup.openRoundId]]
	};
	const out = {};
	if (run.db === 'sqlite') {
		const SQLite = appRequire(opts.app)('better-sqlite3');
		const db = new SQLite(setup.dbFile, { readonly: true });
		for (const [k, [sql, params]] of Object.entries(queries))
			out[k] = db.prepare(sql).all(...params);
		db.close();
	} else {
		const pg = appRequire(opts.app)('pg');
		const client = new pg.Client({ connectionString: setup.databaseUrl });
		await client.connect();
		for (const [k, [sql, params]] of Object.entries(queries)) {
			out[k] = (await client.query(sql.replace('?', '$1'), params)).rows;
		}
		await client.end();
	}
	return out;
}

/** Compares the phones' acknowledgements with the rows. */
function verify(run, rows) {
	const count = (list, key) => {
		const m = new Map();
		for (const r of list) m.set(r[key], (m.get(r[key]) ?? 0) + 1);
		return m;
	};
	const postByClient = count(rows.postits, 'client_id');
	const dotByClient = count(rows.dots, 'client_id');
	const inDb = (i) => (i.kind === 'post' ? postByClient : dotByClient).has(i.clientId);
	const lost = run.acks.filter((i) => !inDb(i));
	let duplicated = 0;
	const duplicates = [];
	for (const [clientId, n] of [...postByClient, ...dotByClient]) {
		if (n > 1) {
			duplicated += n - 1;
			duplicates.push({ clientId, rows: n });
		}
	}
	const texts = new Map();
	for (const r of rows.postits) {
		const k = `${r.participant_id}\u0000${r.text}`;
		texts.set(k, (texts.get(k) ?? 0) + 1);
	}
	for (const [k, n] of texts) {
		if (n > 1) {
			duplicated += n - 1;
			duplicates.push({ text: k.split('\u0000')[1], rows: n });
		}
	}
	const dotsPer = count(rows.dots, 'participant_id');
	const postsPer = count(rows.postits, 'participant_id');
	const overBudget = [
		...[...dotsPer].filter(([, n]) => n > DOTS).map(([p, n]) => ({ participant: p, dots: n })),
		...[...postsPer]
			.filter(([, n]) => n > MAX_PER_PERSON)
			.map(([p, n]) => ({ participant: p, postits: n }))
	];
	const slotCount = Number(rows.slots[0]?.n ?? 0);
	const quotaOff =
		slotCount === rows.postits.length ? [] : [{ slots: slotCount, postits: rows.postits.length }];
	const refusedStored = run.refused.filter(inDb);
	const unknownRows = [...rows.postits, ...rows.dots].filter((r) => !run.sent.has(r.client_id));
	const acceptedProbes = run.acks.filter((i) => i.probe);
	return {
		lost,
		duplicated,
		duplicates,
		overBudget,
		acceptedProbes,
		refusedStored,
		unknownRows,
		quotaOff,
		rows: { postits: rows.postits.length, dots: rows.dots.length }
	};
}

async function runDatabase(db) {
	const dir = tmpDir(`olv-crash-${db}-`);
	const tag = randomBytes(4).toString('hex');
	const run = {
		db,
		tag,
		dir,
		logFile: path.join(dir, 'server.log'),
		port: await freePort(),
		incarnation: 0,
		agent: new http.Agent({ keepAlive: true, maxSockets: 256 }),
		sent: new Map(),
		acks: [],
		refused: [],
		unexpected: [],
		invites: { sent: [], acked: [], unexpected: [] },
		cycles: [],
		measure: null,
		stats: {
			failedAttempts: 0,
			retriedInputs: 0,
			streamConnects: 0,
			streamRefusals: 0,
			messages: 0
		}
	};
	const setupOpts = { postits: 20, dots: DOTS, openRound: { maxPerPerson: MAX_PER_PERSON } };
	const t0 = now();
	if (db === 'sqlite') {
		run.setup = await prepareDatabase(opts.app, dir, setupOpts);
		run.databaseUrl = run.setup.dbFile;
	} else {
		const name = `olv_crash_${tag}`;
		run.setup = await preparePostgres(opts.app, dir, PG_URL, name, setupOpts);
		run.databaseUrl = run.setup.databaseUrl;
	}
	run.env = appEnv(run.port, run.databaseUrl, {
		LIVE_METRICS: '0',
		INVITES_PER_DAY: '10000',
		JOB_LEASE_SECONDS: String(JOB_LEASE_SECONDS)
	});
	run.networkId = (await queryDb(run, 'select id from network limit 1'))[0].id;
	run.inviter = new Inviter(run);
	let server = spawnServer(run);
	let error = null;
	let result = null;
	let mail = null;
	try {
		await waitServing(run, server);
		await run.inviter.signIn();
		console.log(
			`${db}: setup ${fmt((now() - t0) / 1000)} s; ${CYCLES} cycles of ${PARTICIPANTS} phones ` +
				`(${POSTERS} posting, ${VOTERS} voting)…`
		);
		let prev = null;
		let prevMeasure = null;
		for (let k = 1; k <= CYCLES; k++) {
			const cohort = new Cohort(run, k);
			const joined = cohort.join();
			const cycle = { cycle: k };
			if (prev) {
				Object.assign(run.cycles.at(-1), await awaitMeasure(prevMeasure));
				run.measure = null;
				if (!(await prev.settle()))
					throw new Error(`cycle ${k - 1}: inputs unanswered after ${SETTLE_TIMEOUT_MS} ms`);
				prev.close();
			}
			await joined;
			cohort.start();
			const loadMs = rand(...KILL_AT);
			await sleep(loadMs);
			// The kill: no new inputs from this cohort from here on, only retries.
			cohort.stopped = true;
			cycle.loadMs = Math.round(loadMs);
			cycle.inflightAtKill = cohort.inflight;
			run.incarnation++;
			const m = newMeasure(run, cohort);
			run.measure = m;
			server.proc.kill('SIGKILL');
			await server.exit;
			server = spawnServer(run);
			m.spawnedAt = server.spawnedAt;
			cycle.servingS = await waitServing(run, server);
			run.cycles.push(cycle);
			prev = cohort;
			prevMeasure = m;
			if (k % 10 === 0 || k === CYCLES) {
				const c = run.cycles.map((x) => x.servingS);
				process.stdout.write(
					`  ${db}: cycle ${k}/${CYCLES}, ${run.acks.length} acknowledged, serving again max ` +
						`${fmt(Math.max(...c), 2)} s, ${fmt((now() - t0) / 1000, 0)} s so far\n`
				);
			}
		}
		Object.assign(run.cycles.at(-1), await awaitMeasure(prevMeasure));
		run.measure = null;
		if (!(await prev.settle()))
			throw new Error(`last cycle: inputs unanswered after ${SETTLE_TIMEOUT_MS} ms`);
		prev.close();
		run.mailDrainS = await drainMail(run);
		const stop = server.exit;
		server.proc.kill('SIGTERM');
		const t = setTimeout(() => server.proc.kill('SIGKILL'), 15_000);
		await stop;
		clearTimeout(t);
		result = verify(run, await readDatabase(run));
		mail = await verifyMail(run);
	} catch (e) {
		error = e;
	} finally {
		server.proc.kill('SIGKILL');
		run.agent.destroy();
	}
	const summary = summarise(run, result, error, (now() - t0) / 1000, mail);
	if (db === 'postgres') await run.setup.drop().catch((e) => console.error(`drop: ${e.message}`));
	if (summary.ok && !opts.keep) fs.rmSync(dir, { recursive: true, force: true });
	else summary.keptDir = dir;
	return summary;
}

function summarise(run, v, error, seconds, mail) {
	const serving = run.cycles.map((c) => c.servingS).filter((x) => x != null);
	const current = run.cycles.map((c) => c.currentS).filter((x) => x != null);
	const firstMessage = run.cycles.map((c) => c.firstMessageS).filter((x) => x != null);
	const notCurrent = run.cycles.reduce((n, c) => n + (c.notCurrent ?? 0), 0);
	const stale = run.cycles.flatMap((c) => c.staleResumes ?? []);
	const acked = { post: 0, dot: 0 };
	for (const a of run.acks) acked[a.kind]++;
	const s = {
		db: run.db,
		cycles: run.cycles.length,
		seconds,
		error: error ? String(error.stack ?? error) : null,
		acknowledged: run.acks.length,
		acknowledgedPostits: acked.post,
		acknowledgedDots: acked.dot,
		refused: run.refused.length,
		unexpected: run.unexpected.length,
		unexpectedSamples: run.unexpected.slice(0, 10).map(brief),
		retriedInputs: run.stats.retriedInputs,
		failedAttempts: run.stats.failedAttempts,
		inflightAtKill: run.cycles.reduce((n, c) => n + (c.inflightAtKill ?? 0), 0),
		streamConnects: run.stats.streamConnects,
		streamRefusals: run.stats.streamRefusals,
		messages: run.stats.messages,
		lost: v ? v.lost.length : null,
		lostInputs: v ? v.lost.slice(0, 50).map(brief) : [],
		duplicated: v ? v.duplicated : null,
		duplicates: v ? v.duplicates.slice(0, 50) : [],
		overBudget: v ? v.overBudget.length + v.acceptedProbes.length : null,
		overBudgetParticipants: v?.overBudget ?? [],
		acceptedProbes: v ? v.acceptedProbes.map(brief) : [],
		refusedButStored: v ? v.refusedStored.length : null,
		unknownRows: v ? v.unknownRows.length : null,
		quotaMismatches: v ? v.quotaOff.length : null,
		rows: v?.rows ?? null,
		staleResumes: stale.length,
		staleResumeSamples: stale.slice(0, 10),
		notCurrent,
		servingS: stats(serving),
		currentS: stats(current),
		firstMessageS: stats(firstMessage),
		mail,
		mailDrainS: run.mailDrainS ?? null,
		cycleLog: run.cycles.map((c) => ({ ...c, staleResumes: c.staleResumes?.length ?? 0 }))
	};
	s.ok =
		!error &&
		s.lost === 0 &&
		s.duplicated === 0 &&
		s.overBudget === 0 &&
		s.refusedButStored === 0 &&
		s.unknownRows === 0 &&
		mail !== null &&
		mail.lost === 0 &&
		mail.twice === 0 &&
		mail.strays === 0 &&
		mail.unexpected === 0 &&
		!mail.jobs.failed;
	s.targetsMet =
		s.servingS.max !== null &&
		s.servingS.max <= TARGET.servingS &&
		s.currentS.max !== null &&
		s.currentS.max <= TARGET.currentS &&
		notCurrent === 0;
	return s;
}

function brief(i) {
	return {
		clientId: i.clientId,
		kind: i.kind,
		cycle: i.cycle,
		phone: i.phone,
		attempts: i.attempts,
		errors: [...new Set(i.errors)].slice(0, 5),
		status: i.status,
		answer: i.answer
	};
}

function stats(xs) {
	return {
		n: xs.length,
		p50: percentile(xs, 0.5),
		p90: percentile(xs, 0.9),
		max: xs.length ? Math.max(...xs) : null
	};
}

function printSummary(s) {
	const t = (x) => `${fmt(x.p50, 2)} / ${fmt(x.p90, 2)} / ${fmt(x.max, 2)}`;
	console.log(
		`\n${s.db}${s.db === 'postgres' ? " (cluster runs with fsync=off: PostgreSQL's own durability is not exercised, only the app's acknowledgements)" : ' (WAL, synchronous=FULL)'}`
	);
	if (s.error) console.log(`ERROR: ${s.error}`);
	console.log(
		table(
			['what', 'value'],
			[
				['cycles (kill -9 + restart)', s.cycles],
				[
					'acknowledged inputs',
					`${s.acknowledged} (${s.acknowledgedPostits} post-its, ${s.acknowledgedDots} dots)`
				],
				['refused (409, final)', s.refused],
				['unexpected answers', s.unexpected],
				['in flight at the kills', s.inflightAtKill],
				['inputs retried', `${s.retriedInputs} (${s.failedAttempts} failed attempts)`],
				['lost (acked, not in db)', s.lost ?? '–'],
				['duplicated', s.duplicated ?? '–'],
				['over budget', s.overBudget ?? '–'],
				['refused but stored', s.refusedButStored ?? '–'],
				['rows nobody sent', s.unknownRows ?? '–'],
				['post-it quota ≠ rows', s.quotaMismatches ?? '–'],
				['stale resumes (SQLite ids)', s.staleResumes],
				['serving again p50/p90/max s', t(s.servingS)],
				['all streams back p50/p90/max s', t(s.firstMessageS)],
				['all phones current p50/p90/max s', t(s.currentS)],
				['phones not current in 15 s', s.notCurrent],
				['stream connects / refusals', `${s.streamConnects} / ${s.streamRefusals}`],
				['mail jobs committed / acked', s.mail ? `${s.mail.committed} / ${s.mail.acked}` : '–'],
				['mail delivered (dev outbox)', s.mail?.delivered ?? '–'],
				['mail lost / sent twice', s.mail ? `${s.mail.lost} / ${s.mail.twice}` : '–'],
				['mail jobs by state', s.mail ? JSON.stringify(s.mail.jobs) : '–'],
				['all mail delivered after s', fmt(s.mailDrainS, 2)],
				['wall time s', fmt(s.seconds, 0)]
			]
		)
	);
	if (s.lostInputs.length) console.log('lost:', JSON.stringify(s.lostInputs, null, 1));
	if (s.duplicates.length) console.log('duplicates:', JSON.stringify(s.duplicates));
	if (s.overBudgetParticipants.length)
		console.log('over budget:', JSON.stringify(s.overBudgetParticipants));
	if (s.acceptedProbes.length)
		console.log('accepted beyond budget:', JSON.stringify(s.acceptedProbes));
	if (s.unexpectedSamples.length) console.log('unexpected:', JSON.stringify(s.unexpectedSamples));
	if (s.staleResumeSamples.length)
		console.log('stale resumes:', JSON.stringify(s.staleResumeSamples));
	if (s.mail?.lostSamples.length) console.log('mail lost:', JSON.stringify(s.mail.lostSamples));
	if (s.mail?.twiceSamples.length) console.log('mail twice:', JSON.stringify(s.mail.twiceSamples));
	if (s.mail?.unexpectedSamples.length)
		console.log('invite unexpected:', JSON.stringify(s.mail.unexpectedSamples));
	if (s.keptDir) console.log(`kept: ${s.keptDir}`);
}

const finalLine = (s) =>
	`${s.db}: ${s.cycles} cycles, ${s.acknowledged} acknowledged, ${s.lost ?? '?'} lost, ` +
	`${s.duplicated ?? '?'} duplicated, ${s.overBudget ?? '?'} over budget, serving again p50/max ` +
	`${fmt(s.servingS.p50, 2)}/${fmt(s.servingS.max, 2)} s, current p50/max ` +
	`${fmt(s.currentS.p50, 2)}/${fmt(s.currentS.max, 2)} s; ` +
	`${s.mail?.committed ?? '?'} mail jobs committed, ${s.mail?.lost ?? '?'} lost, ` +
	`${s.mail?.twice ?? '?'} sent twice` +
	(s.error ? ' — ERROR' : '') +
	(s.targetsMet ? '' : ' — time target missed (serving ≤ 1 s, current ≤ 3 s)');

ensureBuild(opts.app);
const m = machine();
console.log(
	`bench:crash — ${m.cores} cores, ${m.model}, Node ${m.node}, load ${loadavg()}\n` +
		`app ${opts.app}; ${PARTICIPANTS} new phones per cycle (${POSTERS} post to an open round, ` +
		`max ${MAX_PER_PERSON} each; ${VOTERS} vote, ${DOTS} dots each, then one dot beyond the budget ` +
		`that must be refused), ${LANES} inputs in flight per phone; kill -9 ${KILL_AT[0] / 1000}–` +
		`${KILL_AT[1] / 1000} s into each cycle's load, restart at once.\n${CURRENT_DEFINITION}`
);
const summaries = [];
for (const db of DATABASES) {
	const s = await runDatabase(db);
	printSummary(s);
	summaries.push(s);
}
console.log('');
for (const s of summaries) console.log(finalLine(s));

fs.mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = new Date().toISOString().replace(/:/g, '').slice(0, 17);
const file = path.join(RESULTS_DIR, `crash-${stamp}.json`);
fs.writeFileSync(
	file,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			machine: m,
			loadavg: loadavg(),
			config: {
				cycles: CYCLES,
				participants: PARTICIPANTS,
				posters: POSTERS,
				voters: VOTERS,
				dots: DOTS,
				maxPerPerson: MAX_PER_PERSON,
				lanes: LANES,
				thinkMs: THINK,
				killAtMs: KILL_AT,
				sseRetry: SSE_RETRY ?? 'server',
				pgFsync: DATABASES.includes('postgres') ? 'off (test cluster)' : null,
				currentDefinition: CURRENT_DEFINITION,
				inviters: INVITERS,
				inviteThinkMs: INVITE_THINK,
				jobLeaseSeconds: JOB_LEASE_SECONDS,
				mailSink: 'development outbox (table outbox), one row per delivered mail job'
			},
			results: summaries
		},
		null,
		'\t'
	) + '\n'
);
console.log(`results: ${path.relative(process.cwd(), file)}`);
process.exit(summaries.every((s) => s.ok) ? 0 : 1);
