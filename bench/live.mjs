#!/usr/bin/env node
// bench/live: N participants on one live session, each spending 5 dots as fast as the server
// takes them, against Olievlek (SQLite, synchronous=FULL) and against a floor (a bare node:http
// SSE broadcaster, bench/floor-server.mjs). The server is a child process; this process is the
// load generator. Usage:
//   npm run bench:live [-- --n=1000,5000] [--app=/path/to/app] [--concurrency=128]
//                      [--join-concurrency=32] [--skip-floor] [--cpu-prof=1000]
// The app directory defaults to the repository this script lives in; it is built when
// build/index.js is missing. Results: a table on stdout and bench/results/live-<date>.json.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
	BENCH_DIR,
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
	openEventStream,
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

const OBSERVED_DEFINITION =
	'participant-observed latency of an accepted vote ("observed", tap → every screen told): from ' +
	'the moment the load generator sent the vote until the last of the N streams has received a ' +
	'message whose id is greater than the highest id any stream had seen when the vote was sent. ' +
	'"ack→all": the same end point measured from the vote\'s acknowledgement (the JSON answer ' +
	'arriving), 0 when every stream already had it — usual, as the hub flushes before the answer ' +
	'is written.';
const SERVER_DEFINITION =
	'server-side latency: GET /healthz/live, publish() → the flush loop has handed the message to ' +
	'the last connection (app: enqueued on its ReadableStream; floor: res.write returned).';

async function runTarget(kind, n) {
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
			voteId: 'floor-vote',
			postitIds: Array.from({ length: POSTITS }, (_, i) => `floor-postit-${i}`)
		};
		server = await startNode({
			cwd: BENCH_DIR,
			script: 'floor-server.mjs',
			env: { DOTS: String(DOTS) },
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
	const streams = [];
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

		// Open the streams.
		t = performance.now();
		const tracker = new EventTracker(n);
		await pool(n, 100, async (i) => {
			streams[i] = await openEventStream(port, cookies[i], tracker, i);
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

		// Vote: task k*n+i is participant i's (k+1)-th dot; at most CONCURRENCY in flight.
		const tasks = n * DOTS;
		const sendAt = new Float64Array(tasks);
		const ackAt = new Float64Array(tasks);
		const seenAtSend = new Int32Array(tasks);
		const accepted = new Uint8Array(tasks);
		const outcomes = {};
		const runTag = Date.now().toString(36);
		const load0 = loadavg();
		const cpu0 = cpuSeconds(server.pid);
		const clientCpu0 = process.cpuUsage();
		const t0 = performance.now();
		await pool(tasks, CONCURRENCY, async (task) => {
			const i = task % n;
			const k = Math.floor(task / n);
			const body = {
				stepId: setup.voteId,
				postitId: setup.postitIds[(i + k) % setup.postitIds.length],
				clientId: `${runTag}-${i}-${k}`
			};
			seenAtSend[task] = tracker.maxSeen;
			sendAt[task] = performance.now();
			const r = await postDot(port, agent, cookies[i], body);
			ackAt[task] = performance.now();
			const key = `${r.type}${r.status && r.type !== 'success' ? ` ${r.status}` : ''}`;
			outcomes[key] = (outcomes[key] ?? 0) + 1;
			if (r.type === 'success') accepted[task] = 1;
			else if (!outcomes.sample) outcomes.sample = r.text.slice(0, 300);
		});
		const lastAck = performance.now();
		// Wait until every stream has the newest message and nothing new arrives for 500 ms.
		let doneAt = NaN;
		let cpu1 = NaN;
		let clientCpu1 = null;
		let stableSince = performance.now();
		let seen = -1;
		while (performance.now() - lastAck < 120_000) {
			const now = performance.now();
			if (tracker.maxSeen !== seen) {
				seen = tracker.maxSeen;
				stableSince = now;
				doneAt = NaN;
			}
			if (Number.isNaN(doneAt) && tracker.count[seen] === n) {
				doneAt = tracker.complete[seen];
				cpu1 = cpuSeconds(server.pid);
				clientCpu1 = process.cpuUsage(clientCpu0);
			}
			if (!Number.isNaN(doneAt) && now - stableSince > 500) break;
			await sleep(10);
		}
		if (Number.isNaN(doneAt))
			log('WARNING: not every stream received the last message within 120 s');
		const load1 = loadavg();
		const metrics = await readHealthLive(port);
		const mem = memory(server.pid);

		const okCount = accepted.reduce((a, b) => a + b, 0);
		const rtt = [];
		const observed = [];
		const sendToAll = [];
		let undelivered = 0;
		for (let task = 0; task < tasks; task++) {
			rtt.push(ackAt[task] - sendAt[task]);
			if (!accepted[task]) continue;
			const all = tracker.deliveredAfter(seenAtSend[task]);
			if (Number.isNaN(all)) {
				undelivered++;
				continue;
			}
			observed.push(Math.max(0, all - ackAt[task]));
			sendToAll.push(all - sendAt[task]);
		}
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
			const r = await postDot(port, agent, cookies[i], body);
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
			if ((await postDot(port, agent, cookies[i], body)).type === 'success') replaysOk++;
		});

		let db = null;
		if (kind === 'app') {
			const SQLite = appRequire(opts.app)('better-sqlite3');
			const conn = new SQLite(setup.dbFile, { readonly: true });
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
		}

		return {
			kind,
			n,
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
			ackToAllMs: {
				p50: percentile(observed, 0.5),
				p99: percentile(observed, 0.99),
				max: percentile(observed, 1),
				undelivered
			},
			observedMs: { p50: percentile(sendToAll, 0.5), p99: percentile(sendToAll, 0.99) },
			messages: { events: tracker.maxSeen - tracker.firstSeen + 1, chunksReceived: tracker.chunks },
			serverCpuPct: ((cpu1 - cpu0) / phaseSeconds) * 100,
			clientCpuPct: (clientCpuSec / phaseSeconds) * 100,
			phaseSeconds,
			peakRssMB: mem.hwm / 2 ** 20,
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
		for (const s of streams) s?.destroy();
		agent.destroy();
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
console.log(
	`bench/live — ${info.cores} cores, ${info.model}, ${info.memGB} GB, Node ${info.node}, ` +
		`kernel ${info.kernel}\napp: ${opts.app}\nload average at start: ${loadavg()}\n` +
		`SQLite single-row commits/s on this disk (WAL, synchronous=FULL): ${commitsPerSecond}\n` +
		`N = ${NS.join(', ')}; ${DOTS} dots each on ${POSTITS} post-its; ${CONCURRENCY} votes in flight; ` +
		`joins ${JOIN_CONCURRENCY} in flight\n`
);

const results = [];
for (const n of NS) {
	for (const kind of opts['skip-floor'] ? ['app'] : ['app', 'floor']) {
		console.log(`${kind}, N=${n}…`);
		try {
			results.push(await runTarget(kind, n));
		} catch (e) {
			console.log(`  FAILED: ${e.stack ?? e}`);
			results.push({ kind, n, error: String(e.message ?? e) });
		}
	}
}

const rows = [];
for (const r of results) {
	if (r.error) {
		rows.push([r.kind, r.n, 'failed: ' + r.error.slice(0, 60), '', '', '', '', '', '', '', '', '']);
		continue;
	}
	rows.push([
		r.kind,
		r.n,
		fmt(r.votes.perSecond, 0),
		`${fmt(r.voteRttMs.p50)}/${fmt(r.voteRttMs.p99)}`,
		`${fmt(r.serverMs.p50)}/${fmt(r.serverMs.p99)}`,
		`${fmt(r.observedMs.p50)}/${fmt(r.observedMs.p99)}`,
		`${fmt(r.ackToAllMs.p50)}/${fmt(r.ackToAllMs.p99)}`,
		r.messages.events,
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
				'observed p50/p99 ms',
				'ack→all p50/p99 ms',
				'msgs',
				'srv CPU %',
				'RSS MB start/joined/streams/peak',
				'gen CPU %',
				'load avg after'
			],
			rows
		)
);

const ratios = [];
console.log('');
for (const n of NS) {
	const app = results.find((r) => r.kind === 'app' && r.n === n && !r.error);
	const floor = results.find((r) => r.kind === 'floor' && r.n === n && !r.error);
	if (!app) {
		console.log(`N=${n}: the app run failed — target "participants held" not met`);
		continue;
	}
	const serverTarget = n <= 1000 ? 20 : 100;
	const lines = [
		`participants held: ${app.connectionsAtEnd}/${n} ${app.connectionsAtEnd >= n ? 'OK' : 'MISSED'}`,
		`server p99 ${fmt(app.serverMs.p99)} ms (target ≤ ${serverTarget}) ${app.serverMs.p99 <= serverTarget ? 'OK' : 'MISSED'}`,
		`votes/s ${fmt(app.votes.perSecond, 0)} (target ≥ 2000, synchronous=${app.db?.synchronous}) ${app.votes.perSecond >= 2000 ? 'OK' : 'MISSED'}`
	];
	if (n >= 5000)
		lines.push(
			`peak RSS ${fmt(app.peakRssMB, 0)} MB (target ≤ 400) ${app.peakRssMB <= 400 ? 'OK' : 'MISSED'}`
		);
	if (floor) {
		const serverRatio = app.serverMs.p99 / floor.serverMs.p99;
		const observedRatio = app.observedMs.p99 / floor.observedMs.p99;
		ratios.push({ n, serverRatio, observedRatio });
		lines.push(
			`p99 / floor p99 (target ≤ 1.5): server-side ${fmt(serverRatio, 2)} ${serverRatio <= 1.5 ? 'OK' : 'MISSED'}, ` +
				`observed ${fmt(observedRatio, 2)} ${observedRatio <= 1.5 ? 'OK' : 'MISSED'}`
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
		`${SERVER_DEFINITION}\n${OBSERVED_DEFINITION}\n` +
		`msgs: SSE messages (event ids) each stream received during the run. srv CPU: server utime+stime ` +
		`over the vote phase (first vote → last stream caught up), % of one core. RSS: server VmRSS ` +
		`after start, after the N joins, with the N streams open, and VmHWM (peak, whole life). gen CPU: this load generator, same window.\n` +
		`Floor: bench/floor-server.mjs, bare node:http, no framework, no database, in-memory budget, ` +
		`same requests, same per-event-loop-turn batching (setImmediate flush) and 25 s heartbeat as the hub.`
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
				joinConcurrency: JOIN_CONCURRENCY
			},
			definitions: { server: SERVER_DEFINITION, observed: OBSERVED_DEFINITION },
			results,
			ratios
		},
		null,
		2
	) + '\n'
);
console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
