import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import * as memberships from './membership.repository.ts';
import { isActiveMembership } from './network.policy.ts';
import * as repo from './network.repository.ts';
import * as requests from './request.repository.ts';

/**
 * Someone who took part in a session without being a member asks to join the network (today:
 * to keep the commitment they wrote on their phone). They accept the house rules when asking;
 * the coordinators let them in or decline. Asking twice is one request.
 */
export async function askToJoin(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	opts: { acceptsRules: boolean; sessionId: string | null }
): Promise<'member' | 'pending'> {
	const network = await repo.findNetwork(ctx.db, networkId);
	if (!network) throw notFound();
	const existing = await memberships.findMembershipRow(ctx.db, actor.userId, networkId);
	if (existing && isActiveMembership(existing, ctx.now())) return 'member';
	if (await requests.findPendingRequestOf(ctx.db, networkId, actor.userId)) return 'pending';
	if (!opts.acceptsRules) throw new DomainError('invalid', 'error_accept_rules', 'acceptRules');
	const now = iso(ctx.now());
	await requests.insertRequest(ctx.db, {
		id: newId(),
		networkId,
		userId: actor.userId,
		sessionId: opts.sessionId,
		state: 'pending',
		rulesAcceptedAt: now,
		rulesVersion: network.houseRulesVersion,
		createdAt: now
	});
	return 'pending';
}
