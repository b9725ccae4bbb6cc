import { todayIn } from '#lib/dates.ts';
import type { Actor, Ctx } from '../../context.ts';
import type { CheckinPoint, FundingSize, Visibility } from '../../db/types.ts';
import { notFound } from '../../errors.ts';
import { latestCheckinReport } from '../live/index.ts';
import { listActiveMembers } from '../network/index.ts';
import { canSee, diamondGoalOf, viewer, visibleTo, type Viewer } from '../trajectory/index.ts';
import { canSeeCommitment, isKeeper, isOwner, requireVisible } from './commitment.policy.ts';
import * as repo from './commitment.repository.ts';
import { FUNDING_SIZES } from './commitment.schema.ts';
import { compareCheckins, nextCheckin } from './plan.rules.ts';

/** The visibilities of each owner's items the viewer may see, asked once per owner. */
export function allowedFor(ctx: Ctx, v: Viewer) {
	const cache = new Map<string, Promise<Visibility[]>>();
	return (ownerId: string | null): Promise<Visibility[]> => {
		// A former member's commitment stays only as far as it was shared with the network.
		if (ownerId === null) return Promise.resolve(['network']);
		let p = cache.get(ownerId);
		if (!p) cache.set(ownerId, (p = visibleTo(ctx, v, ownerId)));
		return p;
	};
}

/**
 * A commitment the actor may see, with the facts the policy decides from; another network's, or
 * one they may not see, is "not found".
 */
export async function openCommitment(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	commitmentId: string
) {
	const v = await viewer(ctx, actor, networkId);
	const row = await repo.findCommitment(ctx.db, networkId, commitmentId);
	if (!row) throw notFound();
	const coOwners = await repo.listCoOwners(ctx.db, [row.id]);
	const c = { ...row, coOwnerIds: coOwners.map((o) => o.userId), coOwners };
	return { v, c: requireVisible(v, c, await allowedFor(ctx, v)(row.userId)) };
}

/** The network's commitments as far as the viewer may see them: their own (and shared) first. */
export async function listCommitments(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	const rows = await repo.listCommitmentsOfNetwork(ctx.db, networkId);
	const coOwners = await repo.listCoOwners(
		ctx.db,
		rows.map((r) => r.id)
	);
	const allowed = allowedFor(ctx, v);
	const visible = [];
	for (const r of rows) {
		const facts = {
			...r,
			coOwnerIds: coOwners.filter((o) => o.commitmentId === r.id).map((o) => o.userId)
		};
		if (canSeeCommitment(v, facts, await allowed(r.userId))) visible.push(facts);
	}
	const sprints = await repo.listSprints(
		ctx.db,
		visible.map((c) => c.id)
	);
	const checkins = await repo.listCheckins(
		ctx.db,
		sprints.map((s) => s.id)
	);
	const items = visible.map((c) => ({
		id: c.id,
		title: c.title,
		state: c.state,
		visibility: c.visibility,
		// An owner who left is named no more: theirs is a former member's commitment.
		ownerName: c.ownerName,
		coOwnerNames: coOwners.filter((o) => o.commitmentId === c.id).map((o) => o.name),
		isMine: isKeeper(v, c),
		nextCheckin: nextCheckin(
			sprints.filter((s) => s.commitmentId === c.id),
			checkins
		)
	}));
	return [...items.filter((i) => i.isMine), ...items.filter((i) => !i.isMine)];
}

/** A commitment with its history and its whole plan, for the page that shows and edits it. */
export async function getCommitment(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	commitmentId: string
) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	const members = await listActiveMembers(ctx.db, networkId);
	const goal = c.goalId && c.userId ? await diamondGoalOf(ctx, networkId, c.userId) : null;
	const sprints = await repo.listSprints(ctx.db, [c.id]);
	const sprintIds = sprints.map((s) => s.id);
	const actions = await repo.listActions(ctx.db, sprintIds);
	const checkinRows = await repo.listCheckins(ctx.db, sprintIds);
	const funding = await repo.listFunding(ctx.db, c.id);
	const checkinOf = (sprintId: string, moment: 'start' | 'end') => {
		const rows = checkinRows.filter((r) => r.sprintId === sprintId && r.moment === moment);
		if (rows.length === 0) return undefined;
		const points: Partial<Record<CheckinPoint, { score: number; note: string }>> = {};
		for (const r of rows) points[r.point] = { score: r.score, note: r.note };
		return { moment, at: rows[0]!.at, points };
	};
	const owner = members.find((x) => x.id === c.userId);
	const owners = [
		...(owner ? [{ userId: owner.id, name: owner.name }] : []),
		...c.coOwners.map((o) => ({ userId: o.userId, name: o.name }))
	];
	return {
		commitment: {
			id: c.id,
			title: c.title,
			why: c.why,
			firstStep: c.firstStep,
			needs: c.needs,
			thresholds: c.thresholds,
			state: c.state,
			visibility: c.visibility,
			sessionId: c.sessionId,
			createdAt: c.createdAt,
			ownerId: c.userId,
			hasGoalLink: c.goalId !== null
		},
		// The diamond goal's title only for a viewer who may see the goal itself.
		goal:
			goal && goal.id === c.goalId && (await canSee(ctx, v, goal)) ? { title: goal.title } : null,
		hasGoal: isOwner(v, c) ? (await diamondGoalOf(ctx, networkId, v.userId)) !== null : false,
		owners,
		history: await repo.listEvents(ctx.db, c.id),
		plan: {
			hundredDays: c.hundredDays,
			hundredDaysOn: c.hundredDaysOn ?? '',
			roles: await repo.listRoles(ctx.db, c.id),
			rolesOther: c.rolesOther,
			valuesText: c.valuesText,
			superpowers: c.superpowers,
			council: c.council
		},
		funding: FUNDING_SIZES.map((size: FundingSize) => {
			const f = funding.find((x) => x.size === size);
			return { size, funds: f?.funds ?? '', source: f?.source ?? '' };
		}),
		sprints: sprints.map((s) => {
			const start = checkinOf(s.id, 'start');
			const end = checkinOf(s.id, 'end');
			return {
				id: s.id,
				startsOn: s.startsOn,
				endsOn: s.endsOn,
				actions: actions.filter((a) => a.sprintId === s.id),
				start: start ?? null,
				end: end ?? null,
				comparison: start && end ? compareCheckins(start, end) : null
			};
		}),
		nextCheckin: nextCheckin(
			sprints,
			checkinRows.map((r) => ({ sprintId: r.sprintId, moment: r.moment }))
		),
		today: todayIn(ctx.now()),
		members: members.map((m) => ({ userId: m.id, name: m.name })),
		// What a keeper said about it in a session's check-in: their own words, so for the keepers
		// only (the line may not have been meant for the screen, let alone for the coach).
		lastSessionReport: isKeeper(v, c) ? await latestCheckinReport(ctx, c.id) : null,
		isOwner: isOwner(v, c),
		isKeeper: isKeeper(v, c)
	};
}

/** What the "new commitment" form offers: the other members as co-owners, and the goal link. */
export async function newCommitmentForm(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	const members = await listActiveMembers(ctx.db, networkId);
	return {
		members: members.filter((m) => m.id !== v.userId).map((m) => ({ userId: m.id, name: m.name })),
		hasGoal: (await diamondGoalOf(ctx, networkId, v.userId)) !== null
	};
}
