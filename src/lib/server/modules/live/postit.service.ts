import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import { iso, newId, type Ctx } from '../../context.ts';
import type { Database } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { postitInput } from './live.schema.ts';
import {
	findOpenStep,
	hashSecret,
	newSecret,
	requireSameAnonymity,
	type Participant
} from './live.service.ts';

/**
 * The keys of a person's places in a round, first to last. A place is taken by inserting its key
 * (UNIQUE per round), so concurrent posts by one person cannot both take the last one. Nothing
 * about the person is written or locked: no participant row is touched, and a key is an HMAC of
 * the phone's secret, which the database does not hold.
 */
function slotKeys(p: Participant, stepId: string, max: number): string[] {
	return Array.from({ length: max }, (_, i) =>
		createHmac('sha256', p.slotSeed).update(`${stepId}:${i}`).digest('base64url')
	);
}

async function takeSlot(trx: Transaction<Database>, stepId: string, keys: string[]) {
	const taken = new Set(
		(
			await trx
				.selectFrom('postitSlot')
				.select('slotKey')
				.where('stepId', '=', stepId)
				.where('slotKey', 'in', [...keys, ''])
				.execute()
		).map((r) => r.slotKey)
	);
	for (const slotKey of keys) {
		if (taken.has(slotKey)) continue;
		// A concurrent post by the same phone may take this place first: then try the next one.
		const res = await trx
			.insertInto('postitSlot')
			.values({ stepId, slotKey })
			.onConflict((oc) => oc.columns(['stepId', 'slotKey']).doNothing())
			.executeTakeFirst();
		if (Number(res.numInsertedOrUpdatedRows) === 1) return true;
	}
	return false;
}

/**
 * The person's own post-its in a round and how many places they used. In an anonymous round
 * the database cannot say which are theirs: the phone shows the edit secrets it was given.
 */
export async function ownPostits(
	ctx: Ctx,
	p: Participant,
	step: { id: string; isAnonymous: number; maxPerPerson: number | null },
	editSecrets: Map<string, string>
) {
	const mine = step.isAnonymous
		? (
				await ctx.db
					.selectFrom('postit')
					.select(['id', 'text', 'authorSecretHash', 'createdAt'])
					.where('stepId', '=', step.id)
					.where('id', 'in', [...editSecrets.keys(), ''])
					.orderBy('createdAt')
					.execute()
			)
				.filter((r) => r.authorSecretHash === hashSecret(editSecrets.get(r.id) ?? ''))
				.map((r) => ({ id: r.id, text: r.text }))
		: await ctx.db
				.selectFrom('postit')
				.select(['id', 'text'])
				.where('stepId', '=', step.id)
				.where('participantId', '=', p.id)
				.orderBy('createdAt')
				.execute();
	const used = await ctx.db
		.selectFrom('postitSlot')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('stepId', '=', step.id)
		.where('slotKey', 'in', slotKeys(p, step.id, step.maxPerPerson ?? 3))
		.executeTakeFirstOrThrow();
	return { mine, used: Number(used.n) };
}

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
	requireSameAnonymity(step, input.anonymous);
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
		if (!(await takeSlot(trx, stepId, slotKeys(p, stepId, step.maxPerPerson ?? 3))))
			throw new DomainError('conflict', 'error_postit_limit');
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
	const step = await findOpenStep(ctx, p, stepId, 'postit_round');
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
		// The person's last place is given back (which one does not matter: all are theirs).
		const keys = slotKeys(p, stepId, step.maxPerPerson ?? 3);
		const taken = await trx
			.selectFrom('postitSlot')
			.select('slotKey')
			.where('stepId', '=', stepId)
			.where('slotKey', 'in', keys)
			.execute();
		const last = keys.filter((k) => taken.some((t) => t.slotKey === k)).at(-1);
		if (last)
			await trx
				.deleteFrom('postitSlot')
				.where('stepId', '=', stepId)
				.where('slotKey', '=', last)
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
