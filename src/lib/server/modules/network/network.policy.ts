import type { Ctx, Actor } from '../../context.ts';
import type { Membership } from '../../db/types.ts';
import { forbidden, notFound } from '../../errors.ts';

/** An active membership whose house rules are accepted and whose guest period has not ended. */
export function isActiveMembership(m: Membership | undefined, now: Date): boolean {
	if (!m || m.status !== 'active') return false;
	if (m.guestUntil && m.guestUntil < now.toISOString()) return false;
	return true;
}

export async function findMembership(ctx: Ctx, userId: string, networkId: string) {
	return ctx.db
		.selectFrom('membership')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.executeTakeFirst();
}

/**
 * The gate for every read of network content. A non-member gets "not found", never
 * "forbidden", so the existence of another tenant's network does not leak.
 */
export async function requireMember(ctx: Ctx, actor: Actor | null, networkId: string) {
	if (!actor) throw notFound();
	const m = await findMembership(ctx, actor.userId, networkId);
	if (!m || !isActiveMembership(m, ctx.now())) throw notFound();
	return m;
}

export async function requireCoordinator(ctx: Ctx, actor: Actor | null, networkId: string) {
	const m = await requireMember(ctx, actor, networkId);
	if (m.role !== 'coordinator') throw forbidden();
	return m;
}

export const canManageNetwork = (m: Membership) => m.role === 'coordinator';
