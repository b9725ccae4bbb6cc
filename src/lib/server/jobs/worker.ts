import type { Ctx } from '../context.ts';
import { onJobQueued } from './index.ts';
import { log, withoutAddresses } from '../log.ts';
import {
	claimJobs,
	completeJob,
	failAttempt,
	releaseAbandonedJobs,
	type Job
} from './queue.repository.ts';

export interface JobRun {
	ctx: Ctx;
	job: Job;
	payload: unknown;
	/**
	 * Marks the job done with `db` (a transaction, so the job's own write and its done mark
	 * commit together); throws when this claim no longer holds the job, which rolls that
	 * transaction back. A handler that does not call it is marked done when it returns.
	 */
	complete(db: Ctx['db'], result?: string | null, opts?: { clearPayload?: boolean }): Promise<void>;
}

export type JobHandler = (run: JobRun) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface WorkerOptions {
	/** How long a claim holds a job; a worker that dies gives it up when this runs out. */
	leaseMs?: number;
	/** Jobs claimed at a time. */
	batch?: number;
}

const DEFAULT_LEASE_MS = 120_000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 3_600_000;

/** 5 s, 10 s, 20 s, … up to an hour: the wait before attempt `attempts + 1`. */
export function backoffMs(attempts: number): number {
	return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

class LostClaim extends Error {
	constructor() {
		super('job claimed by another worker (lease ran out)');
	}
}

/** Claims the due jobs and runs them one after another; returns how many ran. */
export async function runDueJobs(
	ctx: Ctx,
	handlers: JobHandlers,
	opts: WorkerOptions & { now?: Date } = {}
): Promise<number> {
	const now = opts.now ?? ctx.now();
	const jobs = await claimJobs(ctx.db, now, opts.leaseMs ?? DEFAULT_LEASE_MS, opts.batch ?? 10);
	for (const job of jobs) await runOne(ctx, handlers, job, opts.now);
	return jobs.length;
}

async function runOne(ctx: Ctx, handlers: JobHandlers, job: Job, fixedNow?: Date) {
	const now = () => fixedNow ?? ctx.now();
	let completed = false;
	try {
		const handler = handlers[job.kind];
		if (!handler) throw new Error(`no handler for jobs of kind ${job.kind}`);
		await handler({
			ctx,
			job,
			payload: JSON.parse(job.payload),
			async complete(db, result = null, o = {}) {
				if (!(await completeJob(db, job, now(), result, o.clearPayload))) throw new LostClaim();
				completed = true;
			}
		});
		if (!completed && !(await completeJob(ctx.db, job, now(), null))) throw new LostClaim();
	} catch (e) {
		if (e instanceof LostClaim) {
			log.warn({ jobId: job.id, kind: job.kind }, 'job: claim lost, left to its new worker');
			return;
		}
		const reason = e instanceof Error ? e.message : String(e);
		const last = job.attempts >= job.maxAttempts;
		const retryAt = last ? null : new Date(now().getTime() + backoffMs(job.attempts));
		await failAttempt(ctx.db, job, now(), reason, retryAt);
		(last ? log.error : log.warn).call(
			log,
			{ jobId: job.id, kind: job.kind, attempts: job.attempts, err: withoutAddresses(reason) },
			last ? 'job failed for good' : 'job failed, retried later'
		);
	}
}

/**
 * The worker loop of one instance: runs due jobs, sleeps `pollMs` when there were none. Every
 * instance runs one; the claim keeps them from running a job twice.
 */
export function startWorker(
	ctx: Ctx,
	handlers: JobHandlers,
	opts: WorkerOptions & { pollMs?: number | (() => number) } = {}
) {
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let wake: (() => void) | null = null;
	// A job queued while a round runs is looked for at once after it, not after a poll.
	let nudged = false;
	const unsubscribe = onJobQueued(() => {
		nudged = true;
		wake?.();
	});
	const loop = (async () => {
		await releaseAbandonedJobs(ctx.db).catch((e: unknown) =>
			log.error({ err: e }, 'job: abandoned jobs not released')
		);
		while (!stopped) {
			let ran = 0;
			try {
				ran = await runDueJobs(ctx, handlers, opts);
			} catch (e) {
				log.error({ err: e }, 'job worker: round failed');
			}
			if (ran === 0 && !stopped && !nudged) {
				await new Promise<void>((r) => {
					wake = r;
					const pollMs = typeof opts.pollMs === 'function' ? opts.pollMs() : opts.pollMs;
					timer = setTimeout(r, pollMs ?? 1000);
				});
				wake = null;
			}
			nudged = false;
			// SQLite answers synchronously, so a round is all microtasks: without this turn of the
			// event loop a backlog of due jobs (everyone's reminders at 09:00) starves every request.
			await new Promise<void>((r) => setImmediate(r));
		}
	})();
	return {
		async stop() {
			stopped = true;
			unsubscribe();
			if (timer) clearTimeout(timer);
			wake?.();
			await loop;
		}
	};
}

/**
 * Runs every job that is due by now (and the follow-ups they queue) to the end: for tests and
 * scripts that read what a job writes. Jobs waiting for a retry are left waiting.
 */
export async function runJobsWith(ctx: Ctx, handlers: JobHandlers): Promise<number> {
	let total = 0;
	// Jobs written with the wall clock are due too when a test's clock lags behind it.
	const now = new Date(Math.max(ctx.now().getTime(), Date.now()));
	for (let round = 0; round < 50; round++) {
		const ran = await runDueJobs(ctx, handlers, { now });
		total += ran;
		if (ran === 0) return total;
	}
	return total;
}
