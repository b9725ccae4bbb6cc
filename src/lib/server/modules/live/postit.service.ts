import { iso, newId, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { postitInput } from './live.schema.ts';
import { findOpenStep, hashSecret, newSecret, type Participant } from './live.service.ts';

/**
 * One idea per post-it, up to the round's maximum per person and length. A repeated client id
 * (a double tap, a retry after a lost answer) returns the first post-it and writes nothing.
 * In an anonymous round the post-it row holds no participant id; the writer gets an edit secret.
 */
export async function addPostit(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(postitInput, raw);
	// A retry of a post-it that was written answers as before, even after the round closed.
	const earlier = await ctx.db
		.selectFrom('postit')
		.select(['id', 'stepId'])
		.where('clientId', '=', input.clientId)
		.executeTakeFirst();
	if (earlier && earlier.stepId === stepId)
		return { id: earlier.id, duplicate: true, editSecret: null };
	const step = await findOpenStep(ctx, p, stepId, 'postit_round');
	const maxLength = step.maxLength ?? 280;
	if (input.text.length > maxLength) {
		throw new DomainError('invalid', 'error_postit_too_long', 'text');
	}
	const anonymous = step.isAnonymous === 1;
	const editSecret = anonymous ? newSecret() : null;
	return ctx.db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('postit')
			.select(['id', 'stepId'])
			.where('clientId', '=', input.clientId)
			.executeTakeFirst();
		if (existing) {
			if (existing.stepId !== stepId) throw new DomainError('conflict', 'error_invalid');
			return { id: existing.id, duplicate: true, editSecret: null };
		}
		// The quota row is the per-person lock: concurrent posts by one person queue on it.
		await trx
			.insertInto('postitQuota')
			.values({ stepId, participantId: p.id, used: 0 })
			.onConflict((oc) => oc.columns(['stepId', 'participantId']).doNothing())
			.execute();
		const quota = await trx
			.updateTable('postitQuota')
			.set((eb) => ({ used: eb('used', '+', 1) }))
			.where('stepId', '=', stepId)
			.where('participantId', '=', p.id)
			.where('used', '<', step.maxPerPerson ?? 3)
			.executeTakeFirst();
		if (Number(quota.numUpdatedRows) !== 1) throw new DomainError('conflict', 'error_postit_limit');
		const id = newId();
		const now = iso(ctx.now());
		await trx
			.insertInto('postit')
			.values({
				id,
				stepId,
				participantId: anonymous ? null : p.id,
				authorSecretHash: editSecret ? hashSecret(editSecret) : null,
				clientId: input.clientId,
				text: input.text,
				createdAt: now,
				updatedAt: now
			})
			.execute();
		return { id, duplicate: false, editSecret };
	});
}

/** The writer's own post-it: by participant id, or by the edit secret in an anonymous round. */
async function findOwn(
	ctx: Ctx,
	p: Participant,
	stepId: string,
	postitId: string,
	editSecret?: string
) {
	const row = await ctx.db
		.selectFrom('postit')
		.selectAll()
		.where('id', '=', postitId)
		.where('stepId', '=', stepId)
		.executeTakeFirst();
	const mine =
		row &&
		((row.participantId !== null && row.participantId === p.id) ||
			(row.authorSecretHash !== null &&
				!!editSecret &&
				row.authorSecretHash === hashSecret(editSecret)));
	if (!mine) throw notFound();
	return row;
}

export async function editPostit(
	ctx: Ctx,
	p: Participant,
	stepId: string,
	postitId: string,
	text: string,
	editSecret?: string
) {
	const step = await findOpenStep(ctx, p, stepId, 'postit_round');
	const input = parseInput(postitInput, { clientId: 'edit-in-place', text });
	if (input.text.length > (step.maxLength ?? 280))
		throw new DomainError('invalid', 'error_postit_too_long', 'text');
	const row = await findOwn(ctx, p, stepId, postitId, editSecret);
	await ctx.db
		.updateTable('postit')
		.set({ text: input.text, updatedAt: iso(ctx.now()) })
		.where('id', '=', row.id)
		.execute();
}

export async function deletePostit(
	ctx: Ctx,
	p: Participant,
	stepId: string,
	postitId: string,
	editSecret?: string
) {
	await findOpenStep(ctx, p, stepId, 'postit_round');
	const row = await findOwn(ctx, p, stepId, postitId, editSecret);
	// Others' dots or merged post-its hang on it: removing it would take their input with it.
	const attached = await ctx.db
		.selectFrom('dot')
		.select('id')
		.where('postitId', '=', row.id)
		.union(ctx.db.selectFrom('postit').select('id').where('mergedIntoId', '=', row.id))
		.limit(1)
		.executeTakeFirst();
	if (attached) throw new DomainError('conflict', 'error_postit_in_use');
	await ctx.db.transaction().execute(async (trx) => {
		await trx.deleteFrom('postit').where('id', '=', row.id).execute();
		await trx
			.updateTable('postitQuota')
			.set((eb) => ({ used: eb('used', '-', 1) }))
			.where('stepId', '=', stepId)
			.where('participantId', '=', p.id)
			.where('used', '>', 0)
			.execute();
	});
}

/** The visible post-its of a round, as everyone in the session sees them, with merge counts. */
export async function listPostits(ctx: Ctx, sessionId: string, stepId: string) {
	const rows = await ctx.db
		.selectFrom('postit as pi')
		.innerJoin('agendaStep as s', 's.id', 'pi.stepId')
		.select(['pi.id', 'pi.text', 'pi.cluster', 'pi.isHidden', 'pi.mergedIntoId', 'pi.createdAt'])
		.where('s.sessionId', '=', sessionId)
		.where('pi.stepId', '=', stepId)
		.orderBy('pi.createdAt')
		.orderBy('pi.id')
		.execute();
	const merged = new Map<string, string[]>();
	for (const r of rows)
		if (r.mergedIntoId) merged.set(r.mergedIntoId, [...(merged.get(r.mergedIntoId) ?? []), r.text]);
	return rows
		.filter((r) => !r.isHidden)
		.map((r) => ({
			id: r.id,
			text: r.text,
			cluster: r.cluster,
			merged: merged.get(r.id) ?? [],
			createdAt: r.createdAt
		}));
}

/** Every post-it of a round for the facilitator, hidden ones included (to show them again). */
export async function listPostitsForModeration(ctx: Ctx, sessionId: string, stepId: string) {
	return ctx.db
		.selectFrom('postit as pi')
		.innerJoin('agendaStep as s', 's.id', 'pi.stepId')
		.select(['pi.id', 'pi.text', 'pi.cluster', 'pi.isHidden', 'pi.mergedIntoId', 'pi.createdAt'])
		.where('s.sessionId', '=', sessionId)
		.where('pi.stepId', '=', stepId)
		.orderBy('pi.createdAt')
		.orderBy('pi.id')
		.execute();
}
