import type { Ctx } from '../context.ts';
import { createTransport } from '../mail/transport.ts';
import { jobHandlers } from './handlers.ts';
import { runJobsWith } from './worker.ts';

/**
 * Runs the due jobs to the end with the app's handlers, mail into the development outbox: for
 * tests that read what a job writes (search results, delivered mail).
 */
export function runJobsNow(ctx: Ctx): Promise<number> {
	const transport = createTransport({ db: ctx.db, from: 'Olievlek <noreply@olievlek.test>' });
	return runJobsWith(ctx, jobHandlers({ transport }));
}
