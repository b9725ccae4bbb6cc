import { createHash, randomBytes } from 'node:crypto';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { partnerOf } from './partner.service.ts';
import {
	DIMENSIONS,
	MAX_OPEN_PARTNER_LINKS,
	partnerLinkInput,
	partnerViewInput
} from './partnership.schema.ts';
import * as repo from './partner.repository.ts';

/**
 * The partner's own view. The organisation makes a link for the partner's contact, who fills in
 * the same scale without an account. A link works once and until it expires; only its hash is
 * kept, so the link itself is shown once, when it is made. The answer is an evaluation of its
 * own (`source = partner`), shown beside the organisation's own scores and never mixed in.
 */

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes a link; returns the token for the page to show once. */
export async function createPartnerLink(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	partnerId: string,
	raw: unknown
) {
	const { m, partner } = await partnerOf(ctx, actor, networkId, partnerId);
	const input = parseInput(partnerLinkInput, raw);
	if (partner.isProspective) throw new DomainError('invalid', 'error_partner_link_prospective');
	const now = ctx.now();
	if ((await repo.countOpenLinks(ctx.db, partner.id, iso(now))) >= MAX_OPEN_PARTNER_LINKS)
		throw new DomainError('invalid', 'error_partner_link_too_many');
	const token = randomBytes(24).toString('base64url');
	await repo.insertLink(ctx.db, {
		id: newId(),
		partnerId: partner.id,
		tokenHash: hashToken(token),
		respondent: input.respondent || partner.contact,
		createdBy: m.userId,
		createdAt: iso(now),
		expiresAt: iso(new Date(now.getTime() + input.days * 86_400_000))
	});
	return token;
}

/** Closes a link that was not used yet; a used one stays as the record of the answer. */
export async function revokePartnerLink(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	partnerId: string,
	linkId: string
) {
	const { partner } = await partnerOf(ctx, actor, networkId, partnerId);
	const link = await repo.findLink(ctx.db, partner.id, linkId);
	if (!link) throw notFound();
	if (link.usedAt || link.revokedAt) return;
	await repo.updateLink(ctx.db, link.id, { revokedAt: iso(ctx.now()) });
}

export type PartnerLinkState = 'open' | 'used' | 'expired' | 'revoked';

/** What the link's page shows: who asks about which partner, or why the link no longer works. */
export async function partnerLinkPage(ctx: Ctx, token: string) {
	const link = token.length <= 64 ? await repo.findLinkByHash(ctx.db, hashToken(token)) : null;
	if (!link) throw notFound();
	const now = iso(ctx.now());
	const state: PartnerLinkState = link.usedAt
		? 'used'
		: link.revokedAt
			? 'revoked'
			: link.expiresAt <= now
				? 'expired'
				: 'open';
	return {
		state,
		partner: link.partnerName,
		organisation: link.organisationName,
		respondent: link.respondent,
		expiresAt: link.expiresAt,
		language: link.networkLanguage
	};
}

/**
 * The partner's answer. The link is taken in the same transaction that writes the answer, so a
 * second answer (a second person, a second tap, an expired or closed link) writes nothing.
 */
export async function answerPartnerLink(ctx: Ctx, token: string, raw: unknown) {
	const link = token.length <= 64 ? await repo.findLinkByHash(ctx.db, hashToken(token)) : null;
	if (!link) throw notFound();
	const input = parseInput(partnerViewInput, raw);
	const now = ctx.now();
	const evaluationId = newId();
	await ctx.db.transaction().execute(async (trx) => {
		if (!(await repo.claimLink(trx, link.id, iso(now))))
			throw new DomainError('conflict', 'error_partner_link_closed');
		await repo.insertEvaluation(
			trx,
			{
				id: evaluationId,
				partnerId: link.partnerId,
				evaluatedOn: iso(now).slice(0, 10),
				evaluatedBy: null,
				source: 'partner',
				respondent: input.respondent,
				offer: input.offer,
				createdAt: iso(now)
			},
			DIMENSIONS.map((dimension) => ({
				evaluationId,
				dimension,
				level: input[`level-${dimension}`],
				evidence: input[`evidence-${dimension}`]
			}))
		);
		await repo.updateLink(trx, link.id, { evaluationId });
	});
	return evaluationId;
}
