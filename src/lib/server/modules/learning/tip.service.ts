import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { canChangeTip, canRemoveTip, tipRolesFor } from './learning.policy.ts';
import { learner } from './learning.read.ts';
import { creditInput, tipInput } from './learning.schema.ts';
import * as repo from './question.repository.ts';
import { reindexQuestion } from './search.ts';
import type { Membership } from '../../db/types.ts';

function allowRole(m: Membership, role: string) {
	if (!tipRolesFor(m).includes(role as never))
		throw new DomainError('invalid', 'error_tip_role', 'role');
}

/**
 * A member (a guest boundary spanner too) gives a tip on a learning question, or a sub-tip under
 * a tip (one level only), in a role they may take and with the credit they choose.
 */
export async function giveTip(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	questionId: string,
	raw: unknown
) {
	const m = await learner(ctx, actor, networkId);
	const q = await repo.findQuestion(ctx.db, networkId, questionId);
	if (!q) throw notFound();
	const input = parseInput(tipInput, raw);
	allowRole(m, input.role);
	if (input.parentId) {
		const parent = await repo.findTip(ctx.db, networkId, input.parentId);
		if (!parent || parent.questionId !== q.id || parent.parentId)
			throw new DomainError('invalid', 'error_tip_parent', 'parentId');
	}
	if (input.resourceId && !(await repo.findResourceInNetwork(ctx.db, networkId, input.resourceId)))
		throw new DomainError('invalid', 'error_tip_resource', 'resourceId');
	const id = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertTip(trx, {
			id,
			questionId: q.id,
			parentId: input.parentId || null,
			giverId: m.userId,
			giverRole: input.role,
			credit: input.credit,
			text: input.text,
			practice: input.practice,
			resourceId: input.resourceId || null,
			sessionId: null,
			createdAt: now,
			updatedAt: now
		});
		await reindexQuestion(trx, networkId, q.id, ctx.now());
	});
	return id;
}

async function ownTip(ctx: Ctx, actor: Actor, networkId: string, tipId: string) {
	const m = await learner(ctx, actor, networkId);
	const tip = await repo.findTip(ctx.db, networkId, tipId);
	if (!tip) throw notFound();
	return { m, tip };
}

/** Its giver rewords a tip. */
export async function editTip(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	tipId: string,
	raw: unknown
) {
	const { m, tip } = await ownTip(ctx, actor, networkId, tipId);
	if (!canChangeTip(m, tip)) throw forbidden();
	const input = parseInput(tipInput.pick({ text: true, practice: true }), raw);
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateTip(trx, tip.id, { ...input, updatedAt: iso(ctx.now()) });
		await reindexQuestion(trx, networkId, tip.questionId, ctx.now());
	});
}

/**
 * Its giver, and nobody else, changes how a tip is credited (and in which role). The choice
 * holds in every output from then on, also after a guest's access has ended.
 */
export async function setTipCredit(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	tipId: string,
	raw: unknown
) {
	const { m, tip } = await ownTip(ctx, actor, networkId, tipId);
	if (!canChangeTip(m, tip)) throw new DomainError('forbidden', 'error_tip_credit_not_yours');
	const input = parseInput(creditInput, raw);
	allowRole(m, input.role);
	await repo.updateTip(ctx.db, tip.id, {
		credit: input.credit,
		giverRole: input.role,
		updatedAt: iso(ctx.now())
	});
}

/** Its giver takes a tip back, or a leader removes it; its sub-tips go with it. */
export async function removeTip(ctx: Ctx, actor: Actor, networkId: string, tipId: string) {
	const { m, tip } = await ownTip(ctx, actor, networkId, tipId);
	if (!canRemoveTip(m, tip)) throw forbidden();
	await ctx.db.transaction().execute(async (trx) => {
		await repo.deleteTip(trx, tip.id);
		await reindexQuestion(trx, networkId, tip.questionId, ctx.now());
	});
}
