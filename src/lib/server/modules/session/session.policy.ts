import type { Actor, Ctx } from '../../context.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { requireMember } from '../network/network.policy.ts';

/** Coordinators and facilitators design sessions; every member may read them. */
export async function requireSessionDesigner(ctx: Ctx, actor: Actor | null, networkId: string) {
	const m = await requireMember(ctx, actor, networkId);
	if (m.role !== 'coordinator' && m.role !== 'facilitator') throw forbidden();
	return m;
}

export const canDesignSessions = (role: string) => role === 'coordinator' || role === 'facilitator';

/** A session is found only inside its own network. */
export async function findSessionInNetwork(ctx: Ctx, networkId: string, sessionId: string) {
	const row = await ctx.db
		.selectFrom('networkSession')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', sessionId)
		.executeTakeFirst();
	if (!row) throw notFound();
	return row;
}

/**
 * A session chosen in a form (a resource's or a conversation's): empty means none; one of another
 * network is refused on the field as plainly as one that does not exist.
 */
export async function sessionIdInNetwork(ctx: Ctx, networkId: string, sessionId: string) {
	if (!sessionId) return null;
	const s = await ctx.db
		.selectFrom('networkSession')
		.select('id')
		.where('networkId', '=', networkId)
		.where('id', '=', sessionId)
		.executeTakeFirst();
	if (!s) throw new DomainError('invalid', 'error_session_unknown', 'sessionId');
	return s.id;
}

export async function findStepInSession(ctx: Ctx, sessionId: string, stepId: string) {
	const row = await ctx.db
		.selectFrom('agendaStep')
		.selectAll()
		.where('sessionId', '=', sessionId)
		.where('id', '=', stepId)
		.executeTakeFirst();
	if (!row) throw notFound();
	return row;
}
