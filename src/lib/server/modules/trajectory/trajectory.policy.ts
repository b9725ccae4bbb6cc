import type { Visibility } from '../../db/types.ts';
import { notFound } from '../../errors.ts';
import { isLeadingRole } from '../network/index.ts';

/**
 * Who may see a member's trajectory item. The owner always; the owner's coach when the owner
 * shared it with their coach or with the network; other members of the network only when it
 * is shared with the network. Nobody else: not a coordinator, not another network, not a
 * visitor. Every read of trajectory data asks `visibilitiesFor`, handed the owner's coach.
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

/** The visibilities of `ownerId`'s items that `v` may see, given the owner's accepted coach. */
export function visibilitiesFor(v: Viewer, ownerId: string, coachId: string | null): Visibility[] {
	if (v.userId === ownerId) return ['private', 'coach', 'network'];
	if (coachId !== null && coachId === v.userId) return ['coach', 'network'];
	return ['network'];
}

/** An item of a member whose accepted coach is `ownerCoachId`; one without owner is the network's. */
export function canSeeItem(
	v: Viewer,
	item: { userId: string | null; visibility: Visibility; networkId: string },
	ownerCoachId: string | null
): boolean {
	if (item.networkId !== v.networkId) return false;
	if (item.userId === null) return item.visibility === 'network';
	return visibilitiesFor(v, item.userId, ownerCoachId).includes(item.visibility);
}

/** An item the viewer owns (to change it); anything else is "not found". */
export function requireOwner<T extends { userId: string | null; networkId: string }>(
	v: Viewer,
	item: T | undefined
): T {
	if (!item || item.networkId !== v.networkId || item.userId !== v.userId) throw notFound();
	return item;
}

/** Coordinators and facilitators coach. */
export const canCoach = (role: string) => isLeadingRole(role);

/** A talk is for its two people only: anyone else is told it does not exist. */
export function requireInTalk<T extends { memberId: string; coachId: string }>(
	v: Viewer,
	talk: T | undefined
): T {
	if (!talk || (talk.memberId !== v.userId && talk.coachId !== v.userId)) throw notFound();
	return talk;
}
