import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { clock } from '../clock.ts';
import { insertJob, listExistingKeys, type NewJob } from './queue.repository.ts';

export type { NewJob } from './queue.repository.ts';

/**
 * Writes a job in the caller's transaction (the transactional outbox): it commits with the
 * change that causes it, or not at all, and a worker runs it after the commit. Returns false
 * when a job with the same key exists already (a repeated enqueue is one job).
 */
export async function enqueue(db: Kysely<Database>, job: NewJob, now: Date = clock().now()) {
	const written = await insertJob(db, job, now);
	if (written) nudgeWorkers();
	return written;
}

const workers = new Set<() => void>();

/** A worker in this process asks to hear of new jobs, so it need not wait for its next poll. */
export function onJobQueued(wake: () => void) {
	workers.add(wake);
	return () => workers.delete(wake);
}

/**
 * The job is visible once the caller's transaction commits, a moment from now: the workers of
 * this process look shortly after, and once more a little later (other instances poll).
 */
function nudgeWorkers() {
	if (!workers.size) return;
	for (const ms of [20, 250]) setTimeout(() => workers.forEach((w) => w()), ms).unref?.();
}

/** The session's search index is written again, once however many saves ask for it. */
export function enqueueIndexSession(db: Kysely<Database>, sessionId: string, now?: Date) {
	return enqueue(
		db,
		{
			kind: 'index-session',
			key: `index-session:${sessionId}`,
			payload: { sessionId },
			coalesce: true
		},
		now
	);
}

/** Every session and resource of the network indexed again (after a language change). */
export function enqueueIndexNetwork(db: Kysely<Database>, networkId: string, now?: Date) {
	return enqueue(
		db,
		{
			kind: 'index-network',
			key: `index-network:${networkId}`,
			payload: { networkId },
			coalesce: true
		},
		now
	);
}

/** Of these job keys, the ones written already: a planner that runs often writes only what is new. */
export function existingJobKeys(db: Kysely<Database>, keys: string[]) {
	return listExistingKeys(db, keys);
}
