import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { checkUpload, hasFile, type CheckedFile } from '../knowledge/index.ts';
import { requireMember } from '../network/index.ts';
import { keepsInventory } from './partnership.policy.ts';
import {
	DIMENSIONS,
	evaluationInput,
	partnerInput,
	sharingInput,
	type Dimension
} from './partnership.schema.ts';
import * as repo from './partner.repository.ts';

/** The acting member, who must belong to an organisation: an inventory is an organisation's. */
export async function inventoryKeeper(ctx: Ctx, actor: Actor | null, networkId: string) {
	const m = await requireMember(ctx, actor, networkId);
	if (!m.organisationId) throw new DomainError('invalid', 'error_partner_no_organisation');
	return { ...m, organisationId: m.organisationId };
}

/** A partner of the acting member's own organisation; any other is "not found". */
export async function partnerOf(ctx: Ctx, actor: Actor | null, networkId: string, id: string) {
	const m = await requireMember(ctx, actor, networkId);
	const partner = await repo.findPartner(ctx.db, networkId, id);
	if (!partner || !keepsInventory(m, partner)) throw notFound();
	return { m, partner };
}

/** Adds a current or prospective partner to the organisation's inventory. */
export async function addPartner(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await inventoryKeeper(ctx, actor, networkId);
	const input = parseInput(partnerInput, raw);
	const id = newId();
	const now = iso(ctx.now());
	await repo.insertPartner(ctx.db, {
		id,
		networkId,
		organisationId: m.organisationId,
		name: input.name,
		kind: input.kind,
		together: input.together,
		since: input.since,
		contact: input.contact,
		notes: input.notes,
		isProspective: input.prospective ? 1 : 0,
		why: input.why,
		reviewMonths: input.reviewMonths,
		createdBy: m.userId,
		createdAt: now,
		updatedAt: now
	});
	return id;
}

export async function editPartner(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown
) {
	const { partner } = await partnerOf(ctx, actor, networkId, id);
	const input = parseInput(partnerInput, raw);
	await repo.updatePartner(ctx.db, partner.id, {
		name: input.name,
		kind: input.kind,
		together: input.together,
		since: input.since,
		contact: input.contact,
		notes: input.notes,
		isProspective: input.prospective ? 1 : 0,
		why: input.why,
		reviewMonths: input.reviewMonths,
		updatedAt: iso(ctx.now())
	});
}

/** Removes a partner with its evaluations (the page asks first). */
export async function removePartner(ctx: Ctx, actor: Actor, networkId: string, id: string) {
	const { partner } = await partnerOf(ctx, actor, networkId, id);
	await repo.deletePartner(ctx.db, partner.id);
}

/** An evidence file per dimension, checked as the knowledge base checks one (type from bytes, size). */
async function checkEvidence(files: Partial<Record<Dimension, unknown>>) {
	const out: { dimension: Dimension; file: CheckedFile }[] = [];
	for (const d of DIMENSIONS) {
		const f = files[d];
		if (!hasFile(f)) continue;
		try {
			out.push({ dimension: d, file: await checkUpload(f, 'document') });
		} catch (e) {
			// The refusal belongs next to this dimension's file input.
			if (e instanceof DomainError)
				throw Object.assign(new DomainError(e.code, e.key), { ...e, field: `file-${d}` });
			throw e;
		}
	}
	return out;
}

/**
 * Scores a partner along the step plan: each dimension a level with its evidence (a line, a
 * link, a file), and the conversation to have. A later evaluation is a new one: the earlier
 * ones stay, dated.
 */
export async function evaluatePartner(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown,
	files: Partial<Record<Dimension, unknown>> = {}
) {
	const { m, partner } = await partnerOf(ctx, actor, networkId, id);
	const input = parseInput(evaluationInput, raw);
	const evidence = await checkEvidence(files);
	const evaluationId = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertEvaluation(
			trx,
			{
				id: evaluationId,
				partnerId: partner.id,
				evaluatedOn: input.evaluatedOn,
				evaluatedBy: m.userId,
				ask: input.ask,
				offer: input.offer,
				talkOn: input.talkOn,
				createdAt: now
			},
			DIMENSIONS.map((dimension) => ({
				evaluationId,
				dimension,
				level: input[`level-${dimension}`],
				evidence: input[`evidence-${dimension}`]
			}))
		);
		await repo.insertEvidenceFiles(
			trx,
			evidence.map(({ dimension, file }) => ({
				id: newId(),
				evaluationId,
				dimension,
				name: file.name,
				mime: file.mime,
				size: file.data.length,
				data: file.data,
				createdAt: now
			}))
		);
	});
	return evaluationId;
}

/** An evidence file, for the members of the organisation that keeps the partner only. */
export async function readEvidenceFile(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	partnerId: string,
	fileId: string
) {
	const { partner } = await partnerOf(ctx, actor, networkId, partnerId);
	const file = await repo.findEvidenceFile(ctx.db, partner.id, fileId);
	if (!file) throw notFound();
	return { ...file, data: Buffer.from(file.data) };
}

/**
 * Shares (or stops sharing) the organisation's partner-level scores with the network: while it
 * shares, every member of the network sees its current partners with their latest levels.
 */
export async function shareScores(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await inventoryKeeper(ctx, actor, networkId);
	const { share } = parseInput(sharingInput, raw);
	await repo.setSharing(
		ctx.db,
		{
			networkId,
			organisationId: m.organisationId,
			sharedBy: m.userId,
			sharedAt: iso(ctx.now())
		},
		share
	);
	return share;
}
