import type { Actor, Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { findMembershipRow } from './membership.repository.ts';
import { allowCoordinator, allowMember } from './network.policy.ts';

/** What other modules ask of a network: is this person a member, and in which role. */

export async function findMembership(ctx: Ctx, userId: string, networkId: string) {
	return findMembershipRow(ctx.db, userId, networkId);
}

/** The actor's active membership of the network, or "not found" (see `allowMember`). */
export async function requireMember(ctx: Ctx, actor: Actor | null, networkId: string) {
	if (!actor) throw notFound();
	return allowMember(await findMembershipRow(ctx.db, actor.userId, networkId), ctx.now());
}

export async function requireCoordinator(ctx: Ctx, actor: Actor | null, networkId: string) {
	return allowCoordinator(await requireMember(ctx, actor, networkId));
}

// Finders other modules need, each taking the database (or the transaction) to read in.
export { findNetwork, findOrganisation } from './network.repository.ts';
export {
	findActiveMemberAccount,
	findMemberByUserId,
	listActiveMemberEmails,
	listActiveMembers,
	listActiveMembershipIds,
	listActiveSpanners
} from './membership.repository.ts';
