import type { Actor, Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { requireMember } from '../network/index.ts';
import { findStep } from './agenda.repository.ts';
import { allowSessionDesigner } from './session.policy.ts';
import { findNextSessionDay, findSession, listLiveSessionIds } from './session.repository.ts';

/** What other modules ask of the session module: a session of a network, a step of a session. */

/** The actor's membership when they may design the network's sessions. */
export async function requireSessionDesigner(ctx: Ctx, actor: Actor | null, networkId: string) {
	return allowSessionDesigner(await requireMember(ctx, actor, networkId));
}

/** A session is found only inside its own network. */
export async function findSessionInNetwork(ctx: Ctx, networkId: string, sessionId: string) {
	const row = await findSession(ctx.db, networkId, sessionId);
	if (!row) throw notFound();
	return row;
}

/**
 * A session chosen in a form (a resource's or a conversation's): empty means none; one of another
 * network is refused on the field as plainly as one that does not exist.
 */
export async function sessionIdInNetwork(ctx: Ctx, networkId: string, sessionId: string) {
	if (!sessionId) return null;
	const s = await findSession(ctx.db, networkId, sessionId);
	if (!s) throw new DomainError('invalid', 'error_session_unknown', 'sessionId');
	return s.id;
}

export async function findStepInSession(ctx: Ctx, sessionId: string, stepId: string) {
	const row = await findStep(ctx.db, sessionId, stepId);
	if (!row) throw notFound();
	return row;
}

/** Every session that is live now, in any network (an instance starting tells their screens). */
export function liveSessionIds(ctx: Pick<Ctx, 'db'>) {
	return listLiveSessionIds(ctx.db);
}

/** The day of the network's next session after `day`, or null when none is planned yet. */
export function nextSessionDay(ctx: Pick<Ctx, 'db'>, networkId: string, day: string) {
	return findNextSessionDay(ctx.db, networkId, day);
}
