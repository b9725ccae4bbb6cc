#!/usr/bin/env node
// bench/browser-live: the real-browser check. 20 Chromium phones (one browser, a context each,
// 360×740) join a live session through the real /join page and one projector page is signed in
// as the facilitator; one tap at a time on a phone ("Stip erbij", now and then "Stip terug"), and
// how long until the projector's DOM shows the post-it's new total (a MutationObserver in the
// projector records the moment). It also counts the page-data loads (`__data.json`) the
// projector and the phones made during the taps: the stream carries the state, so none should.
//   npm run bench:browser [-- --taps=200] [--phones=20] [--postits=20] [--gap=100]
//                         [--take-back-every=4] [--port=4900] [--timeout=10000] [--app=…]
// The app directory defaults to this repository; it is built when build/index.js is missing.
// Results: a table on stdout and bench/results/browser-live-<date>.json.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomInt, randomUUID } from 'node:crypto';
import {
	BENCH_DIR,
	appEnv,
	appRequire,
	checkNode,
	ensureBuild,
	fmt,
	loadavg,
	machine,
	memory,
	parseArgs,
	percentile,
	pool,
	readHealthLive,
	signIn,
	sleep,
	sqliteCommitProbe,
	startNode,
	table,
	tmpDir,
	waitForConnections
} from './lib.mjs';

checkNode();
const opts = parseArgs();
const TAPS = Number(opts.taps ?? 200);
const PHONES = Number(opts.phones ?? 20);
const POSTITS = Number(opts.postits ?? 20);
const GAP_MS = Number(opts.gap ?? 100);
const TAKE_BACK_EVERY = Number(opts['take-back-every'] ?? 4);
const TIMEOUT_MS = Number(opts.timeout ?? 10_000);
// Enough dots that no phone runs out (take-backs only leave more).
const DOTS = Number(opts.dots ?? Math.max(5, Math.ceil(TAPS / PHONES) + 2));
const COORDINATOR = { email: 'coordinator@olievlek.test', password: 'olievlek-demo-2026' };
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RESULTS_DIR = path.join(BENCH_DIR, 'results');

const DEFINITION =
	"tap → projector: from the phone's click event (its timeStamp, performance.timeOrigin-based, " +
	"in the phone's renderer) until a MutationObserver in the projector page saw the post-it's " +
	"row show the new total (performance.timeOrigin + performance.now() in the projector's " +
	'renderer; both are wall-clock based on this machine). "frame": the same up to the next ' +
	'requestAnimationFrame after that mutation. "bench": from this script calling click() to ' +
	"the mutation (includes Playwright's actionability checks and CDP round trips).";

const messages = JSON.parse(fs.readFileSync(path.join(opts.app, 'messages', 'nl.json'), 'utf8'));
const M = {
	dotAdd: messages.dot_add,
	dotRemove: messages.dot_remove,
	code: messages.field_join_code,
	name: messages.field_display_name_live,
	join: messages.join_submit
};

/** A port in 4900–4999 nobody listens on (or --port). */
async function pickPort() {
	const free = (port) =>
		new Promise((resolve) => {
			const s = net.createServer();
			s.once('error', () => resolve(false));
			s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
		});
	const start = opts.port ? Number(opts.port) : 4900 + randomInt(100);
	for (let i = 0; i < 100; i++) {
		const port = 4900 + ((start - 4900 + i) % 100);
		if (await free(port)) return port;
	}
	throw new Error('no free port in 4900–4999');
}

const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * As lib's prepareDatabase (which seeds on a random port): a fresh SQLite file with the demo
 * seed (one start of the real server with SEED_DEMO=1, on `port`), then one live session: a
 * closed post-it round with POSTITS post-its and an open dot vote on it (DOTS dots each, no
 * per-item maximum, live tally) as the current step.
 */
async function prepare(dir, port) {
	const dbFile = path.join(dir, 'olievlek.db');
	const seed = await startNode({
		cwd: opts.app,
		script: 'scripts/serve.js',
		env: appEnv(port, dbFile, { SEED_DEMO: '1' }),
		port,
		logFile: path.join(dir, 'seed.log'),
		readyPath: '/healthz'
	});
	await seed.stop();
	const SQLite = appRequire(opts.app)('better-sqlite3');
	const db = new SQLite(dbFile);
	db.pragma('journal_mode = WAL');
	const now = new Date().toISOString();
	const network = db.prepare('select id, created_by from network limit 1').get();
	if (!network) throw new Error('the demo seed made no network');
	const sessionId = randomUUID();
	const roundId = randomUUID();
	const voteId = randomUUID();
	let joinCode = '';
	for (let i = 0; i < 6; i++) joinCode += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
	const postits = [];
	db.transaction(() => {
		db.prepare(
			`insert into network_session (id, network_id, title, place, theme, objectives, status,
			  created_by, created_at, updated_at, join_code, current_step_id)
			 values (?, ?, 'Bench browser session', '', '', '', 'live', ?, ?, ?, ?, ?)`
		).run(sessionId, network.id, network.created_by, now, now, joinCode, voteId);
		const step = db.prepare(
			`insert into agenda_step (id, session_id, position, kind, title, prompt, questions,
			  state, source_step_id, dots, max_dots_per_item, tally, max_per_person)
			 values (?, ?, ?, ?, ?, '', '', ?, ?, ?, null, ?, null)`
		);
		step.run(roundId, sessionId, 1, 'postit_round', 'Ideas', 'closed', null, null, null);
		step.run(voteId, sessionId, 2, 'dot_vote', 'Vote', 'open', roundId, DOTS, 'live');
		const postit = db.prepare(
			`insert into postit (id, step_id, participant_id, client_id, text, is_hidden, created_at,
			  updated_at) values (?, ?, null, ?, ?, 0, ?, ?)`
		);
		for (let i = 0; i < POSTITS; i++) {
			const id = randomUUID();
			const text = `Idea number ${i + 1}`;
			postit.run(id, roundId, `bench-postit-${id}`, text, now, now);
			postits.push({ id, text });
		}
	})();
	db.close();
	return { dbFile, networkId: network.id, sessionId, voteId, joinCode, postits };
}

/** Cookie header → Playwright cookies for `origin`. */
const toCookies = (header, origin) =>
	header
		.split('; ')
		.filter(Boolean)
		.map((c) => {
			const i = c.indexOf('=');
			return { name: c.slice(0, i), value: c.slice(i + 1), url: origin };
		});

/**
 * Runs in the projector page: records, for every tally row, each total it shows and when
 * (performance.timeOrigin + performance.now()), and the next animation frame after it.
 * `window.__olvWait(text, count, after)` resolves with the first such record after `after`.
 */
function installObserver() {
	const now = () => performance.timeOrigin + performance.now();
	const last = new Map();
	const log = [];
	const waiters = [];
	const settle = () => {
		for (let i = waiters.length - 1; i >= 0; i--) {
			const w = waiters[i];
			const hit = log.find((e) => e.text === w.text && e.count === w.count && e.t > w.after);
			if (hit) {
				waiters.splice(i, 1);
				w.resolve(hit);
			}
		}
	};
	const read = () => {
		const t = now();
		const fresh = [];
		for (const li of document.querySelectorAll('ol.tally > li')) {
			const text = li.querySelector('.tally-text')?.textContent?.trim() ?? '';
			const count = parseInt(li.querySelector('.tally-count')?.textContent ?? '', 10);
			if (last.get(text) === count) continue;
			last.set(text, count);
			const e = { text, count, t, frame: null };
			log.push(e);
			fresh.push(e);
		}
		if (!fresh.length) return;
		requestAnimationFrame(() => {
			const f = now();
			for (const e of fresh) e.frame = f;
			settle();
		});
	};
	read();
	new MutationObserver(read).observe(document.body, {
		subtree: true,
		childList: true,
		characterData: true
	});
	window.__olvCounts = () => Object.fromEntries(last);
	window.__olvWait = (text, count, after, ms) =>
		new Promise((resolve) => {
			const w = { text, count, after, resolve };
			waiters.push(w);
			settle();
			setTimeout(() => {
				const i = waiters.indexOf(w);
				if (i >= 0) {
					waiters.splice(i, 1);
					resolve(null);
				}
			}, ms);
		});
}

/**
 * Init script of the projector: every `change` message its stream delivers is timestamped as it
 * is dispatched, before the page's own listener runs (this one is added first).
 */
function installStreamClock() {
	const Native = window.EventSource;
	window.__olvMessages = [];
	window.EventSource = class extends Native {
		constructor(...args) {
			super(...args);
			this.addEventListener('change', () =>
				window.__olvMessages.push(performance.timeOrigin + performance.now())
			);
		}
	};
}

/** Runs in a phone page: the time of the last click event (its timeStamp, wall-clock based). */
function installClickClock() {
	document.addEventListener(
		'click',
		(e) => (window.__olvClick = performance.timeOrigin + e.timeStamp),
		true
	);
}

// ---------------------------------------------------------------------------------------------
ensureBuild(opts.app);
const info = machine();
const commits = sqliteCommitProbe(opts.app);
console.log(
	`bench/browser-live — ${info.cores} cores, ${info.model}, ${info.memGB} GB, Node ${info.node}, ` +
		`kernel ${info.kernel}\napp: ${opts.app}\nload average at start: ${loadavg()}\n` +
		`SQLite single-row commits/s on this disk (WAL, synchronous=FULL): ${commits.perSecond}\n` +
		`${PHONES} phones, 1 projector; ${TAPS} taps, one at a time, ${GAP_MS} ms apart; ${DOTS} dots ` +
		`each on ${POSTITS} post-its; every ${TAKE_BACK_EVERY || '–'}th tap of a phone takes a dot back\n`
);

const dir = tmpDir('olv-bench-browser-');
const port = await pickPort();
const origin = `http://localhost:${port}`;
const setup = await prepare(dir, port);
const server = await startNode({
	cwd: opts.app,
	script: 'scripts/serve.js',
	env: appEnv(port, setup.dbFile),
	port,
	logFile: path.join(dir, 'server.log'),
	readyPath: '/healthz'
});
const log = (msg) => console.log(`  ${msg}  (load ${loadavg().split(' ').slice(0, 3).join(' ')})`);
log(`server on port ${port}, session ${setup.sessionId}, code ${setup.joinCode}`);

const { chromium } = appRequire(opts.app)('@playwright/test');
let browser;
let result;
let failed = null;
try {
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	const chromiumVersion = browser.version();

	// Page data loads, stream (re)opens, navigations and errors per screen; counted during taps.
	let measuring = false;
	const counters = { projector: newCounter(), phones: newCounter() };
	function newCounter() {
		return { dataLoads: 0, streamOpens: 0, navigations: 0, documents: 0, errors: 0, urls: [] };
	}
	const watch = (page, c) => {
		page.on('request', (r) => {
			if (!measuring) return;
			const u = r.url();
			if (u.includes('__data.json')) {
				c.dataLoads++;
				if (c.urls.length < 10) c.urls.push(u.replace(origin, ''));
			} else if (u.includes('/events')) c.streamOpens++;
			else if (r.resourceType() === 'document') c.documents++;
		});
		page.on('framenavigated', (f) => {
			if (measuring && f === page.mainFrame()) c.navigations++;
		});
		page.on('pageerror', () => measuring && c.errors++);
	};

	// The projector, signed in as the facilitator (the demo coordinator).
	const cookie = await signIn(port, COORDINATOR.email, COORDINATOR.password);
	const projectorContext = await browser.newContext({
		viewport: { width: 1280, height: 720 },
		locale: 'nl-NL'
	});
	await projectorContext.addCookies(toCookies(cookie, origin));
	await projectorContext.addInitScript(installStreamClock);
	const projector = await projectorContext.newPage();
	watch(projector, counters.projector);
	const projectorPath = `/networks/${setup.networkId}/sessions/${setup.sessionId}/projector`;
	const pr = await projector.goto(origin + projectorPath, { waitUntil: 'load' });
	if (pr?.status() !== 200 || !projector.url().endsWith('/projector')) {
		throw new Error(`projector answered ${pr?.status()} at ${projector.url()}`);
	}
	await projector.locator('ol.tally > li').first().waitFor();
	await waitForConnections(port, 1, 30_000);
	await projector.evaluate(installObserver);
	log(`projector open (${await projector.locator('ol.tally > li').count()} tally rows)`);

	// The phones join through the real /join page, a few at a time.
	const phones = new Array(PHONES);
	const t0 = performance.now();
	await pool(PHONES, 2, async (i) => {
		const context = await browser.newContext({
			viewport: { width: 360, height: 740 },
			isMobile: true,
			hasTouch: true,
			locale: 'nl-NL'
		});
		const page = await context.newPage();
		watch(page, counters.phones);
		await page.goto(`${origin}/join?code=${setup.joinCode}`);
		await page.getByLabel(M.code, { exact: true }).fill(setup.joinCode);
		await page.getByLabel(M.name, { exact: true }).fill(`Phone ${i + 1}`);
		await Promise.all([
			page.waitForURL(`${origin}/live`),
			page.getByRole('button', { name: M.join, exact: true }).click()
		]);
		await page.evaluate(installClickClock);
		const phone = { page, context, taps: 0, lastPostit: null, post: null };
		// The phone's own vote request: when it left and how long its answer took.
		page.on('requestfinished', (r) => {
			if (r.method() === 'POST' && r.url().endsWith('/live/dots')) phone.post = r.timing();
		});
		phones[i] = phone;
	});
	// Every screen's stream open (each opens in onMount, i.e. once the page is hydrated).
	await waitForConnections(port, PHONES + 1, 60_000);
	log(`${PHONES} phones joined through /join in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
	await sleep(500);
	await readHealthLive(port, true);

	// The taps, one at a time.
	const expected = new Map(setup.postits.map((p) => [p.text, 0]));
	const taps = [];
	const outboxEmpty = () => (localStorage.getItem('olievlek-outbox') ?? '[]') === '[]';
	const rssBefore = memory(server.pid).rss / 2 ** 20;
	const load0 = loadavg();
	measuring = true;
	const tStart = performance.now();
	for (let k = 0; k < TAPS; k++) {
		const i = k % PHONES;
		const phone = phones[i];
		const j = phone.taps++;
		const takeBack =
			TAKE_BACK_EVERY > 0 && j % TAKE_BACK_EVERY === TAKE_BACK_EVERY - 1 && phone.lastPostit;
		const postit = takeBack ? phone.lastPostit : setup.postits[(i + j) % setup.postits.length];
		const count = expected.get(postit.text) + (takeBack ? -1 : 1);
		// The phone's previous tap acknowledged (its answer brings the form a fresh client id).
		await phone.page.waitForFunction(outboxEmpty, null, { timeout: TIMEOUT_MS });
		const button = phone.page.getByRole('button', {
			name: `${takeBack ? M.dotRemove : M.dotAdd} – ${postit.text}`,
			exact: true
		});
		phone.post = null;
		const benchAt = performance.timeOrigin + performance.now();
		await button.click({ timeout: TIMEOUT_MS });
		const clickAt = await phone.page.evaluate(() => window.__olvClick ?? null);
		const seen = await projector.evaluate(
			([text, n, after, ms]) => window.__olvWait(text, n, after, ms),
			[postit.text, count, benchAt - 1, TIMEOUT_MS]
		);
		const tap = { k, phone: i, kind: takeBack ? 'take back' : 'add', postit: postit.text, count };
		if (seen && clickAt) {
			expected.set(postit.text, count);
			tap.ms = seen.t - clickAt;
			tap.frameMs = seen.frame !== null ? seen.frame - clickAt : null;
			tap.benchMs = seen.t - benchAt;
			tap.clickLagMs = clickAt - benchAt;
			// The stream message that brought it: the last one dispatched before the mutation.
			const messageAt = await projector.evaluate(
				(t) => window.__olvMessages.filter((m) => m <= t).at(-1) ?? null,
				seen.t
			);
			if (messageAt !== null && messageAt > clickAt) {
				tap.messageMs = messageAt - clickAt;
				tap.renderMs = seen.t - messageAt;
			}
			// The phone's answer (the hub flushes the change before it, so it may come after).
			await phone.page.waitForFunction(outboxEmpty, null, { timeout: TIMEOUT_MS });
			for (let w = 0; !phone.post && w < 50; w++) await sleep(10);
			if (phone.post) {
				tap.clickToSendMs = phone.post.startTime - clickAt;
				tap.postMs = phone.post.responseEnd;
			}
		} else {
			tap.missed = true;
			// Take what the projector shows now as the truth, so later taps can still be measured.
			const now = await projector.evaluate(() => window.__olvCounts());
			if (now[postit.text] !== undefined) expected.set(postit.text, now[postit.text]);
			log(`tap ${k + 1}: the projector did not show ${count} for "${postit.text}"`);
		}
		if (!takeBack) phone.lastPostit = postit;
		taps.push(tap);
		if ((k + 1) % 50 === 0) log(`${k + 1} taps`);
		if (GAP_MS) await sleep(GAP_MS);
	}
	const tapSeconds = (performance.now() - tStart) / 1000;
	// Late loads triggered by the last taps still count.
	await sleep(1000);
	measuring = false;
	const load1 = loadavg();
	const metrics = await readHealthLive(port);

	// What every screen shows at the end, against the database.
	const SQLite = appRequire(opts.app)('better-sqlite3');
	const conn = new SQLite(setup.dbFile, { readonly: true });
	const dbCounts = Object.fromEntries(
		setup.postits.map((p) => [
			p.text,
			conn.prepare('select count(*) n from dot where postit_id = ?').get(p.id).n
		])
	);
	conn.close();
	const projectorCounts = await projector.evaluate(() => window.__olvCounts());
	const projectorWrong = setup.postits.filter(
		(p) => (projectorCounts[p.text] ?? 0) !== dbCounts[p.text]
	).length;
	const expectedWrong = setup.postits.filter(
		(p) => expected.get(p.text) !== dbCounts[p.text]
	).length;
	// Each phone shows every post-it's total beside its own dots ("· N stippen in totaal").
	let phonesWrong = 0;
	for (const phone of phones) {
		const shown = await phone.page.evaluate(() =>
			[...document.querySelectorAll('.vote-list > li')].map((li) => [
				li.querySelector('.postit-text')?.textContent?.trim(),
				parseInt(/·\s*(\d+)/.exec(li.querySelector('.meta')?.textContent ?? '')?.[1] ?? '-1', 10)
			])
		);
		if (shown.some(([text, n]) => dbCounts[text] !== n)) phonesWrong++;
	}

	const stats = (list, key) => {
		const v = list.map((t) => t[key]).filter((x) => typeof x === 'number');
		return {
			n: v.length,
			p50: percentile(v, 0.5),
			p99: percentile(v, 0.99),
			max: percentile(v, 1),
			mean: v.length ? v.reduce((a, b) => a + b, 0) / v.length : null
		};
	};
	const measured = taps.filter((t) => !t.missed);
	const groups = {
		all: measured,
		add: measured.filter((t) => t.kind === 'add'),
		'take back': measured.filter((t) => t.kind === 'take back')
	};
	result = {
		chromium: chromiumVersion,
		port,
		tapSeconds,
		taps: TAPS,
		missed: taps.filter((t) => t.missed).length,
		latencyMs: Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, stats(v, 'ms')])),
		frameMs: stats(measured, 'frameMs'),
		benchMs: stats(measured, 'benchMs'),
		clickLagMs: stats(measured, 'clickLagMs'),
		clickToSendMs: stats(measured, 'clickToSendMs'),
		postMs: stats(measured, 'postMs'),
		messageMs: stats(measured, 'messageMs'),
		renderMs: stats(measured, 'renderMs'),
		serverMs: { p50: metrics.p50, p99: metrics.p99, max: metrics.max, samples: metrics.samples },
		reloads: counters,
		final: {
			dbDots: Object.values(dbCounts).reduce((a, b) => a + b, 0),
			projectorRowsWrong: projectorWrong,
			benchExpectedWrong: expectedWrong,
			phonesShowingWrongTotals: phonesWrong
		},
		connectionsAtEnd: metrics.connections,
		serverRssMB: { beforeTaps: rssBefore, peak: memory(server.pid).hwm / 2 ** 20 },
		loadavg: { before: load0, after: load1 },
		perTap: taps
	};
} catch (e) {
	failed = e;
	console.log(`FAILED: ${e.stack ?? e}`);
} finally {
	await browser?.close();
	await server.stop();
	if (failed) console.log(`server log: ${path.join(dir, 'server.log')}`);
	else fs.rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);

const r = result;
const row = (name, s) => [name, s.n, fmt(s.p50), fmt(s.p99), fmt(s.max), fmt(s.mean)];
console.log(
	'\n' +
		table(
			['tap → projector DOM', 'taps', 'p50 ms', 'p99 ms', 'max ms', 'mean ms'],
			[
				row('all', r.latencyMs.all),
				row('add a dot', r.latencyMs.add),
				row('take a dot back', r.latencyMs['take back']),
				row('all, to next frame', r.frameMs),
				row('all, from click() call', r.benchMs),
				row('phone: click → POST sent', r.clickToSendMs),
				row('phone: POST → its answer', r.postMs),
				row('click → projector message', r.messageMs),
				row('projector message → DOM', r.renderMs)
			]
		)
);
const c = r.reloads;
console.log(
	'\n' +
		table(
			['during the taps', '__data.json', 'stream opens', 'navigations', 'page errors'],
			[
				[
					'projector',
					c.projector.dataLoads,
					c.projector.streamOpens,
					c.projector.navigations,
					c.projector.errors
				],
				[
					`${PHONES} phones`,
					c.phones.dataLoads,
					c.phones.streamOpens,
					c.phones.navigations,
					c.phones.errors
				]
			]
		)
);
const reloads = c.projector.dataLoads + c.phones.dataLoads;
console.log(
	`\n${r.taps} taps in ${r.tapSeconds.toFixed(1)} s, ${r.missed} not shown within ${TIMEOUT_MS} ms; ` +
		`server publish→flushed p50/p99 ${fmt(r.serverMs.p50)}/${fmt(r.serverMs.p99)} ms; ` +
		`click() call → click event p50 ${fmt(r.clickLagMs.p50)} ms\n` +
		`end: ${r.final.dbDots} dots in the database; projector rows differing from it ` +
		`${r.final.projectorRowsWrong}; phones showing a wrong total ${r.final.phonesShowingWrongTotals}/${PHONES}; ` +
		`${r.connectionsAtEnd} streams open\n` +
		`page-data loads during the taps ${reloads} (target 0) ${reloads === 0 ? 'OK' : 'MISSED'}` +
		(c.projector.urls.length || c.phones.urls.length
			? `\n  loads: ${[...c.projector.urls.map((u) => `projector ${u}`), ...c.phones.urls.map((u) => `phone ${u}`)].join(', ')}`
			: '') +
		`\n${DEFINITION}\nChromium ${r.chromium}, load average after: ${r.loadavg.after}`
);

fs.mkdirSync(RESULTS_DIR, { recursive: true });
const stamp = new Date().toISOString().replace(/:/g, '').slice(0, 17);
const file = path.join(RESULTS_DIR, `browser-live-${stamp}.json`);
fs.writeFileSync(
	file,
	JSON.stringify(
		{
			date: new Date().toISOString(),
			machine: {
				...info,
				loadavgAtEnd: loadavg(),
				sqliteCommitsPerSecond: commits.perSecond,
				chromium: r.chromium
			},
			app: opts.app,
			settings: {
				taps: TAPS,
				phones: PHONES,
				postits: POSTITS,
				dots: DOTS,
				gapMs: GAP_MS,
				takeBackEvery: TAKE_BACK_EVERY,
				timeoutMs: TIMEOUT_MS,
				phoneViewport: '360x740'
			},
			definition: DEFINITION,
			result: r
		},
		null,
		2
	) + '\n'
);
console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
