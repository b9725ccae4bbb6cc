import { daysSince, toWallClock } from '#lib/dates.ts';
import type { Actor, Ctx } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import * as coaching from './coaching.repository.ts';
import { canCoach } from './trajectory.policy.ts';
import { coachOf, viewer, visibleTo } from './trajectory.read.ts';
import * as repo from './trajectory.repository.ts';

/** The talks the viewer is in, as coach or as member, newest first. */
export async function myTalks(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	return coaching.listTalksOfPerson(ctx.db, networkId, v.userId);
}

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
	// Talks are planned on the network's wall clock: compare them with the network's now.
	const today = toWallClock(ctx.now());
	const coached = await coaching.listCoachedMembers(ctx.db, networkId, v.userId);
	const rows = [];
	for (const p of coached) {
		const talks = await coaching.listTalksOfPair(ctx.db, networkId, {
			memberId: p.id,
			coachId: v.userId
		});
		const last = talks.filter((t) => t.startsAt < today).at(-1) ?? null;
		const next = talks.find((t) => t.startsAt >= today) ?? null;
		// The one visibility rule: "with my coach" counts only once the member accepted.
		const goal = await repo.findVisibleGoal(ctx.db, networkId, p.id, await visibleTo(ctx, v, p.id));
		const movedAt = goal ? await repo.lastGoalEventAt(ctx.db, goal.id) : null;
		const since = (t: string) => daysSince(t, ctx.now());
		const daysSinceTalk = last ? since(last.startsAt) : since(p.proposedAt);
		rows.push({
			member: { id: p.id, name: p.name },
			// Proposed: the member has not said yes yet, so nothing shared with a coach shows.
			accepted: p.state === 'accepted',
			last,
			next,
			goal: goal ? { title: goal.title, state: goal.state } : null,
			goalMovedAt: movedAt,
			quiet: daysSinceTalk >= QUIET_DAYS && !next,
			still: !!movedAt && since(movedAt) >= STILL_DAYS,
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
	return coaching.listCoachableMembers(ctx.db, networkId, v.userId);
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
		coaching.listTalksOfMember(ctx.db, networkId, memberId),
		repo.findVisibleGoal(ctx.db, networkId, memberId, allowed),
		repo.listVisibleConversations(ctx.db, networkId, memberId, allowed)
	]);
	const events = goal ? await repo.listGoalEvents(ctx.db, goal.id) : [];
	const entries = [
		...talks.map((t) => ({
			at: t.startsAt,
			kind: 'talk' as const,
			id: t.id,
			status: t.status,
			text: ''
		})),
		...events.map((e) => ({
			at: toWallClock(e.at),
			kind: 'goal' as const,
			id: goal!.id,
			status: e.state,
			text: goal!.title
		})),
		...conversations.map((c) => ({
			at: c.heldOn ?? toWallClock(c.createdAt),
			kind: 'conversation' as const,
			id: c.id,
			status: c.kind,
			text: c.withWhom
		}))
	];
	return entries.sort((a, b) => b.at.localeCompare(a.at));
}
