import { iso, type Actor, type Ctx } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import { canCoach } from './coaching.service.ts';
import { coachOf, viewer, visibleTo } from './trajectory.policy.ts';

/** The talks the viewer is in, as coach or as member, newest first. */
export async function myTalks(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	return ctx.db
		.selectFrom('coachingTalk as t')
		.innerJoin('user as mu', 'mu.id', 't.memberId')
		.innerJoin('user as cu', 'cu.id', 't.coachId')
		.select([
			't.id',
			't.startsAt',
			't.status',
			't.memberId',
			't.coachId',
			'mu.name as memberName',
			'cu.name as coachName'
		])
		.where('t.networkId', '=', networkId)
		.where((eb) => eb.or([eb('t.memberId', '=', v.userId), eb('t.coachId', '=', v.userId)]))
		.orderBy('t.startsAt', 'desc')
		.limit(200)
		.execute();
}

const DAY = 86_400_000;
/** No talk for this long: the overview flags it. */
export const QUIET_DAYS = 42;
/** The goal has not moved for this long: flagged too. */
export const STILL_DAYS = 56;

/**
 * The coach's overview of the members they coach: the last and next talk, the goal's state and
 * when it last moved (as far as the member shared it with the coach), and what needs attention.
 */
export async function coachOverview(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	if (!canCoach(v.role)) throw forbidden();
	const today = iso(ctx.now()).slice(0, 16);
	const coached = await ctx.db
		.selectFrom('coachingRelation as c')
		.innerJoin('user as u', 'u.id', 'c.memberId')
		.innerJoin('membership as ms', (j) =>
			j.onRef('ms.userId', '=', 'c.memberId').onRef('ms.networkId', '=', 'c.networkId')
		)
		.select(['u.id', 'u.name', 'c.state', 'c.proposedAt'])
		.where('c.networkId', '=', networkId)
		.where('c.coachId', '=', v.userId)
		.where('c.state', 'in', ['proposed', 'accepted'])
		.where('ms.status', '=', 'active')
		.orderBy('u.name')
		.execute();
	const rows = [];
	for (const p of coached) {
		const talks = await ctx.db
			.selectFrom('coachingTalk')
			.select(['id', 'startsAt', 'status'])
			.where('networkId', '=', networkId)
			.where('memberId', '=', p.id)
			.where('coachId', '=', v.userId)
			.where('status', '!=', 'cancelled')
			.orderBy('startsAt')
			.execute();
		const last = talks.filter((t) => t.startsAt < today).at(-1) ?? null;
		const next = talks.find((t) => t.startsAt >= today) ?? null;
		const goal = await ctx.db
			.selectFrom('goal')
			.select(['id', 'title', 'state', 'visibility'])
			.where('networkId', '=', networkId)
			.where('userId', '=', p.id)
			// The one visibility rule: "with my coach" counts only once the member accepted.
			.where('visibility', 'in', await visibleTo(ctx, v, p.id))
			.executeTakeFirst();
		const moved = goal
			? await ctx.db
					.selectFrom('goalEvent')
					.select('at')
					.where('goalId', '=', goal.id)
					.orderBy('at', 'desc')
					.limit(1)
					.executeTakeFirst()
			: undefined;
		const now = ctx.now().getTime();
		const since = (t: string) =>
			Math.floor((now - new Date(t.length === 16 ? `${t}:00Z` : t).getTime()) / DAY);
		const daysSinceTalk = last ? since(last.startsAt) : since(p.proposedAt);
		rows.push({
			member: { id: p.id, name: p.name },
			// Proposed: the member has not said yes yet, so nothing shared with a coach shows.
			accepted: p.state === 'accepted',
			last,
			next,
			goal: goal ? { title: goal.title, state: goal.state } : null,
			goalMovedAt: moved?.at ?? null,
			quiet: daysSinceTalk >= QUIET_DAYS && !next,
			still: !!moved && since(moved.at) >= STILL_DAYS,
			daysSinceTalk
		});
	}
	const upcoming = rows
		.filter((r) => r.next)
		.sort((a, b) => a.next!.startsAt.localeCompare(b.next!.startsAt));
	return { rows, upcoming };
}

/** Members the viewer could plan a talk with (active, not themselves), and their coach if any. */
export async function coachableMembers(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	if (!canCoach(v.role)) throw forbidden();
	return ctx.db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.leftJoin('coachingRelation as c', (j) =>
			j
				.onRef('c.memberId', '=', 'ms.userId')
				.onRef('c.networkId', '=', 'ms.networkId')
				.on('c.state', 'in', ['proposed', 'accepted'])
		)
		.leftJoin('user as cu', 'cu.id', 'c.coachId')
		.select(['u.id', 'u.name', 'c.coachId', 'cu.name as coachName'])
		.where('ms.networkId', '=', networkId)
		.where('ms.status', '=', 'active')
		.where('ms.userId', '!=', v.userId)
		.orderBy('u.name')
		.execute();
}

/**
 * A member's timeline, for the member and their coach: talks, goal changes (when the goal is
 * visible to the reader) and conversations (likewise), newest first.
 */
export async function timeline(ctx: Ctx, actor: Actor | null, networkId: string, memberId: string) {
	const v = await viewer(ctx, actor, networkId);
	const isOwner = v.userId === memberId;
	if (!isOwner && (await coachOf(ctx, networkId, memberId)) !== v.userId) throw notFound();
	const allowed = isOwner
		? (['private', 'coach', 'network'] as const)
		: (['coach', 'network'] as const);
	const [talks, goal, conversations] = await Promise.all([
		ctx.db
			.selectFrom('coachingTalk')
			.select(['id', 'startsAt', 'status'])
			.where('networkId', '=', networkId)
			.where('memberId', '=', memberId)
			.execute(),
		ctx.db
			.selectFrom('goal')
			.select(['id', 'title'])
			.where('networkId', '=', networkId)
			.where('userId', '=', memberId)
			.where('visibility', 'in', [...allowed])
			.executeTakeFirst(),
		ctx.db
			.selectFrom('conversation')
			.select(['id', 'kind', 'withWhom', 'heldOn', 'createdAt'])
			.where('networkId', '=', networkId)
			.where('userId', '=', memberId)
			.where('visibility', 'in', [...allowed])
			.execute()
	]);
	const events = goal
		? await ctx.db
				.selectFrom('goalEvent')
				.select(['state', 'change', 'at'])
				.where('goalId', '=', goal.id)
				.execute()
		: [];
	const entries = [
		...talks.map((t) => ({
			at: t.startsAt,
			kind: 'talk' as const,
			id: t.id,
			status: t.status,
			text: ''
		})),
		...events.map((e) => ({
			at: e.at.slice(0, 16),
			kind: 'goal' as const,
			id: goal!.id,
			status: e.state,
			text: goal!.title
		})),
		...conversations.map((c) => ({
			at: c.heldOn ?? c.createdAt.slice(0, 16),
			kind: 'conversation' as const,
			id: c.id,
			status: c.kind,
			text: c.withWhom
		}))
	];
	return entries.sort((a, b) => b.at.localeCompare(a.at));
}
