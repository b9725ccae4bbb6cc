#!/usr/bin/env node
// bench/relay: two Olievlek instances on one PostgreSQL database. N participants join, all N
// open their event streams on instance B, and dots are cast on instance A at a steady rate; per
// dot, how long until the last of the N streams on B has heard of it (through live_event +
// NOTIFY, src/lib/server/live/pg-relay.ts). Usage:
//   npm run bench:relay [-- --app=/path/to/app] [--quick] [--n=1000] [--rate=150]
//                       [--pg-url=postgres://postgres@127.0.0.1:56999/postgres] [--cpu-prof]
// A fresh database is created on that server for each run and dropped afterwards. Results: a
// table on stdout and bench/results/relay-<date>.json.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
	BENCH_DIR,
	EventTracker,
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
	openEventStream,
	parseArgs,
	percentile,
	pool,
	postDot,
	readHealthLive,
	sleep,
	startNode,
	table,
	tmpDir,
	waitForConnections
} from './lib.mjs';

checkNode();
const opts = parseArgs();
const QUICK = Boolean(opts.quick);
const N = Number(opts.n ?? (QUICK ? 200 : 1000));
const RATE = Number(opts.rate ?? (QUICK ? 100 : 150));
const DOTS = 5;
const POSTITS = 20;
const PG_URL = String(opts['pg-url'] ?? 'postgres://postgres@127.0.0.1:56999/postgres');
const TARGET_P99_MS = 150;
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const load3 = () => loadavg().split(' ').slice(0, 3).join(' ');
const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const DEFINITION =
	'send→all ("observed", as in bench/live): from the moment the dot was sent to instance A ' +
	'until the last of the N streams on instance B has received a message whose id is greater ' +
	'than the highest id any stream had seen when the dot was sent. ack→all: the same end point ' +
	"from the dot's acknowledgement (A's JSON answer arriving), 0 when every stream already had " +
	'it. Ids come from the live_event table (bigserial), shared by both instances.';

ensureBuild(opts.app);
const pg = appRequire(opts.app)('pg');
const info = machine();

const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
const pgInfo = {};
for (const k of ['server_version', 'fsync', 'synchronous_commit', 'full_page_writes']) {
	pgInfo[k] = (await admin.query(`show ${k}`)).rows[0][k];
}
const dbName = `olv_relay_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
await admin.query(`create database "${dbName}"`);
await admin.end();
const dbUrlObj = new URL(PG_URL);
dbUrlObj.pathname = `/${dbName}`;
const DB_URL = dbUrlObj.toString();

console.log(
	`bench/relay — ${info.cores} cores, ${info.model}, ${info.memGB} GB, Node ${info.node}, ` +
		`kernel ${info.kernel}\napp: ${opts.app}\nload average at start: ${loadavg()}\n` +
		`PostgreSQL ${pgInfo.server_version} at ${dbUrlObj.host}, fresh database ${dbName}; ` +
		`fsync=${pgInfo.fsync}, synchronous_commit=${pgInfo.synchronous_commit}` +
		(pgInfo.fsync === 'off'
			? ' — NOTE: fsync is off on this cluster, so commits (each dot, each live_event row) never wait for the disk; with fsync on, add a disk sync to each'
			: '') +
		`\nN = ${N} participants, ${DOTS} dots each on ${POSTITS} post-its, dots sent to instance A ` +
		`at ${RATE}/s (open loop), all N streams on instance B\n`
);

const dir = tmpDir('olv-bench-relay-');
const servers = [];
const streams = [];
let agentA = null;
let agentB = null;
let result;
let profDir = null;
try {
	const portA = await freePort();
	const portB = await freePort();
	const nodeArgs = (name) => {
		if (!opts['cpu-prof']) return [];
		profDir = path.join(RESULTS_DIR, 'prof');
		fs.mkdirSync(profDir, { recursive: true });
		return [
			'--cpu-prof',
			`--cpu-prof-dir=${profDir}`,
			`--cpu-prof-name=relay-${name}-${Date.now()}.cpuprofile`
		];
	};
	// A first: migrations and the demo network; then B on the same database.
	const a = await startNode({
		cwd: opts.app,
		script: 'scripts/serve.js',
		env: appEnv(portA, DB_URL, { SEED_DEMO: '1' }),
		port: portA,
		nodeArgs: nodeArgs('A'),
		logFile: path.join(dir, 'a.log'),
		readyPath: '/healthz'
	});
	servers.push(a);
	const b = await startNode({
		cwd: opts.app,
		script: 'scripts/serve.js',
		env: appEnv(portB, DB_URL),
		port: portB,
		nodeArgs: nodeArgs('B'),
		logFile: path.join(dir, 'b.log'),
		readyPath: '/healthz'
	});
	servers.push(b);
	const log = (msg) => console.log(`  ${msg}  (load ${load3()})`);
	log(`instance A on :${portA} (SEED_DEMO=1), instance B on :${portB}`);

	// The live session, as bench/lib.mjs's prepareDatabase inserts it in SQLite.
	const db = new pg.Client({ connectionString: DB_URL });
	await db.connect();
	const setup = await insertLiveSession(db);
	log(`live session ${setup.sessionId} inserted (join code ${setup.joinCode})`);

	agentA = new http.Agent({ keepAlive: true, maxSockets: 256 });
	agentB = new http.Agent({ keepAlive: true, maxSockets: 32 });

	// Join: even participants on A, odd ones on B.
	let t = performance.now();
	const cookies = new Array(N);
	await pool(N, 32, async (i) => {
		const [port, agent] = i % 2 ? [portB, agentB] : [portA, agentA];
		cookies[i] = await join(port, setup.joinCode, `Bench ${i}`, agent);
	});
	const joinSeconds = (performance.now() - t) / 1000;
	log(`${N} joined in ${fmt(joinSeconds)} s (half on A, half on B)`);

	// Streams, all on B.
	t = performance.now();
	const tracker = new EventTracker(N);
	await pool(N, 100, async (i) => {
		streams[i] = await openEventStream(portB, cookies[i], tracker, i);
	});
	await waitForConnections(portB, N);
	const streamSeconds = (performance.now() - t) / 1000;
	log(`${N} streams open on B in ${fmt(streamSeconds)} s`);
	await sleep(1500);
	await readHealthLive(portA, true);
	await readHealthLive(portB, true);

	// Dots on A, open loop at RATE/s: task k is participant (k mod N)'s (⌊k/N⌋+1)-th dot.
	const tasks = N * DOTS;
	const sendAt = new Float64Array(tasks);
	const ackAt = new Float64Array(tasks).fill(NaN);
	const seenAtSend = new Int32Array(tasks);
	const accepted = new Uint8Array(tasks);
	const outcomes = {};
	const runTag = Date.now().toString(36);
	const cpu0 = { a: cpuSeconds(a.pid), b: cpuSeconds(b.pid) };
	const gen0 = process.cpuUsage();
	const load0 = loadavg();
	let sent = 0;
	let answered = 0;
	const t0 = performance.now();
	await new Promise((resolve) => {
		const sendOne = () => {
			const k = sent++;
			const i = k % N;
			const d = Math.floor(k / N);
			seenAtSend[k] = tracker.maxSeen;
			sendAt[k] = performance.now();
			postDot(portA, agentA, cookies[i], {
				stepId: setup.voteId,
				postitId: setup.postitIds[(i + d) % POSTITS],
				clientId: `${runTag}-${i}-${d}`
			})
				.then((r) => {
					ackAt[k] = performance.now();
					const key = `${r.type}${r.type !== 'success' ? ` ${r.status}` : ''}`;
					outcomes[key] = (outcomes[key] ?? 0) + 1;
					if (r.type === 'success') accepted[k] = 1;
					else if (!outcomes.sample) outcomes.sample = r.text.slice(0, 300);
				})
				.catch((e) => {
					ackAt[k] = performance.now();
					const key = `error ${e.code ?? e.message}`;
					outcomes[key] = (outcomes[key] ?? 0) + 1;
				})
				.finally(() => {
					if (++answered === tasks) resolve();
				});
		};
		const timer = setInterval(() => {
			const due = Math.min(tasks, Math.floor(((performance.now() - t0) / 1000) * RATE) + 1);
			while (sent < due) sendOne();
			if (sent >= tasks) clearInterval(timer);
		}, 2);
	});
	const lastAck = performance.now();
	// Until every stream has the newest message and nothing new came for 1 s.
	let seen = -1;
	let stableSince = performance.now();
	let doneAt = NaN;
	while (performance.now() - lastAck < 60_000) {
		if (tracker.maxSeen !== seen) {
			seen = tracker.maxSeen;
			stableSince = performance.now();
		}
		if (tracker.caughtUp()) doneAt = tracker.complete[seen];
		if (tracker.caughtUp() && performance.now() - stableSince > 1000) break;
		await sleep(10);
	}
	const phaseSeconds = ((Number.isNaN(doneAt) ? lastAck : doneAt) - t0) / 1000;
	const cpu = {
		a: ((cpuSeconds(a.pid) - cpu0.a) / phaseSeconds) * 100,
		b: ((cpuSeconds(b.pid) - cpu0.b) / phaseSeconds) * 100
	};
	const g = process.cpuUsage(gen0);
	const genCpu = ((g.user + g.system) / 1e6 / phaseSeconds) * 100;
	const load1 = loadavg();
	const healthA = await readHealthLive(portA);
	const healthB = await readHealthLive(portB);
	const rss = { a: memory(a.pid).rss / 2 ** 20, b: memory(b.pid).rss / 2 ** 20 };

	const okCount = accepted.reduce((x, y) => x + y, 0);
	const rtt = [];
	const sendToAll = [];
	const ackToAll = [];
	let beforeAck = 0;
	let undelivered = 0;
	for (let k = 0; k < tasks; k++) {
		if (!Number.isNaN(ackAt[k])) rtt.push(ackAt[k] - sendAt[k]);
		if (!accepted[k]) continue;
		const all = tracker.deliveredAfter(seenAtSend[k]);
		if (Number.isNaN(all)) {
			undelivered++;
			continue;
		}
		sendToAll.push(all - sendAt[k]);
		ackToAll.push(Math.max(0, all - ackAt[k]));
		if (all < ackAt[k]) beforeAck++;
	}
	const voteSeconds = (lastAck - t0) / 1000;

	// The database holds exactly the acknowledged dots.
	const q1 = async (sql, params) => (await db.query(sql, params)).rows[0];
	const dbCheck = {
		dotRows: Number((await q1('select count(*) n from dot where step_id = $1', [setup.voteId])).n),
		accepted: okCount,
		participants: Number(
			(await q1('select count(*) n from participant where session_id = $1', [setup.sessionId])).n
		),
		overBudget: Number(
			(
				await q1(
					'select count(*) n from (select participant_id from dot where step_id = $1 group by participant_id having count(*) > $2) x',
					[setup.voteId, DOTS]
				)
			).n
		),
		liveEvents: Number(
			(await q1('select count(*) n from live_event where session_id = $1', [setup.sessionId])).n
		)
	};
	await db.end();

	result = {
		n: N,
		rate: RATE,
		joinSeconds,
		streamSeconds,
		votes: {
			sent: tasks,
			accepted: okCount,
			outcomes,
			seconds: voteSeconds,
			perSecond: okCount / voteSeconds
		},
		voteRttMs: { p50: percentile(rtt, 0.5), p99: percentile(rtt, 0.99), max: percentile(rtt, 1) },
		sendToAllMs: {
			p50: percentile(sendToAll, 0.5),
			p99: percentile(sendToAll, 0.99),
			max: percentile(sendToAll, 1)
		},
		ackToAllMs: {
			p50: percentile(ackToAll, 0.5),
			p99: percentile(ackToAll, 0.99),
			max: percentile(ackToAll, 1)
		},
		deliveredBeforeAck: beforeAck,
		undelivered,
		messages: tracker.maxSeen - tracker.firstSeen + 1,
		healthA,
		healthB,
		cpuPct: { ...cpu, generator: genCpu },
		rssMB: rss,
		phaseSeconds,
		db: dbCheck,
		loadavg: { before: load0, after: load1 }
	};
} finally {
	for (const s of streams) s?.destroy();
	agentA?.destroy();
	agentB?.destroy();
	for (const s of servers.reverse()) await s.stop();
	if (profDir) console.log(`  CPU profiles of A and B written to ${profDir}`);
	const c = new pg.Client({ connectionString: PG_URL });
	await c.connect();
	await c.query(`drop database if exists "${dbName}" with (force)`);
	await c.end();
	console.log(`  database ${dbName} dropped`);
	fs.rmSync(dir, { recursive: true, force: true });
}

const r = result;
console.log(
	'\n' +
		table(
			[
				'N',
				'dots/s',
				'vote rtt p50/p99 ms',
				'send→all p50/p99/max ms',
				'ack→all p50/p99/max ms',
				'msgs',
				'A srv p50/p99 ms',
				'CPU % A/B/gen',
				'RSS MB A/B',
				'load avg after'
			],
			[
				[
					r.n,
					fmt(r.votes.perSecond, 0),
					`${fmt(r.voteRttMs.p50)}/${fmt(r.voteRttMs.p99)}`,
					`${fmt(r.sendToAllMs.p50)}/${fmt(r.sendToAllMs.p99)}/${fmt(r.sendToAllMs.max)}`,
					`${fmt(r.ackToAllMs.p50)}/${fmt(r.ackToAllMs.p99)}/${fmt(r.ackToAllMs.max)}`,
					r.messages,
					`${fmt(r.healthA.p50)}/${fmt(r.healthA.p99)}`,
					`${fmt(r.cpuPct.a, 0)}/${fmt(r.cpuPct.b, 0)}/${fmt(r.cpuPct.generator, 0)}`,
					`${fmt(r.rssMB.a, 0)}/${fmt(r.rssMB.b, 0)}`,
					r.loadavg.after.split(' ').slice(0, 3).join(' ')
				]
			]
		)
);
const okSend = r.sendToAllMs.p99 <= TARGET_P99_MS;
const okAck = r.ackToAllMs.p99 <= TARGET_P99_MS;
const okDb = r.db.dotRows === r.votes.accepted && r.db.overBudget === 0;
console.log(
	`\n${r.votes.accepted} of ${r.votes.sent} dots accepted in ${fmt(r.votes.seconds, 1)} s ` +
		`(outcomes ${JSON.stringify(r.votes.outcomes)}); ${r.undelivered} never reached every stream; ` +
		`${r.deliveredBeforeAck} reached every stream before their own acknowledgement\n` +
		`p99 vote on A → last of the ${r.n} streams on B (target ≤ ${TARGET_P99_MS} ms): ` +
		`send→all ${fmt(r.sendToAllMs.p99)} ms ${okSend ? 'OK' : 'MISSED'}, ` +
		`ack→all ${fmt(r.ackToAllMs.p99)} ms ${okAck ? 'OK' : 'MISSED'}\n` +
		`/healthz/live A: ${r.healthA.samples} samples, p50/p99/max ${fmt(r.healthA.p50)}/${fmt(r.healthA.p99)}/${fmt(r.healthA.max)} ms, ` +
		`${r.healthA.connections} connections; B: ${r.healthB.samples} samples, ` +
		`p50/p99/max ${fmt(r.healthB.p50)}/${fmt(r.healthB.p99)}/${fmt(r.healthB.max)} ms, ${r.healthB.connections} connections\n` +
		`database: ${r.db.dotRows} dot rows for ${r.votes.accepted} acknowledged dots, ` +
		`${r.db.overBudget} participants over budget, ${r.db.participants} participants, ` +
		`${r.db.liveEvents} live_event rows ${okDb ? 'OK' : 'MISMATCH'}\n` +
		`\n${DEFINITION}\n` +
		`vote rtt: send → A's JSON answer. msgs: SSE messages (live_event ids) each stream on B ` +
		`received during the run. A srv: A's /healthz/live — in PostgreSQL mode, publish() → A's own ` +
		`NOTIFY came back and was handed to A's connections of the room (A has none, so this is ` +
		`the hub's coalescing wait + INSERT/NOTIFY round trip on A's clock); B publishes nothing ` +
		`during the dots, so B has no samples. CPU: utime+stime over first dot → last stream ` +
		`caught up, % of one core (A, B, this load generator).\n` +
		`Design: in PostgreSQL mode the hub coalesces a session's changes to at most one ` +
		`INSERT live_event + NOTIFY per ~100 ms (MIN_GAP_RELAYED_MS in src/lib/server/live/hub.ts), ` +
		`so a dot waits 0–100 ms for its batch, then the INSERT + NOTIFY, then B's LISTEN ` +
		`connection hands it to B's ${r.n} connections: expect ~50–150 ms.`
);

fs.mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = new Date().toISOString().replace(/:/g, '').slice(0, 17);
const file = path.join(RESULTS_DIR, `relay-${stamp}.json`);
fs.writeFileSync(
	file,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			machine: { ...info, loadavgAtEnd: loadavg() },
			app: opts.app,
			postgres: { ...pgInfo, host: dbUrlObj.host },
			settings: { n: N, rate: RATE, dots: DOTS, postits: POSTITS, quick: QUICK },
			target: { p99Ms: TARGET_P99_MS, met: { sendToAll: okSend, ackToAll: okAck } },
			definition: DEFINITION,
			result: r
		},
		null,
		2
	) + '\n'
);
console.log(`\nwritten ${path.relative(process.cwd(), file)}`);

/** One live session: a closed post-it round with POSTITS post-its, an open dot vote on it. */
async function insertLiveSession(db) {
	const { randomInt, randomUUID } = await import('node:crypto');
	const network = (await db.query('select id, created_by from network limit 1')).rows[0];
	if (!network) throw new Error('the demo seed made no network');
	const now = new Date().toISOString();
	const sessionId = randomUUID();
	const roundId = randomUUID();
	const voteId = randomUUID();
	let joinCode = '';
	for (let i = 0; i < 6; i++) joinCode += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
	const postitIds = [];
	await db.query('begin');
	await db.query(
		`insert into network_session (id, network_id, title, place, theme, objectives, status,
		  created_by, created_at, updated_at, join_code, current_step_id)
		 values ($1, $2, 'Bench live session', '', '', '', 'live', $3, $4, $4, $5, $6)`,
		[sessionId, network.id, network.created_by, now, joinCode, voteId]
	);
	const step = `insert into agenda_step (id, session_id, position, kind, title, prompt, questions,
	  state, source_step_id, dots, max_dots_per_item, tally)
	 values ($1, $2, $3, $4, $5, '', '', $6, $7, $8, null, $9)`;
	await db.query(step, [
		roundId,
		sessionId,
		1,
		'postit_round',
		'Ideas',
		'closed',
		null,
		null,
		null
	]);
	await db.query(step, [voteId, sessionId, 2, 'dot_vote', 'Vote', 'open', roundId, DOTS, 'live']);
	for (let i = 0; i < POSTITS; i++) {
		const id = randomUUID();
		postitIds.push(id);
		await db.query(
			`insert into postit (id, step_id, participant_id, client_id, text, is_hidden, created_at,
			  updated_at) values ($1, $2, null, $3, $4, 0, $5, $5)`,
			[id, roundId, `bench-postit-${id}`, `Idea number ${i + 1}`, now]
		);
	}
	await db.query('commit');
	return { sessionId, roundId, voteId, joinCode, postitIds };
}
