import { PgRelay } from './live/pg-relay.ts';
import { relayed, resyncAll, usePatches, useRelay } from './live/hub.ts';
import { openDatabase, type Db } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { parseConfig, type Config } from './config.ts';
import { createAuth, type Auth, type AuthDeps } from './auth/auth.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { createTransport } from './mail/transport.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { startWorker } from './jobs/worker.ts';
import { createRateLimits, type RateLimits } from './rate-limit.ts';
import type { Ctx } from './context.ts';
import { log } from './log.ts';
import { clock, fileClock, realClock, useClock } from './clock.ts';
import { seedDemo } from './demo/seed.ts';
import { liveSessionIds } from './modules/session/index.ts';
import { livePatches } from './modules/live/index.ts';
import { startReminderPlanning } from './modules/commitment/index.ts';

interface AppState {
	config: Config;
	database: Db;
	auth: Auth;
	mailer: Mailer;
	limits: RateLimits;
	/** Who may read the development outbox (see mail/outbox-access.ts). */
	outboxAccess: { usesOutbox: boolean; isPublic: boolean };
}

let state: AppState | undefined;
/** The worker never polls more often than this, however fast a fake clock runs. */
const MIN_POLL_MS = 20;

/** Called once from the server's init hook: configuration, database, migrations, demo data. */
let relayStop: (() => Promise<void>) | null = null;
let workerStop: (() => Promise<void>) | null = null;

export async function startApp(
	env: Record<string, string | undefined>,
	getRequestEvent?: AuthDeps['getRequestEvent']
): Promise<AppState> {
	if (state) return state;
	const config = parseConfig(env);
	if (config.FAKE_CLOCK_FILE) {
		const fake = fileClock(config.FAKE_CLOCK_FILE, {
			onBroken: (err) => log.warn({ err }, 'fake clock: file unreadable, last setting kept')
		});
		useClock(fake);
		log.warn(
			{ file: config.FAKE_CLOCK_FILE, now: fake.now().toISOString(), speed: fake.setting().speed },
			'FAKE CLOCK ON: this server goes by the time in FAKE_CLOCK_FILE, not the real time'
		);
	}
	const database = openDatabase(config.DATABASE_URL);
	const applied = await migrateToLatest(database.authDb as never);
	if (applied.length) log.info({ applied }, 'migrations applied');
	const mailer = createMailer({ db: database.db, usesOutbox: !config.SMTP_URL });
	const transport = createTransport({
		db: database.db,
		smtpUrl: config.SMTP_URL,
		from: config.MAIL_FROM
	});
	const auth = createAuth({
		db: database.authDb,
		dialect: database.dialect,
		baseURL: config.PUBLIC_URL,
		secret: config.authSecret,
		mailer,
		secureCookies: config.PUBLIC_URL.startsWith('https://'),
		rateLimit: config.RATE_LIMIT === '1',
		getRequestEvent
	});
	const limits = createRateLimits(
		config.RATE_LIMIT === '1',
		(seconds) => {
			const event = getRequestEvent?.() as { locals?: App.Locals } | undefined;
			if (event?.locals) event.locals.retryAfter = seconds;
		},
		database.pgPool
	);
	if (database.pgPool) {
		// Several instances may serve the same sessions: live events go through PostgreSQL.
		const relay = new PgRelay(database.pgPool, config.DATABASE_URL, relayed, resyncAll);
		await relay.start();
		useRelay(relay);
		relayStop = () => relay.stop();
		// A change committed just before an instance died may not have been announced: tell the
		// screens of every live session to load once.
		for (const id of await liveSessionIds(database))
			await relay.append(id, ['resync']).catch(() => {});
	}
	const outboxAccess = {
		usesOutbox: mailer.usesOutbox,
		isPublic: config.DEV_OUTBOX_PUBLIC === '1'
	};
	state = { config, database, auth, mailer, limits, outboxAccess };
	// A live change carries the new state, built once per audience from the same services.
	usePatches((sessionId, topics, audiences) => livePatches(ctx(), sessionId, topics, audiences));
	// Mail and search indexing run here, after the request's commit, with retries.
	const worker = startWorker(ctx(), jobHandlers({ transport }), {
		leaseMs: config.JOB_LEASE_SECONDS * 1000,
		// A second of the app's clock between polls: shorter in real time when the clock is fast.
		pollMs: () => Math.max(MIN_POLL_MS, Math.min(1000, clock().realMs(1000)))
	});
	workerStop = () => worker.stop();
	// Reminders are planned every hour by a job; the first round is queued here (once, whichever
	// instance starts first in that hour).
	await startReminderPlanning(ctx());
	// The custom server (scripts/serve.js) closes the database cleanly on SIGTERM, from outside
	// the bundle: the SQLite WAL is checkpointed, PostgreSQL connections are ended.
	(globalThis as { __olievlekClose?: () => Promise<void> }).__olievlekClose = async () => {
		await workerStop?.();
		await relayStop?.();
		await database.close();
	};
	if (config.SEED_DEMO === '1') await seedDemo(state.auth, ctx());
	log.info(
		{
			dialect: database.dialect,
			url: config.PUBLIC_URL,
			mail: !mailer.usesOutbox
				? 'smtp'
				: outboxAccess.isPublic
					? 'development outbox at /outbox, open to everyone (DEV_OUTBOX_PUBLIC=1)'
					: 'development outbox at /outbox, only from this machine'
		},
		'Olievlek ready'
	);
	return state;
}

export function app(): AppState {
	if (!state) throw new Error('Olievlek has not started');
	return state;
}

export function ctx(): Ctx {
	const s = app();
	return {
		db: s.database.db,
		authDb: s.database.authDb,
		mailer: s.mailer,
		publicUrl: s.config.PUBLIC_URL,
		secret: s.config.authSecret,
		now: () => clock().now(),
		invitesPerDay: s.config.INVITES_PER_DAY,
		sqlite: s.database.sqlite
	};
}

export async function stopApp() {
	await workerStop?.();
	workerStop = null;
	await state?.database.close();
	state = undefined;
	useClock(realClock);
}
