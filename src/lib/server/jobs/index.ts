import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { insertJob, type NewJob } from './queue.repository.ts';

export type { NewJob } from './queue.repository.ts';

/**
 * Writes a job in the caller's transaction (the transactional outbox): it commits with the
 * change that causes it, or not at all, and a worker runs it after the commit. Returns false
 * when a job with the same key exists already (a repeated enqueue is one job).
 */
export function enqueue(db: Kysely<Database>, job: NewJob, now: Date = new Date()) {
	return insertJob(db, job, now);
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
