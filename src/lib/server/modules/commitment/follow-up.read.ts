import { toWallClock } from '#lib/dates.ts';
import type { Actor, Ctx } from '../../context.ts';
import { viewer } from '../trajectory/index.ts';
import * as repo from './follow-up.repository.ts';

/**
 * What became of what a session committed to: for each session, the commitments born in it and
 * shared with the network, and how many were acted on (a check-in, a done action, a change of
 * state) before the next session began (or by now, when none came yet). Only commitments shared
 * with the network count: nothing private shows, not even in a number.
 */
export async function sessionFollowUp(ctx: Ctx, actor: Actor | null, networkId: string) {
	await viewer(ctx, actor, networkId);
	const [born, sessions] = await Promise.all([
		repo.listSessionBornShared(ctx.db, networkId),
		repo.listDatedSessions(ctx.db, networkId)
	]);
	const now = toWallClock(ctx.now());
	return sessions
		.map((s, i) => {
			const next = sessions[i + 1] ?? null;
			const mine = born.filter((b) => b.sessionId === s.id);
			// Activity is stored as instants; the next session's start is the network's wall clock.
			const until = next?.startsAt ?? now;
			const actedOn = mine.filter((b) => b.activity.some((at) => toWallClock(at) < until));
			return {
				session: { id: s.id, title: s.title, number: s.number, startsAt: s.startsAt! },
				next: next ? { id: next.id, title: next.title, startsAt: next.startsAt! } : null,
				committed: mine.length,
				actedOn: actedOn.length
			};
		})
		.filter((r) => r.committed > 0);
}
