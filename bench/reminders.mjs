// The reminders crash bench (issue 13): a simulated month of reminders, sent by the real server
// on a fake clock (FAKE_CLOCK_FILE) while it is killed with SIGKILL at random moments and
// restarted at once. Every reminder that was due must be sent exactly once (one row in the
// development outbox), or cancelled for the reason the bench arranged.
//
//   npm run bench:reminders [-- --reminders=100000] [--cycles=10] [--quick] [--minutes=3]
//                           [--pg=postgres://postgres@127.0.0.1:56432/postgres] [--keep] [--app=DIR]
//
// Results: bench/results/reminders-<date>.json. See bench/README.md (bench:reminders).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
	BENCH_DIR,
	appEnv,
	appRequire,
	checkNode,
	ensureBuild,
	fmt,
	freePort,
	loadavg,
	machine,
	parseArgs,
	percentile,
	preparePostgres,
	request,
	seedDatabase,
	sleep,
	sqliteCommitProbe,
	table,
	tmpDir
} from './lib.mjs';

checkNode();
const opts = parseArgs();
const QUICK = Boolean(opts.quick);
const REMINDERS = Number(opts.reminders ?? (QUICK ? 5000 : 100_000));
const CYCLES = Number(opts.cycles ?? (QUICK ? 3 : 10));
/** Real minutes the simulated month takes. */
const MINUTES = Number(opts.minutes ?? (QUICK ? 0.6 : 3));
const PG_URL = typeof opts.pg === 'string' ? opts.pg : null;
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR || path.join(BENCH_DIR, 'results');

/** The ladder of an action (reminder.rules.ts LADDER.action) and the hour it goes out. */
const LADDER = [-7, 0, 3];
const ZONE = 'Europe/Brussels';
/** Day 0 of the simulated month (a Monday; summer time starts on day 27). */
const MONTH_START = '2031-03-03';
const MONTH_DAYS = 30;
/** Actions per member; due days are spread over days 7..26, so the ladder stays in the month. */
const ACTIONS_PER_MEMBER = 10;
/** Of the actions, this share is done before the month starts: its reminders are cancelled. */
const DONE_SHARE = 0.01;
/** Of the members, this share turned reminders off after they were planned. */
const OFF_SHARE = 0.01;
const JOB_LEASE_SECONDS = 2;
const DRAIN_TIMEOUT_MS = 600_000;
const PREFIX = 'rbench';

const rand = (lo, hi) => lo + Math.random() * (hi - lo);

// --- dates (the same rules as src/lib/dates.ts wallClockToInstant and reminder.rules.ts) -------

const plusDays = (day, n) => {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
};
/** Milliseconds the zone is ahead of UTC at instant `t`. */
function zoneOffsetMs(t, zone) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		})
			.formatToParts(new Date(t))
			.map((p) => [p.type, p.value])
	);
	const asUtc = Date.UTC(
		+parts.year,
		+parts.month - 1,
		+parts.day,
		+parts.hour,
		+parts.minute,
		+parts.second
	);
	return asUtc - Math.floor(t / 1000) * 1000;
}
/** `YYYY-MM-DDTHH:MM` on the zone's wall clock, as an instant. */
function wallClock(local, zone) {
	const guess = Date.parse(`${local}:00Z`);
	let t = guess - zoneOffsetMs(guess, zone);
	t = guess - zoneOffsetMs(t, zone);
	return new Date(t);
}
const reminderAt = (day, offset) => wallClock(`${plusDays(day, offset)}T09:00`, ZONE);
/** reminder.rules.ts reminderKey */
const reminderKey = (r) =>
	`reminder:${r.kind}:${r.subjectId}:${r.moment ?? ''}:${r.day}:${r.offset}:${r.userId}`;

// --- the database -----------------------------------------------------------------------------

/** `?` placeholders on either database; `all` for reads, `run` for writes. */
async function openDb(run) {
	if (!run.pg) {
		const SQLite = appRequire(opts.app)('better-sqlite3');
		const db = new SQLite(run.dbFile);
		db.pragma('journal_mode = WAL');
		db.pragma('busy_timeout = 10000');
		return {
			all: async (sql, params = []) => db.prepare(sql).all(...params),
			insertMany: async (tableName, columns, rows) => {
				const st = db.prepare(
					`insert into ${tableName} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`
				);
				db.transaction(() => {
					for (const r of rows) st.run(...r);
				})();
			},
			close: async () => db.close()
		};
	}
	const pg = appRequire(opts.app)('pg');
	const client = new pg.Client({ connectionString: run.databaseUrl });
	await client.connect();
	const numbered = (sql) => {
		let n = 0;
		return sql.replace(/\?/g, () => `$${++n}`);
	};
	return {
		all: async (sql, params = []) => (await client.query(numbered(sql), params)).rows,
		insertMany: async (tableName, columns, rows) => {
			await client.query('begin');
			for (let i = 0; i < rows.length; i += 500) {
				const chunk = rows.slice(i, i + 500);
				let n = 0;
				const values = chunk.map(() => `(${columns.map(() => `$${++n}`).join(', ')})`).join(', ');
				await client.query(
					`insert into ${tableName} (${columns.join(', ')}) values ${values}`,
					chunk.flat()
				);
			}
			await client.query('commit');
		},
		close: () => client.end()
	};
}

/**
 * Members, commitments, sprints and actions in the demo network, and the reminder jobs of the
 * month exactly as the server's planner writes them (reminder.service.ts planReminders: same
 * payload, key, runAt at 09:00 Europe/Brussels, network). The planner keeps running in the
 * server; it finds the same actions and, the keys being equal, writes nothing new (checked).
 */
async function insertMonth(run) {
	const db = await openDb(run);
	try {
		const [network] = await db.all('select id from network order by created_at limit 1');
		if (!network) throw new Error('the demo seed made no network');
		const networkId = network.id;
		const actions = Math.floor(REMINDERS / LADDER.length);
		const members = Math.ceil(actions / ACTIONS_PER_MEMBER);
		const created = new Date(
			Date.parse(`${MONTH_START}T00:00:00Z`) - 90 * 86_400_000
		).toISOString();
		const verified = run.pg ? false : 0;
		const users = [];
		const memberships = [];
		const commitments = [];
		const sprints = [];
		const prefs = [];
		const off = new Set();
		for (let i = 0; i < members; i++) {
			const userId = `${PREFIX}-user-${i}`;
			users.push([
				userId,
				`Bench member ${i}`,
				`${PREFIX}-${i}@example.org`,
				verified,
				['nl', 'en', 'fr'][i % 3],
				created,
				created
			]);
			memberships.push([
				`${PREFIX}-membership-${i}`,
				networkId,
				userId,
				'participant',
				'active',
				created,
				1,
				created
			]);
			commitments.push([
				`${PREFIX}-commitment-${i}`,
				networkId,
				userId,
				`Commitment ${i}`,
				'active',
				created,
				created
			]);
			// A sprint from long before the month to long after it: no check-in falls due in it.
			sprints.push([
				`${PREFIX}-sprint-${i}`,
				`${PREFIX}-commitment-${i}`,
				plusDays(MONTH_START, -365),
				plusDays(MONTH_START, MONTH_DAYS + 365),
				created
			]);
			if (Math.random() < OFF_SHARE) {
				off.add(userId);
				prefs.push([userId, 0, 0, null, created]);
			}
		}
		const actionRows = [];
		const jobs = [];
		const expected = new Map();
		const planned = new Date(Date.parse(`${MONTH_START}T00:00:00Z`) - 86_400_000).toISOString();
		for (let a = 0; a < actions; a++) {
			const i = Math.floor(a / ACTIONS_PER_MEMBER);
			const userId = `${PREFIX}-user-${i}`;
			const actionId = `${PREFIX}-action-${a}`;
			const day = plusDays(MONTH_START, 7 + Math.floor(Math.random() * (MONTH_DAYS - 10)));
			const done = Math.random() < DONE_SHARE;
			actionRows.push([
				actionId,
				`${PREFIX}-sprint-${i}`,
				userId,
				`Action ${a}`,
				day,
				done ? planned : null,
				created
			]);
			for (const offset of LADDER) {
				const payload = {
					kind: 'action',
					subjectId: actionId,
					moment: null,
					day,
					offset,
					userId,
					networkId,
					commitmentId: `${PREFIX}-commitment-${i}`
				};
				const key = reminderKey(payload);
				const runAt = reminderAt(day, offset).toISOString();
				expected.set(
					key,
					done
						? 'cancelled: no longer due'
						: off.has(userId)
							? 'cancelled: reminders turned off'
							: 'sent'
				);
				jobs.push([
					randomUUID(),
					'reminder',
					key,
					networkId,
					JSON.stringify(payload),
					runAt,
					0,
					8,
					'queued',
					planned
				]);
			}
		}
		await db.insertMany(
			'"user"',
			['id', 'name', 'email', '"emailVerified"', 'locale', '"createdAt"', '"updatedAt"'],
			users
		);
		await db.insertMany(
			'membership',
			[
				'id',
				'network_id',
				'user_id',
				'role',
				'status',
				'rules_accepted_at',
				'rules_version',
				'joined_at'
			],
			memberships
		);
		await db.insertMany(
			'commitment',
			['id', 'network_id', 'user_id', 'title', 'state', 'created_at', 'updated_at'],
			commitments
		);
		await db.insertMany(
			'commitment_sprint',
			['id', 'commitment_id', 'starts_on', 'ends_on', 'created_at'],
			sprints
		);
		await db.insertMany(
			'commitment_action',
			['id', 'sprint_id', 'owner_id', 'title', 'due_on', 'done_at', 'created_at'],
			actionRows
		);
		await db.insertMany(
			'reminder_preference',
			['user_id', 'enabled', 'digest', 'time_zone', 'updated_at'],
			prefs
		);
		await db.insertMany(
			'job',
			[
				'id',
				'kind',
				'key',
				'network_id',
				'payload',
				'run_at',
				'attempts',
				'max_attempts',
				'state',
				'created_at'
			],
			jobs
		);
		const runAts = jobs.map((j) => Date.parse(j[5]));
		return {
			networkId,
			members,
			actions,
			membersOff: off.size,
			actionsDone: actionRows.filter((r) => r[5]).length,
			expected,
			firstDue: Math.min(...runAts),
			lastDue: Math.max(...runAts)
		};
	} finally {
		await db.close();
	}
}

// --- the clock and the server -----------------------------------------------------------------

/** Written as a new file renamed over the old one, so a server never reads half of it. */
function writeClock(file, setting) {
	const tmp = `${file}.tmp`;
	fs.writeFileSync(tmp, JSON.stringify(setting));
	fs.renameSync(tmp, file);
}

/** Every server this process started, so an interruption kills them. */
const live = new Set();
process.on('exit', () => live.forEach((p) => p.kill('SIGKILL')));
for (const sig of ['SIGINT', 'SIGTERM'])
	process.on(sig, () => {
		live.forEach((p) => p.kill('SIGKILL'));
		process.exit(130);
	});

async function startServer(run) {
	const { spawn } = await import('node:child_process');
	const out = fs.openSync(run.logFile, 'a');
	const t = performance.now();
	const nodeArgs = opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${run.dir}`] : [];
	const proc = spawn(process.execPath, [...nodeArgs, 'scripts/serve.js'], {
		cwd: opts.app,
		env: { ...process.env, ...run.env },
		stdio: ['ignore', out, out]
	});
	fs.closeSync(out);
	live.add(proc);
	let gone = false;
	const exit = new Promise((r) =>
		proc.once('exit', (code, signal) => {
			gone = true;
			live.delete(proc);
			r({ code, signal });
		})
	);
	for (;;) {
		if (gone)
			throw new Error(
				`server exited during start; see ${run.logFile}:\n` +
					fs.readFileSync(run.logFile, 'utf8').slice(-2000)
			);
		try {
			if ((await request(run.port, 'GET', '/healthz', { timeout: 2000 })).status === 200) break;
		} catch {
			/* not yet */
		}
		if (performance.now() - t > 60_000) throw new Error(`server did not start; see ${run.logFile}`);
		await sleep(20);
	}
	return { proc, exit, servingS: (performance.now() - t) / 1000 };
}

async function count(db, sql, params = []) {
	return Number((await db.all(sql, params))[0].n);
}

const LIKE = `reminder:action:${PREFIX}-action-%`;

/** Bench reminders not finished yet (queued or running), and the mail jobs still to deliver. */
async function pending(db) {
	return {
		reminders: await count(
			db,
			"select count(*) as n from job where kind = 'reminder' and key like ? and state in ('queued', 'running')",
			[LIKE]
		),
		mail: await count(
			db,
			"select count(*) as n from job where kind = 'mail' and key like ? and state in ('queued', 'running')",
			[`mail:${LIKE}`]
		)
	};
}

// --- verification -----------------------------------------------------------------------------

async function verify(run, month) {
	const db = await openDb(run);
	try {
		const reminders = await db.all(
			`select j.key, j.state, j.result, j.run_at, j.done_at, m.id as mail_id, m.state as mail_state,
			   (select count(*) from outbox o where o.id = m.id) as outbox_rows,
			   (select max(o.created_at) from outbox o where o.id = m.id) as delivered_at
			 from job j left join job m on m.kind = 'mail' and m.key = 'mail:' || j.key
			 where j.kind = 'reminder' and j.key like ?`,
			[LIKE]
		);
		const byKey = new Map(reminders.map((r) => [r.key, r]));
		const outboxToBench = await count(
			db,
			'select count(*) as n from outbox where to_address like ?',
			[`${PREFIX}-%@example.org`]
		);
		// Mail jobs keyed for a reminder that does not exist. Compared here by key: the same question
		// as a correlated `not exists` in SQL, which scanned the job table once per mail job (about
		// an hour at 100,000 reminders).
		const mailKeys = await db.all("select key from job where kind = 'mail' and key like ?", [
			`mail:${LIKE}`
		]);
		const strayMailJobs = mailKeys.filter((m) => !byKey.has(m.key.slice('mail:'.length))).length;
		// Reminder jobs the server's own planner wrote for the bench's members under keys the bench
		// did not write: none when the bench writes them exactly as the planner does.
		const ofMembers = await count(
			db,
			"select count(*) as n from job where kind = 'reminder' and key like ?",
			[`reminder:%:${PREFIX}-user-%`]
		);
		const plannerExtra = ofMembers - month.expected.size;
		const lost = [];
		const twice = [];
		const wrongCancel = [];
		const cancelled = {};
		const lagMs = [];
		let sent = 0;
		for (const [key, want] of month.expected) {
			const r = byKey.get(key);
			if (!r) {
				lost.push({ key, why: 'reminder job missing' });
				continue;
			}
			const rows = Number(r.outbox_rows ?? 0);
			if (rows > 1) twice.push(key);
			if (r.result?.startsWith('cancelled')) cancelled[r.result] = (cancelled[r.result] ?? 0) + 1;
			if (want === 'sent') {
				if (rows >= 1) {
					sent++;
					// Real milliseconds from its moment (on the fake clock) to the outbox row (real time).
					lagMs.push(Date.parse(r.delivered_at) - month.realAt(Date.parse(r.run_at)));
				} else
					lost.push({ key, why: `${r.state}/${r.result ?? ''}/mail ${r.mail_state ?? 'none'}` });
				if (r.result !== 'sent' && rows >= 1) wrongCancel.push({ key, result: r.result });
			} else {
				if (rows > 0) wrongCancel.push({ key, want, result: r.result, outbox: rows });
				else if (r.result !== want) wrongCancel.push({ key, want, result: r.result });
			}
		}
		const sentTwiceOutbox = Math.max(0, outboxToBench - sent);
		const deliveries = (
			await db.all(`select o.created_at from outbox o where o.to_address like ?`, [
				`${PREFIX}-%@example.org`
			])
		).map((r) => Date.parse(r.created_at));
		const expectedCancelled = [...month.expected.values()].filter((v) => v !== 'sent').length;
		return {
			due: month.expected.size,
			expectedSent: month.expected.size - expectedCancelled,
			sent,
			lost: lost.length,
			lostSamples: lost.slice(0, 10),
			sentTwice: twice.length + sentTwiceOutbox,
			twiceSamples: twice.slice(0, 10),
			outboxRowsToMembers: outboxToBench,
			cancelled,
			expectedCancelled,
			wrongCancel: wrongCancel.length,
			wrongCancelSamples: wrongCancel.slice(0, 10),
			strayMailJobs,
			plannerExtra,
			deliveries,
			lagMs
		};
	} finally {
		await db.close();
	}
}

// --- the run ----------------------------------------------------------------------------------

async function main() {
	ensureBuild(opts.app);
	const dir = tmpDir('olv-reminders-');
	const run = {
		pg: Boolean(PG_URL),
		dir,
		logFile: path.join(dir, 'server.log'),
		clockFile: path.join(dir, 'clock.json'),
		port: await freePort()
	};
	const m = machine();
	console.log(
		`${m.cores} cores, ${m.model}, Node ${m.node}; load ${loadavg()}\n` +
			`reminders bench: ${REMINDERS} reminders, ${CYCLES} kills, month in ${MINUTES} min, ` +
			`${run.pg ? 'PostgreSQL' : 'SQLite'}`
	);
	const floor = run.pg ? null : sqliteCommitProbe(opts.app);
	if (floor)
		console.log(
			`disk floor: ${floor.perSecond} single-row SQLite commits/s (WAL, synchronous=FULL)`
		);
	const t0 = performance.now();
	let drop = null;
	if (run.pg) {
		const name = `olv_rbench_${randomUUID().slice(0, 8)}`;
		const pg = await preparePostgres(opts.app, dir, PG_URL, name);
		run.databaseUrl = pg.databaseUrl;
		drop = pg.drop;
	} else {
		run.dbFile = path.join(dir, 'olievlek.db');
		run.databaseUrl = run.dbFile;
		await seedDatabase(opts.app, dir, run.dbFile);
	}
	const month = await insertMonth(run);
	const setupS = (performance.now() - t0) / 1000;
	console.log(
		`setup ${fmt(setupS)} s: ${month.members} members (${month.membersOff} with reminders off), ` +
			`${month.actions} actions (${month.actionsDone} done), ${month.expected.size} reminder jobs`
	);

	// The simulated month: from midnight before the first reminder to an hour after the last.
	const simFrom = month.firstDue - 9 * 3_600_000;
	const simTo = month.lastDue + 3_600_000;
	const speed = (simTo - simFrom) / (MINUTES * 60_000);
	const origin = Date.now();
	writeClock(run.clockFile, { origin, at: new Date(simFrom).toISOString(), speed });
	const realAt = (sim) => origin + (sim - simFrom) / speed;
	month.realAt = realAt;
	run.env = appEnv(run.port, run.databaseUrl, {
		LIVE_METRICS: '0',
		FAKE_CLOCK_FILE: run.clockFile,
		JOB_LEASE_SECONDS: String(JOB_LEASE_SECONDS)
	});

	// Kills at random real moments while reminders go out.
	const killAt = Array.from({ length: CYCLES }, () =>
		rand(realAt(month.firstDue), realAt(month.lastDue))
	).sort((a, b) => a - b);
	const kills = [];
	let server = await startServer(run);
	const sendFrom = realAt(month.firstDue);
	const db = await openDb(run);
	let error = null;
	let verdict = null;
	let drainS = null;
	try {
		for (const [k, at] of killAt.entries()) {
			await sleep(Math.max(0, at - Date.now()));
			const before = await pending(db);
			server.proc.kill('SIGKILL');
			await server.exit;
			const simNow = new Date(simFrom + (Date.now() - origin) * speed).toISOString();
			server = await startServer(run);
			kills.push({
				cycle: k + 1,
				at: simNow,
				pendingReminders: before.reminders,
				pendingMail: before.mail,
				servingS: server.servingS
			});
			console.log(
				`  kill ${k + 1}/${CYCLES} at ${simNow.slice(0, 16)} (simulated), ${before.reminders} reminders and ` +
					`${before.mail} mails waiting; serving again after ${fmt(server.servingS, 2)} s`
			);
		}
		// Until the month is over and every reminder and its mail are done. At the month's end the
		// clock goes on at real speed (the running server reads the new file), so a backlog is
		// sent at the month's end, not two months later.
		const drainFrom = performance.now();
		let slowed = false;
		for (;;) {
			if (!slowed && Date.now() >= realAt(simTo)) {
				// Forward from the time it shows now: a server looks at the file at most every
				// 200 ms, so it may have run on at full speed that long; a jump back would hold the
				// mails it queued in that time (due on its clock) for hours.
				const t = Date.now();
				const at = new Date(simFrom + (t + 300 - origin) * speed).toISOString();
				writeClock(run.clockFile, { origin: t, at, speed: 1 });
				slowed = true;
			}
			const p = await pending(db);
			if (slowed && p.reminders === 0 && p.mail === 0) break;
			if (performance.now() - drainFrom > DRAIN_TIMEOUT_MS)
				throw new Error(`${p.reminders} reminders and ${p.mail} mails still waiting`);
			// Each look counts the bench's jobs with a scan: once a second, not to slow the server.
			await sleep(1000);
		}
		drainS = Math.max(0, (Date.now() - realAt(simTo)) / 1000);
		const stopped = server.exit;
		server.proc.kill('SIGTERM');
		const t = setTimeout(() => server.proc.kill('SIGKILL'), 15_000);
		await stopped;
		clearTimeout(t);
		verdict = await verify(run, month);
	} catch (e) {
		error = e;
	} finally {
		server.proc.kill('SIGKILL');
		await db.close();
	}

	const deliveries = verdict?.deliveries ?? [];
	const first = Math.min(...deliveries);
	const last = Math.max(...deliveries);
	const perSecond = new Map();
	for (const d of deliveries) {
		const s = Math.floor((d - first) / 1000);
		perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
	}
	const sendWindowS = deliveries.length ? (last - Math.min(first, sendFrom)) / 1000 : null;
	const lag = verdict?.lagMs ?? [];
	const summary = {
		db: run.pg ? 'postgres' : 'sqlite',
		ok:
			!error &&
			verdict !== null &&
			verdict.lost === 0 &&
			verdict.sentTwice === 0 &&
			verdict.wrongCancel === 0 &&
			verdict.strayMailJobs === 0 &&
			verdict.plannerExtra === 0,
		error: error ? String(error.stack ?? error) : null,
		reminders: REMINDERS,
		cycles: CYCLES,
		minutes: MINUTES,
		speed: Math.round(speed),
		simulated: { from: new Date(simFrom).toISOString(), to: new Date(simTo).toISOString() },
		setupS: Number(setupS.toFixed(1)),
		members: month.members,
		membersOff: month.membersOff,
		actions: month.actions,
		actionsDone: month.actionsDone,
		...(verdict ? { ...verdict, deliveries: undefined, lagMs: undefined } : {}),
		sendWindowS: sendWindowS && Number(sendWindowS.toFixed(1)),
		sentPerSecond: sendWindowS ? Math.round(deliveries.length / sendWindowS) : null,
		peakPerSecond: perSecond.size ? Math.max(...perSecond.values()) : null,
		lateRealSeconds: {
			p50: lag.length ? percentile(lag, 0.5) / 1000 : null,
			p99: lag.length ? percentile(lag, 0.99) / 1000 : null,
			max: lag.length ? Math.max(...lag) / 1000 : null
		},
		drainAfterMonthS: drainS,
		floorCommitsPerSecond: floor?.perSecond ?? null,
		kills,
		servingAgainMaxS: kills.length ? Math.max(...kills.map((k) => k.servingS)) : null,
		totalS: Number(((performance.now() - t0) / 1000).toFixed(1)),
		loadavg: loadavg()
	};
	if (drop) await drop().catch((e) => console.error(`drop: ${e.message}`));
	if (summary.ok && !opts.keep) fs.rmSync(dir, { recursive: true, force: true });
	else summary.keptDir = dir;
	return { summary, machine: m };
}

const { summary: s, machine: m } = await main();
console.log(
	'\n' +
		table(
			['figure', 'value'],
			[
				['reminders due (jobs)', s.due ?? '–'],
				[
					'  to be sent / cancelled by the bench',
					`${s.expectedSent ?? '–'} / ${s.expectedCancelled ?? '–'}`
				],
				['sent (one outbox row each)', s.sent ?? '–'],
				['lost (due, not sent)', s.lost ?? '–'],
				['sent twice', s.sentTwice ?? '–'],
				['cancelled', s.cancelled ? JSON.stringify(s.cancelled) : '–'],
				['cancelled wrongly / sent when cancelled', s.wrongCancel ?? '–'],
				['mail jobs without a reminder', s.strayMailJobs ?? '–'],
				['reminder jobs the planner added', s.plannerExtra ?? '–'],
				['kills / serving again max s', `${s.kills.length} / ${fmt(s.servingAgainMaxS, 2)}`],
				['sent per real second (whole month)', s.sentPerSecond ?? '–'],
				['sent in the busiest real second', s.peakPerSecond ?? '–'],
				['floor: single-row commits/s', s.floorCommitsPerSecond ?? '–'],
				[
					'late, real s p50/p99/max',
					`${fmt(s.lateRealSeconds.p50, 2)} / ${fmt(s.lateRealSeconds.p99, 2)} / ${fmt(s.lateRealSeconds.max, 2)}`
				],
				['still sending after the month, s', fmt(s.drainAfterMonthS)],
				['speed (simulated s per real s)', s.speed],
				['total s', s.totalS]
			]
		)
);
if (s.lostSamples?.length) console.log('lost:', JSON.stringify(s.lostSamples));
if (s.twiceSamples?.length) console.log('twice:', JSON.stringify(s.twiceSamples));
if (s.wrongCancelSamples?.length) console.log('wrong:', JSON.stringify(s.wrongCancelSamples));
if (s.error) console.log(`error: ${s.error}`);
if (s.keptDir) console.log(`kept: ${s.keptDir}`);
console.log(
	`\n${s.db}: ${s.due ?? '?'} reminders due, ${s.sent ?? '?'} sent, ${s.lost ?? '?'} lost, ` +
		`${s.sentTwice ?? '?'} sent twice, ${s.expectedCancelled ?? '?'} cancelled as arranged, ` +
		`${s.kills.length} kills; ${s.sentPerSecond ?? '?'} sent/s (floor ${s.floorCommitsPerSecond ?? '–'} commits/s); ` +
		`${s.ok ? 'OK' : 'FAILED'}; load ${s.loadavg}`
);

fs.mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = new Date().toISOString().replace(/:/g, '').slice(0, 17);
const file = path.join(RESULTS_DIR, `reminders-${stamp}.json`);
fs.writeFileSync(
	file,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			machine: m,
			config: {
				reminders: REMINDERS,
				cycles: CYCLES,
				minutes: MINUTES,
				quick: QUICK,
				db: s.db,
				ladder: LADDER,
				zone: ZONE,
				monthStart: MONTH_START,
				actionsPerMember: ACTIONS_PER_MEMBER,
				doneShare: DONE_SHARE,
				offShare: OFF_SHARE,
				jobLeaseSeconds: JOB_LEASE_SECONDS,
				written:
					'reminder jobs inserted by the bench as the planner writes them; the planner runs too'
			},
			result: s
		},
		null,
		'\t'
	) + '\n'
);
console.log(`results: ${path.relative(process.cwd(), file)}`);
process.exit(s.ok ? 0 : 1);
