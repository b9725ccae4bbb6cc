import { PostgresAdapter, sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Database, JobTable } from '../db/types.ts';

export type Job = Selectable<JobTable>;

export interface NewJob {
	kind: string;
	/** Idempotency key: a second job with the same key is not written. */
	key: string;
	payload: unknown;
	/** When the job may run first; now when left out. */
	runAt?: Date;
	/** A coalesced job: while one with this key waits, enqueueing it again does nothing. */
	coalesce?: boolean;
	networkId?: string | null;
	maxAttempts?: number;
}

const isPostgres = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Writes the job with whatever `db` is: pass the transaction that makes the change, and the job
 * commits (or rolls back) with it. Returns false when a job with the key exists already.
 */
export async function insertJob(db: Kysely<Database>, job: NewJob, now: Date): Promise<boolean> {
	const result = await db
		.insertInto('job')
		.values({
			id: crypto.randomUUID(),
			kind: job.kind,
			key: job.key,
			coalesceKey: job.coalesce ? job.key : null,
			networkId: job.networkId ?? null,
			payload: JSON.stringify(job.payload ?? null),
			runAt: (job.runAt ?? now).toISOString(),
			maxAttempts: job.maxAttempts ?? 8,
			state: 'queued',
			createdAt: now.toISOString()
		})
		.onConflict((oc) => oc.column('key').doNothing())
		.returning('id')
		.executeTakeFirst();
	return result !== undefined;
}

/**
 * Claims up to `limit` due jobs for this worker until `leaseMs` from now: queued jobs whose
 * time has come, and running ones whose worker died (lease expired). On PostgreSQL the rows are
 * locked with SKIP LOCKED, so two workers never claim one job; SQLite has one writer, and the
 * UPDATE … WHERE state claims atomically. `attempts` counts up with each claim and fences the
 * later done/failed mark. A claimed coalesced job gives up its bare key, so the next save
 * queues one follow-up; a follow-up waits while its predecessor runs.
 */
export async function claimJobs(
	db: Kysely<Database>,
	now: Date,
	leaseMs: number,
	limit: number
): Promise<Job[]> {
	const at = now.toISOString();
	// One statement: the rows are chosen and claimed together (PostgreSQL holds the row locks
	// for exactly this statement; SQLite runs it alone).
	return db
		.updateTable('job')
		.set({
			state: 'running',
			attempts: sql`attempts + 1`,
			lockedUntil: new Date(now.getTime() + leaseMs).toISOString(),
			key: sql`case when coalesce_key is not null and key = coalesce_key then key || '#' || id else key end`
		})
		.where('id', 'in', dueJobs(db, at, limit))
		.returningAll()
		.execute();
}

/**
 * The ids of up to `limit` jobs to claim at `at`, the longest waiting first. Waiting jobs and
 * those of a dead worker are looked up apart, each along the (state, run_at) index and stopping
 * at `limit`: one query with an OR sorted every due job on each claim, which made a backlog
 * (100,000 reminders at 09:00) quadratic.
 */
export function dueJobs(db: Kysely<Database>, at: string, limit: number) {
	const notBehindRunning = (eb: ExpressionBuilder<Database & { job: JobTable }, 'job'>) =>
		eb.not(
			eb.exists(
				eb
					.selectFrom('job as r')
					.select('r.id')
					.whereRef('r.coalesceKey', '=', 'job.coalesceKey')
					.whereRef('r.id', '<>', 'job.id')
					.where('r.state', '=', 'running')
					.where('r.lockedUntil', '>=', at)
			)
		);
	const lock = <Q extends { forUpdate(): { skipLocked(): Q } }>(q: Q) =>
		isPostgres(db) ? q.forUpdate().skipLocked() : q;
	const waiting = lock(
		db
			.selectFrom('job')
			.select(['job.id', 'job.runAt'])
			.where('job.state', '=', 'queued')
			.where('job.runAt', '<=', at)
			.where(notBehindRunning)
			.orderBy('job.runAt')
			.limit(limit)
	);
	const abandoned = lock(
		db
			.selectFrom('job')
			.select(['job.id', 'job.runAt'])
			.where('job.state', '=', 'running')
			.where('job.lockedUntil', '<', at)
			.where(notBehindRunning)
			.orderBy('job.runAt')
			.limit(limit)
	);
	return db
		.selectFrom(
			db
				.selectFrom(waiting.as('w'))
				.select(['w.id', 'w.runAt'])
				.unionAll(db.selectFrom(abandoned.as('a')).select(['a.id', 'a.runAt']))
				.as('due')
		)
		.select('due.id')
		.orderBy('due.runAt')
		.limit(limit);
}

/** Marks the claimed job done, only if this claim still holds it; false when it does not. */
export async function completeJob(
	db: Kysely<Database>,
	job: Pick<Job, 'id' | 'attempts'>,
	now: Date,
	result: string | null,
	/** Delivered mail keeps no copy of its text (sign-in links, names) in the queue. */
	clearPayload = false
): Promise<boolean> {
	const r = await db
		.updateTable('job')
		.set({
			state: 'done',
			doneAt: now.toISOString(),
			lockedUntil: null,
			result,
			lastError: null,
			...(clearPayload ? { payload: '{}' } : {})
		})
		.where('id', '=', job.id)
		.where('state', '=', 'running')
		.where('attempts', '=', job.attempts)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Records a failed attempt: queued again at `retryAt`, or failed for good when null. */
export async function failAttempt(
	db: Kysely<Database>,
	job: Pick<Job, 'id' | 'attempts'>,
	now: Date,
	reason: string,
	retryAt: Date | null
) {
	await db
		.updateTable('job')
		.set({
			state: retryAt ? 'queued' : 'failed',
			runAt: (retryAt ?? now).toISOString(),
			lockedUntil: null,
			lastError: reason.slice(0, 1000),
			doneAt: retryAt ? null : now.toISOString()
		})
		.where('id', '=', job.id)
		.where('state', '=', 'running')
		.where('attempts', '=', job.attempts)
		.execute();
}

/** SQLite runs one instance: a job still running when it starts was left by a killed process. */
export async function releaseAbandonedJobs(db: Kysely<Database>) {
	if (isPostgres(db)) return;
	await db
		.updateTable('job')
		.set({ state: 'queued', lockedUntil: null })
		.where('state', '=', 'running')
		.execute();
}

export async function findJob(db: Kysely<Database>, id: string) {
	return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobs(db: Kysely<Database>, where: { kind?: string } = {}) {
	let q = db.selectFrom('job').selectAll().orderBy('createdAt');
	if (where.kind) q = q.where('kind', '=', where.kind);
	return q.execute();
}

/** A network's mail that could not be delivered, newest first, and how much still waits. */
export async function listUndeliveredMail(db: Kysely<Database>, networkId: string) {
	const failed = await db
		.selectFrom('job')
		.select(['id', 'payload', 'lastError', 'attempts', 'doneAt', 'createdAt'])
		.where('networkId', '=', networkId)
		.where('kind', '=', 'mail')
		.where('state', '=', 'failed')
		.orderBy('createdAt', 'desc')
		.limit(200)
		.execute();
	const waiting = await db
		.selectFrom('job')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('networkId', '=', networkId)
		.where('kind', '=', 'mail')
		.where('state', 'in', ['queued', 'running'])
		.executeTakeFirstOrThrow();
	return { failed, queued: Number(waiting.n) };
}

export async function findFailedMail(db: Kysely<Database>, networkId: string, jobId: string) {
	return db
		.selectFrom('job')
		.selectAll()
		.where('id', '=', jobId)
		.where('networkId', '=', networkId)
		.where('kind', '=', 'mail')
		.where('state', '=', 'failed')
		.executeTakeFirst();
}

/** A resent mail's job is done with: it stays as a record, under a key that frees the old one. */
export async function retireJob(db: Kysely<Database>, jobId: string, now: Date) {
	await db
		.updateTable('job')
		.set({ state: 'done', result: 'resent', doneAt: now.toISOString(), payload: '{}' })
		.where('id', '=', jobId)
		.where('state', '=', 'failed')
		.execute();
}

/** Which of these keys have a job already (planners skip writing what exists). */
export async function listExistingKeys(db: Kysely<Database>, keys: string[]) {
	if (keys.length === 0) return new Set<string>();
	const rows = await db.selectFrom('job').select('key').where('key', 'in', keys).execute();
	return new Set(rows.map((r) => r.key));
}
