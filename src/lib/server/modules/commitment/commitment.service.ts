import { todayIn } from '#lib/dates.ts';
import type { Kysely } from 'kysely';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { Database } from '../../db/types.ts';
import { DomainError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { findActiveMemberAccount } from '../network/index.ts';
import { sessionIdInNetwork } from '../session/index.ts';
import { diamondGoalOf, viewer } from '../trajectory/index.ts';
import { openCommitment } from './commitment.read.ts';
import { requireKeeper, requireOwnerOf } from './commitment.policy.ts';
import * as repo from './commitment.repository.ts';
import { collectChecked, commitmentInput, stateInput } from './commitment.schema.ts';
import { HUNDRED_DAYS, plusDays } from './plan.rules.ts';

/** Co-owners are active members of the network, the owner not among them, each once. */
async function checkCoOwners(ctx: Ctx, networkId: string, ownerId: string, ids: string[]) {
	const unique = [...new Set(ids)].filter((id) => id !== ownerId);
	for (const id of unique)
		if (!(await findActiveMemberAccount(ctx.db, networkId, id)))
			throw new DomainError('invalid', 'error_co_owner_not_member', 'coOwners');
	return unique;
}

/** The diamond goal to link to: the owner's own, when they ticked the box and have one. */
async function goalToLink(ctx: Ctx, networkId: string, ownerId: string, link: boolean) {
	if (!link) return null;
	return (await diamondGoalOf(ctx, networkId, ownerId))?.id ?? null;
}

/**
 * A member commits: they own it, with co-owners they name. It starts active (one born in a
 * session will start as proposed), with that first line in its history, and its 100 days counted
 * from today.
 */
export async function createCommitment(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(commitmentInput, collectChecked(raw, 'coOwner_', 'coOwners'));
	const coOwners = await checkCoOwners(ctx, networkId, v.userId, input.coOwners);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const goalId = await goalToLink(ctx, networkId, v.userId, input.linkGoal);
	const now = ctx.now();
	const at = iso(now);
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertCommitment(trx, {
			id,
			networkId,
			userId: v.userId,
			title: input.title,
			why: input.why,
			goalId,
			firstStep: input.firstStep,
			needs: input.needs,
			thresholds: input.thresholds,
			state: 'active',
			visibility: input.visibility,
			sessionId,
			hundredDaysOn: plusDays(todayIn(now), HUNDRED_DAYS),
			createdAt: at,
			updatedAt: at
		});
		await repo.replaceCoOwners(trx, id, coOwners);
		await repo.insertEvent(trx, {
			id: newId(),
			commitmentId: id,
			state: 'active',
			reason: '',
			byUserId: v.userId,
			at
		});
	});
	return { id };
}

/** The owner changes the commitment's words, its co-owners, its goal link or who may see it. */
export async function updateCommitment(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	raw: unknown
) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	requireOwnerOf(v, c);
	const input = parseInput(commitmentInput, collectChecked(raw, 'coOwner_', 'coOwners'));
	const coOwners = await checkCoOwners(ctx, networkId, v.userId, input.coOwners);
	const goalId = await goalToLink(ctx, networkId, v.userId, input.linkGoal);
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateCommitmentRow(trx, c.id, {
			title: input.title,
			why: input.why,
			goalId,
			firstStep: input.firstStep,
			needs: input.needs,
			thresholds: input.thresholds,
			visibility: input.visibility,
			updatedAt: iso(ctx.now())
		});
		await repo.replaceCoOwners(trx, c.id, coOwners);
	});
}

/** A change of state, dated, with a line why, by the owner or a co-owner. */
export async function changeState(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	raw: unknown
) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	requireKeeper(v, c);
	const input = parseInput(stateInput, raw);
	if (input.state === c.state) throw new DomainError('invalid', 'error_state_unchanged', 'state');
	const at = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateCommitmentRow(trx, c.id, { state: input.state, updatedAt: at });
		await repo.insertEvent(trx, {
			id: newId(),
			commitmentId: c.id,
			state: input.state,
			reason: input.reason,
			byUserId: v.userId,
			at
		});
	});
}

/** The owner deletes the commitment with its whole plan. */
export async function deleteCommitment(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string
) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	requireOwnerOf(v, c);
	await repo.deleteCommitmentRow(ctx.db, c.id);
}

/** Touches the commitment so lists show what changed last; inside the caller's transaction. */
export async function touch(db: Kysely<Database>, commitmentId: string, at: string) {
	await repo.updateCommitmentRow(db, commitmentId, { updatedAt: at });
}

/**
 * A member leaves (or is removed): their private commitments and those shared with their coach are
 * deleted; what they shared with the network stays, shown without their name, for the co-owners
 * to keep. Runs in `db`, the caller's transaction.
 */
export async function forgetMemberCommitments(
	db: Kysely<Database>,
	networkId: string,
	userId: string
) {
	await repo.forgetMemberInCommitments(db, networkId, userId);
}
