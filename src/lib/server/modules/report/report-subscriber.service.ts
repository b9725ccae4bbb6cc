import { iso, newId, type Ctx } from '../../context.ts';
import { parseInput } from '../../validation.ts';
import * as repo from './report.repository.ts';
import { reportSubscribeInput } from './report.schema.ts';

/**
 * A participant, on the thank-you screen after the session, leaves an address to receive the
 * report when it is shared. The address is kept with the session only (no participant), used
 * for that mail and nothing else; leaving it twice is once.
 */
export async function subscribeToReport(ctx: Ctx, sessionId: string, raw: unknown) {
	const input = parseInput(reportSubscribeInput, raw);
	await repo.addSubscriber(ctx.db, {
		id: newId(),
		sessionId,
		email: input.email,
		createdAt: iso(ctx.now())
	});
	return { email: input.email };
}
