import { createHmac } from 'node:crypto';
import { iso, newId, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { emit } from '../../events.ts';
import { parseInput } from '../../validation.ts';
import { postitInput } from './live.schema.ts';
import { isOwnPostit, requireSameAnonymity } from './live.policy.ts';
import { findOpenStep, hashSecret, newSecret, type Participant } from './live.service.ts';
import * as repo from './postit.repository.ts';

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
		? (await repo.listPostitsByIds(ctx.db, step.id, [...editSecrets.keys()]))
				.filter((r) => r.authorSecretHash === hashSecret(editSecrets.get(r.id) ?? ''))
				.map((r) => ({ id: r.id, text: r.text }))
		: await repo.listPostitsOfParticipant(ctx.db, step.id, p.id);
	const used = await repo.countTakenPlaces(
		ctx.db,
		step.id,
		slotKeys(p, step.id, step.maxPerPerson ?? 3)
	);
	return { mine, used };
}

/**
 * One idea per post-it, up to the round's maximum per person and length. A repeated client id
 * (a double tap, a retry after a lost answer) returns the first post-it and writes nothing.
 * In an anonymous round the post-it row holds no participant id; the writer gets an edit secret.
 */
export async function addPostit(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(postitInput, raw);
	// A retry of a post-it that was written answers as before, even after the round closed.
	const earlier = await repo.findPostitByClientId(ctx.db, input.clientId);
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
	const id = newId();
	const result = await repo.insertPostitInPlace(
		ctx.db,
		{
			id,
			stepId,
			participantId: anonymous ? null : p.id,
			authorSecretHash: editSecret ? hashSecret(editSecret) : null,
			clientId: input.clientId,
			text: input.text,
			createdAt: iso(ctx.now())
		},
		slotKeys(p, stepId, step.maxPerPerson ?? 3)
	);
	if ('duplicate' in result) {
		if (result.duplicate.stepId !== stepId) throw new DomainError('conflict', 'error_invalid');
		return { id: result.duplicate.id, duplicate: true, editSecret: null };
	}
	if ('full' in result) throw new DomainError('conflict', 'error_postit_limit');
	emit('PostitAdded', { sessionId: p.sessionId, stepId, postitId: id });
	return { id, duplicate: false, editSecret };
}

/** The writer's own post-it: by participant id, or by the edit secret in an anonymous round. */
async function findOwn(
	ctx: Ctx,
	p: Participant,
	stepId: string,
	postitId: string,
	editSecret?: string
) {
	const row = await repo.findPostitInStep(ctx.db, stepId, postitId);
	const who = { participantId: p.id, editSecretHash: editSecret ? hashSecret(editSecret) : null };
	if (!row || !isOwnPostit(row, who)) throw notFound();
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
	if (row.text === input.text) return;
	await repo.setPostitText(ctx.db, row.id, input.text, iso(ctx.now()));
	emit('PostitChanged', { sessionId: p.sessionId, stepId, postitId: row.id, change: 'edited' });
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
	if (await repo.isPostitInUse(ctx.db, row.id))
		throw new DomainError('conflict', 'error_postit_in_use');
	// The person's last place is given back (which one does not matter: all are theirs).
	await repo.deletePostitAndPlace(
		ctx.db,
		stepId,
		row.id,
		slotKeys(p, stepId, step.maxPerPerson ?? 3)
	);
	emit('PostitChanged', { sessionId: p.sessionId, stepId, postitId: row.id, change: 'deleted' });
}

/** The visible post-its of a round, as everyone in the session sees them, with merge counts. */
export async function listPostits(ctx: Ctx, sessionId: string, stepId: string) {
	const rows = await repo.listPostitsOfRound(ctx.db, sessionId, stepId);
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
	return repo.listPostitsOfRound(ctx.db, sessionId, stepId);
}

/** Every visible post-it of the session a facilitator can pick as a group's item. */
export async function listPickablePostits(ctx: Ctx, sessionId: string) {
	return repo.listPickablePostits(ctx.db, sessionId);
}
