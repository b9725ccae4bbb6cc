import type { Actor, Ctx } from '../../context.ts';
import type { Visibility } from '../../db/types.ts';
import { notFound } from '../../errors.ts';
import { findMemberByUserId, requireMember } from '../network/index.ts';
import {
	findAcceptedCoachId,
	findTalkWithNames,
	listCoachedMembers,
	listTalksByIds
} from './coaching.repository.ts';
import { canSeeItem, requireInTalk, visibilitiesFor, type Viewer } from './trajectory.policy.ts';
import * as repo from './trajectory.repository.ts';

/** The actor as a viewer of the network's trajectories (a member, or "not found"). */
export async function viewer(ctx: Ctx, actor: Actor | null, networkId: string): Promise<Viewer> {
	const m = await requireMember(ctx, actor, networkId);
	return { userId: actor!.userId, networkId, role: m.role };
}

/** The member's coach in this network: only one the member accepted and has not ended. */
export async function coachOf(ctx: Ctx, networkId: string, memberId: string) {
	return findAcceptedCoachId(ctx.db, networkId, memberId);
}

/** The visibilities of `ownerId`'s items that `v` may see. */
export async function visibleTo(ctx: Ctx, v: Viewer, ownerId: string): Promise<Visibility[]> {
	if (v.userId === ownerId) return visibilitiesFor(v, ownerId, null);
	return visibilitiesFor(v, ownerId, await coachOf(ctx, v.networkId, ownerId));
}

export async function canSee(
	ctx: Ctx,
	v: Viewer,
	item: { userId: string | null; visibility: Visibility; networkId: string }
) {
	if (item.networkId !== v.networkId) return false;
	const coachId = item.userId ? await coachOf(ctx, v.networkId, item.userId) : null;
	return canSeeItem(v, item, coachId);
}

/**
 * A member's trajectory as `v` may see it: everything for the owner; what is shared with the
 * coach or the network for their coach; what is shared with the network for other members.
 */
export async function trajectoryOf(ctx: Ctx, v: Viewer, ownerId: string) {
	const allowed = await visibleTo(ctx, v, ownerId);
	const items = await repo.listTrajectoryItems(ctx.db, v.networkId, ownerId, allowed);
	const history = items.goal
		? (await repo.listGoalEvents(ctx.db, items.goal.id))
				// Made in the same instant, "created" comes before "shared": newest first puts it last.
				.sort(
					(a, b) =>
						b.at.localeCompare(a.at) ||
						Number(a.change === 'created') - Number(b.change === 'created')
				)
		: [];
	return { ...items, history, isOwner: v.userId === ownerId };
}

/** The viewer's own trajectory. */
export async function myTrajectory(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	return trajectoryOf(ctx, v, v.userId);
}

/** Another member's trajectory, as far as the viewer may see it; a non-member gets 404. */
export async function memberTrajectory(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	memberId: string
) {
	const v = await viewer(ctx, actor, networkId);
	const member = await findMemberByUserId(ctx.db, networkId, memberId);
	if (!member || member.status !== 'active') throw notFound();
	return {
		member: { id: member.id, name: member.name },
		...(await trajectoryOf(ctx, v, memberId))
	};
}

/** The member's diamond goal in this network, if they have one (for a commitment to link to). */
export async function diamondGoalOf(ctx: Ctx, networkId: string, userId: string) {
	const g = await repo.findGoalOf(ctx.db, networkId, userId);
	return g ? { id: g.id, title: g.title, visibility: g.visibility, networkId, userId } : null;
}

/** The members a coach coaches (proposed or accepted), for other modules' overviews. */
export function coachedMembers(ctx: Ctx, networkId: string, coachId: string) {
	return listCoachedMembers(ctx.db, networkId, coachId);
}

/** What other modules may know of a coaching talk: when, its state and its two people. */
const talkFacts = (t: {
	id: string;
	networkId: string;
	startsAt: string;
	status: 'planned' | 'held' | 'cancelled';
	memberId: string;
	coachId: string;
	memberName: string;
	coachName: string;
}) => ({
	id: t.id,
	networkId: t.networkId,
	startsAt: t.startsAt,
	status: t.status,
	memberId: t.memberId,
	coachId: t.coachId,
	memberName: t.memberName,
	coachName: t.coachName
});

/** A talk of this network for one of its two people; anyone else is told it does not exist. */
export async function talkFor(ctx: Ctx, v: Viewer, talkId: string) {
	return talkFacts(requireInTalk(v, await findTalkWithNames(ctx.db, v.networkId, talkId)));
}

/** Of these talks, those of this network the viewer is in (a talk is for its two people only). */
export async function talksFor(ctx: Ctx, v: Viewer, talkIds: string[]) {
	const rows = await listTalksByIds(ctx.db, v.networkId, [...new Set(talkIds)]);
	return rows.filter((t) => t.memberId === v.userId || t.coachId === v.userId).map(talkFacts);
}
