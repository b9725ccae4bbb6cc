import type { Visibility } from '../../db/types.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { Viewer } from '../trajectory/index.ts';

/**
 * Who may see and change a commitment, decided from facts handed in (no queries). Seeing follows
 * the trajectory rule, asked of the trajectory module (`visibleTo`): `allowed` is the list of
 * visibilities of the owner's items this viewer may see (everything for the owner; "me and my
 * coach" only for the coach the owner accepted; "the network" for every member). Co-owners share
 * the commitment, so they see it whatever its visibility. Another network's commitment, or one the
 * viewer may not see, does not exist for them.
 */
export interface CommitmentFacts {
	networkId: string;
	/** Null once the owner left: then only what was shared with the network stays. */
	userId: string | null;
	visibility: Visibility;
	coOwnerIds: string[];
}

export const isOwner = (v: Viewer, c: CommitmentFacts) =>
	c.userId !== null && c.userId === v.userId;
/** The owner or a co-owner: they keep the plan, sprints, actions, check-ins and state. */
export const isKeeper = (v: Viewer, c: CommitmentFacts) =>
	isOwner(v, c) || c.coOwnerIds.includes(v.userId);

export function canSeeCommitment(v: Viewer, c: CommitmentFacts, allowed: Visibility[]): boolean {
	if (c.networkId !== v.networkId) return false;
	return isKeeper(v, c) || allowed.includes(c.visibility);
}

export function requireVisible<T extends CommitmentFacts>(
	v: Viewer,
	c: T | undefined,
	allowed: Visibility[]
): T {
	if (!c || !canSeeCommitment(v, c, allowed)) throw notFound();
	return c;
}

/** Changing the plan and its parts: the owner and co-owners. */
export function requireKeeper<T extends CommitmentFacts>(v: Viewer, c: T): T {
	if (!isKeeper(v, c)) throw forbidden();
	return c;
}

/** The commitment itself (its words, co-owners, who may see it; deleting it): the owner alone. */
export function requireOwnerOf<T extends CommitmentFacts>(v: Viewer, c: T): T {
	if (!isOwner(v, c)) throw forbidden();
	return c;
}

/** An action's owner is one of the commitment's owners. */
export const canOwnAction = (c: CommitmentFacts, userId: string) =>
	c.userId === userId || c.coOwnerIds.includes(userId);

/**
 * Offering help: a member of the network who does not keep the commitment, with a need the
 * owners shared with the whole network. Anything else is refused as not there to help with.
 */
export function requireHelpable<T extends CommitmentFacts & { needs: string }>(v: Viewer, c: T): T {
	if (isKeeper(v, c)) throw forbidden();
	if (c.visibility !== 'network' || c.needs.trim() === '') throw notFound();
	return c;
}

/**
 * A progress conversation: a coaching talk about a commitment. One of the talk's two people links
 * it (the talk itself is only theirs), to a commitment of this network that the talk's member
 * keeps and the talk's coach may see (`coachAllowed`: the trajectory rule asked for the coach).
 * Returns why not, or null. Whether the linker may see the commitment is asked before this.
 */
export function whyNotLinkTalk(
	talk: { networkId: string; memberId: string; coachId: string },
	c: CommitmentFacts,
	coachAllowed: Visibility[]
): 'other_network' | 'other_person' | 'hidden_from_coach' | null {
	if (talk.networkId !== c.networkId) return 'other_network';
	if (!canOwnAction(c, talk.memberId)) return 'other_person';
	const coach = { userId: talk.coachId, networkId: talk.networkId, role: 'coach' };
	if (!canSeeCommitment(coach, c, coachAllowed)) return 'hidden_from_coach';
	return null;
}
