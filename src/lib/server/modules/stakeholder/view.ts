import { todayIn } from '#lib/dates.ts';
import { quadrantOf } from '#lib/stakeholder.ts';
import type { Actor, Ctx } from '../../context.ts';
import { listCommitments } from '../commitment/index.ts';
import { listActiveMembers, requireMember } from '../network/index.ts';
import { mayOnStakeholder } from './stakeholder.policy.ts';
import { OPEN_STATES, stakeholderOf } from './stakeholder.service.ts';
import * as repo from './stakeholder.repository.ts';

type Row = Awaited<ReturnType<typeof repo.listStakeholders>>[number];
type Member = { id: string; name: string };

/** One stakeholder as the pages show it; a member who left is named no more. */
function shown(r: Row, members: readonly Member[], m: { userId: string; role: string }) {
	const knownBy = members.find((x) => x.id === r.knownBy) ?? null;
	const creator = members.find((x) => x.id === r.createdBy);
	return {
		id: r.id,
		name: r.name,
		organisation: r.organisation,
		kind: r.kind,
		win: r.win,
		influence: r.influence,
		interest: r.interest,
		quadrant: quadrantOf(r.influence, r.interest),
		relation: r.relation,
		knownBy: knownBy ? { id: knownBy.id, name: knownBy.name } : null,
		nextMove: r.nextMove,
		nextMoveOn: r.nextMoveOn,
		notes: r.notes,
		hasAction: r.actionId !== null,
		addedBy: creator?.name ?? null,
		canEdit: mayOnStakeholder(m, 'edit', r),
		canAct: mayOnStakeholder(m, 'to_action', r)
	};
}

/** The map page: every stakeholder of the network, and the members who may be named as knowing one. */
export async function mapPage(ctx: Ctx, actor: Actor, networkId: string) {
	const m = await requireMember(ctx, actor, networkId);
	const members = await listActiveMembers(ctx.db, networkId);
	const rows = await repo.listStakeholders(ctx.db, networkId);
	return {
		stakeholders: rows.map((r) => shown(r, members, m)),
		members: members.map((x) => ({ id: x.id, name: x.name })),
		me: m.userId
	};
}

/**
 * A stakeholder's page: its details, the members to name as knowing them, and (for who may make
 * the next move an action) my commitments that still take actions. The commitment a next move
 * became an action of is named only to a viewer who may see that commitment.
 */
export async function stakeholderPage(ctx: Ctx, actor: Actor, networkId: string, id: string) {
	const { m, s } = await stakeholderOf(ctx, actor, networkId, id, 'see');
	const members = await listActiveMembers(ctx.db, networkId);
	const visible = await listCommitments(ctx, actor, networkId);
	const linked = s.actionId ? (visible.find((c) => c.id === s.commitmentId) ?? null) : null;
	const stakeholder = shown(s, members, m);
	return {
		stakeholder,
		members: members.map((x) => ({ id: x.id, name: x.name })),
		commitments: stakeholder.canAct
			? visible
					.filter((c) => c.isMine && OPEN_STATES.includes(c.state))
					.map((c) => ({ id: c.id, title: c.title }))
			: [],
		action: s.actionId
			? { commitment: linked ? { id: linked.id, title: linked.title } : null }
			: null,
		today: todayIn(ctx.now())
	};
}
