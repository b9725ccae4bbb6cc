import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import { parseInput, token } from '../../validation.ts';
import { findMemberByUserId, requireMember } from '../network/index.ts';
import { leadsApproach, readsMediationNotes, worksOnApproach } from './locality.policy.ts';
import {
	actionInput,
	actionStatusInput,
	agreementInput,
	blockDetailsInput,
	blockInput,
	mediationNoteInput
} from './locality.schema.ts';
import * as repo from './locality.repository.ts';

import { type FormValues, approachOf, invalid, tickedIds } from './locality.service.ts';

/** The building blocks chosen from the findings, their agreements and notes, and the plan's actions. */

/** The findings of all the approach's snapshots, for a block's basis. */
async function approachFindings(ctx: Ctx, approachId: string) {
	const snapshots = await repo.listSnapshots(ctx.db, approachId);
	return repo.listFindings(
		ctx.db,
		snapshots.map((x) => x.id)
	);
}

async function checkBasis(ctx: Ctx, approachId: string, values: FormValues) {
	const ids = tickedIds(values, 'finding-');
	const findings = new Set((await approachFindings(ctx, approachId)).map((f) => f.id));
	if (ids.some((i) => !findings.has(i))) throw invalid('error_local_block_basis', 'basis');
	if (findings.size > 0 && ids.length === 0) throw invalid('error_local_block_basis', 'basis');
	return ids;
}

/**
 * Chooses a building block for the plan, with its reason and the conclusions or improvement
 * points it answers (ticked as `finding-<id>`; at least one once there are findings).
 */
export async function chooseBlock(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	values: FormValues
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const input = parseInput(blockInput, values);
	const basis = await checkBasis(ctx, s.approach.id, values);
	const id = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute((trx) =>
		repo.insertBlock(
			trx,
			{
				id,
				approachId: s.approach.id,
				kind: input.kind,
				title: input.title,
				reason: input.reason,
				createdAt: now,
				updatedAt: now
			},
			basis
		)
	);
	return id;
}

/**
 * A block of the approach. Its mediator reaches a mediation's page even when not on the team;
 * they see the block and its notes, not the rest of the approach.
 */
export async function blockOf(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string,
	blockId: string
) {
	const m = await requireMember(ctx, actor, networkId);
	const approach = await repo.findApproach(ctx.db, networkId, approachId);
	if (!approach) throw notFound();
	const team = (await repo.listTeams(ctx.db, [approach.id])).map((t) => t.userId);
	const block = (await repo.listBlocks(ctx.db, approach.id)).find((b) => b.id === blockId);
	if (!block) throw notFound();
	const access = { coordinatorId: approach.coordinatorId, team };
	const works = worksOnApproach(m, access);
	if (!works && !(block.kind === 'mediation' && block.mediatorId === m.userId)) throw notFound();
	return { m, approach, team, block, works, readsNotes: readsMediationNotes(m, access, block) };
}

export async function editBlock(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string,
	values: FormValues
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.works) throw forbidden();
	const input = parseInput(blockDetailsInput, values);
	const basis = await checkBasis(ctx, b.approach.id, values);
	// Who mediates decides who reads the notes: only the approach's lead chooses the mediator.
	// For anyone else the mediator stays as it is, whatever the form says.
	const leads = leadsApproach(b.m, { coordinatorId: b.approach.coordinatorId, team: b.team });
	let mediatorId: string | null = b.block.mediatorId;
	if (leads) mediatorId = null;
	if (leads && b.block.kind === 'mediation' && input.mediatorId) {
		const member = await findMemberByUserId(ctx.db, networkId, input.mediatorId);
		if (!member || member.status !== 'active') throw invalid('error_local_mediator', 'mediatorId');
		mediatorId = input.mediatorId;
	}
	const mediation = b.block.kind === 'mediation';
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateBlock(trx, b.block.id, {
			title: input.title,
			reason: input.reason,
			principles: b.block.kind === 'alliance' ? input.principles : '',
			tension: mediation && input.tension ? input.tension : null,
			parties: mediation ? input.parties : '',
			outcome: mediation ? input.outcome : '',
			mediatorId,
			updatedAt: iso(ctx.now())
		});
		await repo.setBlockBasis(trx, b.block.id, basis);
	});
}

export async function removeBlock(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.works) throw forbidden();
	// A mediation takes its private notes with it: only the approach's lead removes one.
	if (
		b.block.kind === 'mediation' &&
		!leadsApproach(b.m, { coordinatorId: b.approach.coordinatorId, team: b.team })
	)
		throw forbidden();
	await repo.deleteBlock(ctx.db, b.block.id);
}

/** An agreement of an alliance: what is agreed and who does it. */
export async function addAgreement(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string,
	raw: unknown
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.works) throw forbidden();
	if (b.block.kind !== 'alliance') throw invalid('error_local_not_alliance', 'what');
	const input = parseInput(agreementInput, raw);
	const id = newId();
	await repo.insertAgreement(ctx.db, {
		id,
		blockId: b.block.id,
		what: input.what,
		who: input.who,
		createdAt: iso(ctx.now())
	});
	return id;
}

export async function removeAgreement(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string,
	agreementId: string
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.works) throw forbidden();
	if (!(await repo.deleteAgreement(ctx.db, b.block.id, agreementId))) throw notFound();
}

/** A mediation note: written and read by the mediator and the approach's coordinator only. */
export async function addMediationNote(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string,
	raw: unknown
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.readsNotes) throw notFound();
	const input = parseInput(mediationNoteInput, raw);
	const id = newId();
	await repo.insertMediationNote(ctx.db, {
		id,
		blockId: b.block.id,
		authorId: b.m.userId,
		text: input.text,
		createdAt: iso(ctx.now())
	});
	return id;
}

/** An action of the plan of approach, under one of its building blocks. */
export async function addAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	raw: unknown
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const input = parseInput(actionInput, raw);
	const blocks = await repo.listBlocks(ctx.db, s.approach.id);
	if (!blocks.some((b) => b.id === input.blockId))
		throw invalid('error_local_action_block', 'blockId');
	const id = newId();
	const now = iso(ctx.now());
	await repo.insertAction(ctx.db, {
		id,
		approachId: s.approach.id,
		blockId: input.blockId,
		title: input.action,
		owner: input.owner,
		stakeholders: input.stakeholders,
		startsOn: input.startsOn,
		dueOn: input.dueOn,
		status: input.status,
		createdAt: now,
		updatedAt: now
	});
	return id;
}

export async function setActionStatus(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	raw: unknown
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const input = parseInput(actionStatusInput, raw);
	if (
		!(await repo.updateActionStatus(
			ctx.db,
			s.approach.id,
			input.actionId,
			input.status,
			iso(ctx.now())
		))
	)
		throw notFound();
	return input.status;
}

export async function removeAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	actionId: string
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	if (!(await repo.deleteAction(ctx.db, s.approach.id, parseInput(token(), actionId))))
		throw notFound();
}
