import type { Actor, Ctx } from '../../context.ts';
import type { Visibility } from '../../db/types.ts';
import { notFound } from '../../errors.ts';
import { requireMember } from '../network/network.policy.ts';

/**
 * Who may see a member's trajectory item. The owner always; the owner's coach when the owner
 * shared it with their coach or with the network; other members of the network only when it
 * is shared with the network. Nobody else: not a coordinator, not another network, not a
 * visitor. Every read of trajectory data goes through `visibleTo`.
 *
 * "Their coach" is someone whose coaching relation the member accepted and has not ended: a
 * coach who only proposed it (by planning a talk), was declined, or whose relation ended sees
 * what any other member sees. Items shared "with my coach" are then visible to the owner alone.
 */
export interface Viewer {
	userId: string;
	networkId: string;
	role: string;
}

export async function viewer(ctx: Ctx, actor: Actor | null, networkId: string): Promise<Viewer> {
	const m = await requireMember(ctx, actor, networkId);
	return { userId: actor!.userId, networkId, role: m.role };
}

/** The member's coach in this network: only one the member accepted and has not ended. */
export async function coachOf(ctx: Ctx, networkId: string, memberId: string) {
	const row = await ctx.db
		.selectFrom('coachingRelation')
		.select('coachId')
		.where('networkId', '=', networkId)
		.where('memberId', '=', memberId)
		.where('state', '=', 'accepted')
		.executeTakeFirst();
	return row?.coachId ?? null;
}

/** The visibilities of `ownerId`'s items that `v` may see. */
export async function visibleTo(ctx: Ctx, v: Viewer, ownerId: string): Promise<Visibility[]> {
	if (v.userId === ownerId) return ['private', 'coach', 'network'];
	if ((await coachOf(ctx, v.networkId, ownerId)) === v.userId) return ['coach', 'network'];
	return ['network'];
}

export async function canSee(
	ctx: Ctx,
	v: Viewer,
	item: { userId: string | null; visibility: Visibility; networkId: string }
) {
	if (item.networkId !== v.networkId) return false;
	if (item.userId === null) return item.visibility === 'network';
	return (await visibleTo(ctx, v, item.userId)).includes(item.visibility);
}

/** An item the viewer owns (to change it); anything else is "not found". */
export function requireOwner<T extends { userId: string | null; networkId: string }>(
	v: Viewer,
	item: T | undefined
): T {
	if (!item || item.networkId !== v.networkId || item.userId !== v.userId) throw notFound();
	return item;
}
