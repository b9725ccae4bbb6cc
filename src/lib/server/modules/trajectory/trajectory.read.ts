import type { Actor, Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { viewer, visibleTo, type Viewer } from './trajectory.policy.ts';

/**
 * A member's trajectory as `v` may see it: everything for the owner; what is shared with the
 * coach or the network for their coach; what is shared with the network for other members.
 */
export async function trajectoryOf(ctx: Ctx, v: Viewer, ownerId: string) {
	const allowed = await visibleTo(ctx, v, ownerId);
	const n = v.networkId;
	const [intent, goal, canvases, conversations, reflections] = await Promise.all([
		ctx.db
			.selectFrom('intent')
			.selectAll()
			.where('networkId', '=', n)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.executeTakeFirst(),
		ctx.db
			.selectFrom('goal')
			.selectAll()
			.where('networkId', '=', n)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.executeTakeFirst(),
		ctx.db
			.selectFrom('canvas')
			.selectAll()
			.where('networkId', '=', n)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.orderBy('createdAt')
			.execute(),
		ctx.db
			.selectFrom('conversation')
			.selectAll()
			.where('networkId', '=', n)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.orderBy('createdAt', 'desc')
			.execute(),
		ctx.db
			.selectFrom('reflection')
			.selectAll()
			.where('networkId', '=', n)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.orderBy('createdAt', 'desc')
			.execute()
	]);
	const history = goal
		? await ctx.db
				.selectFrom('goalEvent')
				.selectAll()
				.where('goalId', '=', goal.id)
				.orderBy('at', 'desc')
				.execute()
				// Made in the same instant, "created" comes before "shared": newest first puts it last.
				.then((rows) =>
					rows.sort(
						(a, b) =>
							b.at.localeCompare(a.at) ||
							Number(a.change === 'created') - Number(b.change === 'created')
					)
				)
		: [];
	return {
		intent,
		goal,
		history,
		canvases,
		conversations,
		reflections,
		isOwner: v.userId === ownerId
	};
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
	const member = await ctx.db
		.selectFrom('membership as m')
		.innerJoin('user as u', 'u.id', 'm.userId')
		.select(['u.id', 'u.name', 'm.status'])
		.where('m.networkId', '=', networkId)
		.where('m.userId', '=', memberId)
		.executeTakeFirst();
	if (!member || member.status !== 'active') throw notFound();
	return {
		member: { id: member.id, name: member.name },
		...(await trajectoryOf(ctx, v, memberId))
	};
}
