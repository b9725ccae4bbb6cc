import { todayIn } from '#lib/dates.ts';
import type { Actor, Ctx } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { canCoach, coachedMembers, viewer, visibleTo } from '../trajectory/index.ts';
import { canSeeCommitment } from './commitment.policy.ts';
import * as repo from './commitment.repository.ts';
import { nextCheckin } from './plan.rules.ts';
import { lastTalkOn } from './progress.read.ts';

const OPEN = ['proposed', 'active', 'paused'];

/**
 * For the coach's overview: the open commitments of the members they coach, as far as each member
 * lets their coach see them (the trajectory rule: "me and my coach" only once the member said
 * yes), with the next check-in, whether it is overdue, and when the coach last talked about it.
 */
export async function commitmentsOfCoachees(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	if (!canCoach(v.role)) throw forbidden();
	const today = todayIn(ctx.now());
	const coached = await coachedMembers(ctx, networkId, v.userId);
	if (coached.length === 0) return [];
	const rows = (await repo.listCommitmentsOfNetwork(ctx.db, networkId)).filter((r) =>
		OPEN.includes(r.state)
	);
	const coOwners = await repo.listCoOwners(
		ctx.db,
		rows.map((r) => r.id)
	);
	const out = [];
	for (const p of coached) {
		const allowed = await visibleTo(ctx, v, p.id);
		for (const r of rows) {
			const coOwnerIds = coOwners.filter((o) => o.commitmentId === r.id).map((o) => o.userId);
			if (r.userId !== p.id) continue;
			if (!canSeeCommitment(v, { ...r, coOwnerIds }, allowed)) continue;
			out.push({
				member: { id: p.id, name: p.name },
				id: r.id,
				title: r.title,
				state: r.state,
				facts: { ...r, coOwnerIds }
			});
		}
	}
	const sprints = await repo.listSprints(
		ctx.db,
		out.map((c) => c.id)
	);
	const checkins = await repo.listCheckins(
		ctx.db,
		sprints.map((s) => s.id)
	);
	const lastTalks = await lastTalkOn(
		ctx,
		v,
		out.map((c) => c.facts)
	);
	return out.map(({ facts: _facts, ...c }) => {
		const next = nextCheckin(
			sprints.filter((s) => s.commitmentId === c.id),
			checkins
		);
		return {
			...c,
			nextCheckin: next,
			overdue: !!next && next.on < today,
			lastTalkAt: lastTalks.get(c.id) ?? null
		};
	});
}
