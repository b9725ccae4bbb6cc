import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { Database } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import * as repo from './coaching.repository.ts';
import { viewer } from './trajectory.read.ts';
import { coachingAnswerInput, coachingEndInput } from './trajectory.schema.ts';

/**
 * Who coaches whom, with the member's consent. A coach's first talk with a member *proposes*
 * the relation; only the member can accept it (the link in the talk's e-mail or the button on
 * their coaching page), decline it, or later end it. Until it is accepted, and again once it has
 * ended, the coach sees nothing the member shared "with me and my coach" (the policy asks
 * `coachOf`, which counts accepted relations only). The talks themselves stay visible to their
 * two people whatever the relation's state: the coach planned them and the member was invited.
 */

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Inside the transaction that plans a talk: proposes the relation unless this coach already has
 * it, and returns the token for the e-mail's "accept" link when the member still has to answer.
 * Another open relation (proposed or accepted) with a different coach is a conflict.
 */
export async function proposeCoaching(
	db: Kysely<Database>,
	now: string,
	rel: { networkId: string; memberId: string; coachId: string }
): Promise<string | null> {
	const open = await repo.findOpenRelation(db, rel.networkId, rel.memberId);
	if (open && open.coachId !== rel.coachId)
		throw new DomainError('conflict', 'error_other_coach', 'memberId');
	if (open?.state === 'accepted') return null;
	// A fresh token each time, so the link in the newest e-mail is the one that works.
	const token = randomBytes(24).toString('base64url');
	const tokenHash = hashToken(token);
	if (open) {
		await repo.updateRelation(db, open.id, { tokenHash });
		return token;
	}
	// Declined or ended before: the same row is asked again, dated anew.
	await repo.upsertProposal(db, {
		id: newId(),
		...rel,
		state: 'proposed',
		tokenHash,
		proposedAt: now
	});
	return token;
}

/** The member's open relation (proposed or accepted) in this network, with the coach's name. */
export async function myCoaching(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	return (await repo.findOpenRelationOfMember(ctx.db, networkId, v.userId)) ?? null;
}

/** The proposal a mail's link points to, for its member only; anyone else gets "not found". */
export async function proposalByToken(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	token: string
) {
	const v = await viewer(ctx, actor, networkId);
	const row = token
		? await repo.findRelationByTokenHash(ctx.db, networkId, hashToken(token))
		: undefined;
	if (!row || row.memberId !== v.userId || row.state !== 'proposed') throw notFound();
	return { id: row.id, coachName: row.coachName };
}

/**
 * The member accepts or declines a proposal, named by its id (the button) or by the mail's
 * token (the link). Only the member it was proposed to can answer, and only once.
 */
export async function answerCoaching(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(coachingAnswerInput, raw);
	if (!input.relationId && !input.token) throw notFound();
	const now = iso(ctx.now());
	return ctx.db.transaction().execute(async (trx) => {
		const rel = input.token
			? await repo.findRelationByTokenHash(trx, networkId, hashToken(input.token))
			: await repo.findRelation(trx, networkId, input.relationId);
		if (!rel || rel.memberId !== v.userId) throw notFound();
		if (rel.state !== 'proposed')
			throw new DomainError('conflict', 'error_coaching_not_proposed', 'answer');
		const state = input.answer === 'accept' ? 'accepted' : 'declined';
		await repo.updateRelation(trx, rel.id, { state, answeredAt: now, tokenHash: null });
		return { state };
	});
}

/** The member ends an accepted relation: from now on the coach reads nothing shared with them. */
export async function endCoaching(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(coachingEndInput, raw);
	const rel = { id: input.relationId, networkId, memberId: v.userId };
	if (!(await repo.endAcceptedRelation(ctx.db, rel, iso(ctx.now())))) throw notFound();
}

/** Someone who may no longer coach: their open relations in this network end (in `db`'s transaction). */
export async function endRelationsOfCoach(
	db: Kysely<Database>,
	now: string,
	networkId: string,
	coachId: string
) {
	await repo.endOpenRelationsOfCoach(db, networkId, coachId, now);
}
