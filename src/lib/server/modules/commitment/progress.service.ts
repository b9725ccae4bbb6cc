import { iso, type Actor, type Ctx } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { talkFor, viewer } from '../trajectory/index.ts';
import { allowedFor } from './commitment.read.ts';
import { canSeeCommitment, whyNotLinkTalk } from './commitment.policy.ts';
import * as repo from './commitment.repository.ts';
import { talkLinkInput } from './commitment.schema.ts';
import { coachOfTalk } from './progress.read.ts';
import * as links from './progress.repository.ts';

/**
 * Links a coaching talk to the commitment it is about (a talk linked before now is about this
 * one). One of the talk's two people links it; the commitment is one the talk's member keeps and
 * the talk's coach may see. A talk of another network, or one the actor is not in, is "not
 * found"; a commitment the actor may not see is refused as not among the choices.
 */
export async function linkTalk(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	talkId: string,
	raw: unknown
) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	const { commitmentId } = parseInput(talkLinkInput, raw);
	const choose = () => new DomainError('not_found', 'error_talk_commitment_choose', 'commitmentId');
	const row = await repo.findCommitment(ctx.db, networkId, commitmentId);
	if (!row) throw choose();
	const coOwners = await repo.listCoOwners(ctx.db, [row.id]);
	const c = { ...row, coOwnerIds: coOwners.map((o) => o.userId) };
	if (!canSeeCommitment(v, c, await allowedFor(ctx, v)(c.userId))) throw choose();
	switch (whyNotLinkTalk(talk, c, await allowedFor(ctx, coachOfTalk(talk))(c.userId))) {
		case 'other_network':
			throw choose();
		case 'other_person':
			throw new DomainError('invalid', 'error_talk_commitment_other_person', 'commitmentId');
		case 'hidden_from_coach':
			throw new DomainError('forbidden', 'error_talk_commitment_hidden', 'commitmentId');
	}
	await links.upsertTalkLink(ctx.db, {
		talkId: talk.id,
		commitmentId: c.id,
		linkedAt: iso(ctx.now()),
		linkedBy: v.userId
	});
}

/** Either of the talk's two people says it is no longer about a commitment. */
export async function unlinkTalk(ctx: Ctx, actor: Actor, networkId: string, talkId: string) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	await links.deleteTalkLink(ctx.db, talk.id);
}
