import { todayIn } from '#lib/dates.ts';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { addAction, getCommitment } from '../commitment/index.ts';
import { listActiveMembers, requireMember } from '../network/index.ts';
import { mayOnStakeholder, type StakeholderDeed } from './stakeholder.policy.ts';
import { detailsInput, placeInput, stakeholderInput, toActionInput } from './stakeholder.schema.ts';
import * as repo from './stakeholder.repository.ts';

/**
 * A stakeholder of this network that the acting member may do `deed` on. Another network's, or
 * an id that names none, is "not found"; one the member sees but may not change is "forbidden".
 */
export async function stakeholderOf(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	id: string,
	deed: StakeholderDeed
) {
	const m = await requireMember(ctx, actor, networkId);
	const s = id.length <= 64 ? await repo.findStakeholder(ctx.db, networkId, id) : undefined;
	if (!s || !mayOnStakeholder(m, 'see', s)) throw notFound();
	if (!mayOnStakeholder(m, deed, s)) throw forbidden();
	return { m, s };
}

/** The member named as knowing them must be an active member of this network. */
async function checkKnownBy(ctx: Ctx, networkId: string, knownBy: string) {
	if (knownBy === '') return null;
	const members = await listActiveMembers(ctx.db, networkId);
	if (!members.some((x) => x.id === knownBy))
		throw new DomainError('invalid', 'error_stakeholder_known_by', 'knownBy');
	return knownBy;
}

/** Puts a contact or organisation on the network's map. */
export async function addStakeholder(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await requireMember(ctx, actor, networkId);
	if (!mayOnStakeholder(m, 'add')) throw forbidden();
	const input = parseInput(stakeholderInput, raw);
	const knownBy = await checkKnownBy(ctx, networkId, input.knownBy);
	const id = newId();
	const now = iso(ctx.now());
	await repo.insertStakeholder(ctx.db, {
		id,
		networkId,
		name: input.name,
		organisation: input.organisation,
		kind: input.kind,
		win: input.win,
		influence: input.influence,
		interest: input.interest,
		relation: input.relation,
		knownBy,
		nextMove: input.nextMove,
		nextMoveOn: input.nextMoveOn,
		notes: input.notes,
		createdBy: m.userId,
		createdAt: now,
		updatedAt: now
	});
	return id;
}

/** Changes a stakeholder's words; its place on the map moves with `placeStakeholder`. */
export async function editStakeholder(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown
) {
	const { s } = await stakeholderOf(ctx, actor, networkId, id, 'edit');
	const input = parseInput(detailsInput, raw);
	const knownBy = await checkKnownBy(ctx, networkId, input.knownBy);
	await repo.updateStakeholder(ctx.db, s.id, {
		name: input.name,
		organisation: input.organisation,
		kind: input.kind,
		win: input.win,
		relation: input.relation,
		knownBy,
		nextMove: input.nextMove,
		nextMoveOn: input.nextMoveOn,
		notes: input.notes,
		updatedAt: iso(ctx.now())
	});
}

/** Moves a stakeholder on the map: a new influence and interest, nothing else. */
export async function placeStakeholder(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown
) {
	const { s } = await stakeholderOf(ctx, actor, networkId, id, 'place');
	const input = parseInput(placeInput, raw);
	await repo.updateStakeholder(ctx.db, s.id, {
		influence: input.influence,
		interest: input.interest,
		updatedAt: iso(ctx.now())
	});
	return { name: s.name, influence: input.influence, interest: input.interest };
}

/** Takes a stakeholder off the map (the page asks first). */
export async function removeStakeholder(ctx: Ctx, actor: Actor, networkId: string, id: string) {
	const { s } = await stakeholderOf(ctx, actor, networkId, id, 'remove');
	await repo.deleteStakeholder(ctx.db, s.id);
}

/**
 * The sprint a new action goes into: the one running today, else the next to start, else the
 * latest. A commitment without a sprint has nowhere to put an action yet.
 */
export function sprintForToday<T extends { id: string; startsOn: string; endsOn: string }>(
	sprints: readonly T[],
	today: string
): T | null {
	const running = sprints.find((x) => x.startsOn <= today && today <= x.endsOn);
	if (running) return running;
	const next = [...sprints]
		.filter((x) => x.startsOn > today)
		.sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
	if (next) return next;
	return [...sprints].sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0] ?? null;
}

/** Commitments that still take actions (not kept, not let go). */
export const OPEN_STATES: readonly string[] = ['proposed', 'active', 'paused'];

/**
 * Makes the stakeholder's next move an action of one of my commitments in this network: its
 * words become the action's title, its date the action's date, I own it; it goes into the sprint
 * of today (see `sprintForToday`). The stakeholder then shows which commitment took it.
 */
export async function nextMoveToAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown
) {
	const { m, s } = await stakeholderOf(ctx, actor, networkId, id, 'to_action');
	const { commitmentId } = parseInput(toActionInput, raw);
	if (s.nextMove.trim() === '')
		throw new DomainError('invalid', 'error_stakeholder_no_next_move', 'commitmentId');
	if (s.actionId !== null)
		throw new DomainError('conflict', 'error_stakeholder_already_action', 'commitmentId');
	const refuse = (key: string) => new DomainError('invalid', key, 'commitmentId');
	// A commitment I cannot see, or that is not mine to plan, is not one of the choices.
	const c = await getCommitment(ctx, actor, networkId, commitmentId).catch((e: unknown) => {
		if (e instanceof DomainError && e.code === 'not_found')
			throw refuse('error_stakeholder_commitment');
		throw e;
	});
	if (!c.isKeeper) throw refuse('error_stakeholder_commitment');
	if (!OPEN_STATES.includes(c.commitment.state))
		throw refuse('error_stakeholder_commitment_closed');
	const sprint = sprintForToday(c.sprints, todayIn(ctx.now()));
	if (!sprint) throw refuse('error_stakeholder_no_sprint');
	const action = await addAction(ctx, actor, networkId, c.commitment.id, sprint.id, {
		title: s.nextMove,
		ownerId: m.userId,
		dueOn: s.nextMoveOn,
		recurrence: 'none'
	});
	await repo.updateStakeholder(ctx.db, s.id, {
		commitmentId: c.commitment.id,
		actionId: action.id,
		updatedAt: iso(ctx.now())
	});
	return { commitmentId: c.commitment.id, actionId: action.id };
}
