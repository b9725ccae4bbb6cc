import { randomBytes } from 'node:crypto';
import * as m from '#lib/paraglide/messages.js';
import type { Kysely } from 'kysely';
import { todayIn } from '#lib/dates.ts';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { Selectable } from 'kysely';
import type { AppLocale, CommitmentClaimTable, Database } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { renderMail } from '../../mail/render.ts';
import { seal, sha256, unseal } from '../../seal.ts';
import { parseInput } from '../../validation.ts';
import { askToJoin, findActiveMemberAccount } from '../network/index.ts';
import * as claims from './claim.repository.ts';
import { claimEmailInput, claimInput, claimKeepInput } from './claim.schema.ts';
import * as repo from './commitment.repository.ts';
import { HUNDRED_DAYS, plusDays } from './plan.rules.ts';

/** How long a commitment written on a phone waits to be kept before it is deleted. */
export const CLAIM_DAYS = 14;
/** Links one phone may have mailed for its commitment (a typo, a second try). */
export const CLAIM_LINKS = 3;
const PURPOSE = 'commitment claim';

/** The place in a live session of the phone writing (the live module's participant). */
export interface ClaimingPhone {
	id: string;
	sessionId: string;
	status: string;
}

type Claim = Selectable<CommitmentClaimTable>;

function livePhone(p: ClaimingPhone) {
	if (p.status !== 'live') throw new DomainError('conflict', 'error_session_not_live');
}

/** What the phone shows of its commitment: its words and how far keeping it has come. */
export async function claimOfPhone(ctx: Ctx, p: ClaimingPhone) {
	const c = await claims.findClaimOfParticipant(ctx.db, p.id);
	if (!c) return null;
	return {
		title: c.title,
		firstStep: c.firstStep,
		needs: c.needs,
		thresholds: c.thresholds,
		state: c.state,
		linksLeft: Math.max(0, CLAIM_LINKS - c.linksSent),
		expiresAt: c.expiresAt,
		commitmentId: c.commitmentId,
		networkId: c.networkId
	};
}

/**
 * The participant writes their commitment on the phone (once; writing again changes the words
 * until it is kept). It is held against their place in this session only.
 */
export async function writeClaim(ctx: Ctx, p: ClaimingPhone, raw: unknown) {
	livePhone(p);
	const input = parseInput(claimInput, raw);
	const session = await claims.findClaimSession(ctx.db, p.sessionId);
	if (!session) throw notFound();
	const now = ctx.now();
	const existing = await claims.findClaimOfParticipant(ctx.db, p.id);
	if (existing) {
		if (
			!(await claims.moveClaim(ctx.db, existing.id, ['draft', 'sent'], {
				...input,
				updatedAt: iso(now)
			}))
		)
			throw new DomainError('conflict', 'error_claim_kept');
		return { id: existing.id };
	}
	const id = newId();
	await claims.insertClaim(ctx.db, {
		id,
		networkId: session.networkId,
		sessionId: session.id,
		participantId: p.id,
		...input,
		state: 'draft',
		expiresAt: iso(new Date(now.getTime() + CLAIM_DAYS * 86_400_000)),
		createdAt: iso(now),
		updatedAt: iso(now)
	});
	return { id };
}

async function ownClaim(ctx: Ctx, p: ClaimingPhone) {
	livePhone(p);
	const c = await claims.findClaimOfParticipant(ctx.db, p.id);
	if (!c) throw new DomainError('conflict', 'error_claim_none');
	return c;
}

/**
 * "Keep it by e-mail": a link to the address, which it carries sealed (the claim stores only the
 * link's hash; a new link replaces the old one). The address is used for this mail and kept
 * nowhere: not with the claim, not in an account, and the delivered mail's job forgets it.
 */
export async function mailClaimLink(ctx: Ctx, p: ClaimingPhone, raw: unknown, locale: AppLocale) {
	const { email } = parseInput(claimEmailInput, raw);
	const c = await ownClaim(ctx, p);
	if (c.state !== 'draft' && c.state !== 'sent')
		throw new DomainError('conflict', 'error_claim_kept');
	if (c.linksSent >= CLAIM_LINKS)
		throw new DomainError('rate_limited', 'error_claim_links', 'email');
	const session = await claims.findClaimSession(ctx.db, c.sessionId);
	if (!session) throw notFound();
	const token = seal(ctx.secret, PURPOSE, {
		c: c.id,
		e: email,
		n: randomBytes(9).toString('base64url')
	});
	const link = `${ctx.publicUrl}/claims/${token}`;
	const { text, html } = renderMail({
		lang: locale,
		heading: m.mail_claim_heading({}, { locale }),
		paragraphs: [
			m.mail_claim_body({ session: session.title, network: session.networkName }, { locale }),
			c.title,
			m.mail_claim_expiry({ days: CLAIM_DAYS }, { locale }),
			m.mail_claim_not_you({}, { locale })
		],
		link: { href: link, label: m.mail_claim_link({}, { locale }) }
	});
	await ctx.db.transaction().execute(async (trx) => {
		const moved = await claims.moveClaim(trx, c.id, ['draft', 'sent'], {
			state: 'sent',
			linkHash: sha256(token),
			linksSent: c.linksSent + 1,
			updatedAt: iso(ctx.now())
		});
		if (!moved) throw new DomainError('conflict', 'error_claim_kept');
		await ctx.mailer.send(
			{
				to: email,
				subject: m.mail_claim_heading({}, { locale }),
				text,
				html,
				kind: 'commitment_claim',
				key: `claim:${c.id}:${c.linksSent + 1}`,
				networkId: session.networkId
			},
			trx
		);
	});
}

/** Makes the commitment from a claim, for its new owner, and marks the claim kept. */
async function makeCommitment(db: Kysely<Database>, ctx: Ctx, c: Claim, userId: string) {
	const now = ctx.now();
	const at = iso(now);
	const id = newId();
	await repo.insertCommitment(db, {
		id,
		networkId: c.networkId,
		userId,
		title: c.title,
		firstStep: c.firstStep,
		needs: c.needs,
		thresholds: c.thresholds,
		state: 'proposed',
		visibility: 'private',
		sessionId: c.sessionId,
		hundredDaysOn: plusDays(todayIn(now), HUNDRED_DAYS),
		createdAt: at,
		updatedAt: at
	});
	await repo.insertEvent(db, {
		id: newId(),
		commitmentId: id,
		state: 'proposed',
		reason: '',
		byUserId: userId,
		at
	});
	await claims.updateClaim(db, c.id, {
		state: 'claimed',
		userId,
		commitmentId: id,
		updatedAt: at
	});
	return id;
}

/**
 * A phone that is signed in keeps its commitment straight away, when its person is a member of
 * the network (otherwise: by e-mail, which asks to join).
 */
export async function keepClaimSignedIn(ctx: Ctx, actor: Actor, p: ClaimingPhone) {
	const c = await ownClaim(ctx, p);
	if (c.state === 'claimed' && c.userId === actor.userId && c.commitmentId)
		return { networkId: c.networkId, commitmentId: c.commitmentId };
	if (c.state !== 'draft' && c.state !== 'sent')
		throw new DomainError('conflict', 'error_claim_kept');
	if (!(await findActiveMemberAccount(ctx.db, c.networkId, actor.userId)))
		throw new DomainError('forbidden', 'error_claim_not_member');
	const commitmentId = await ctx.db.transaction().execute(async (trx) => {
		if (!(await claims.moveClaim(trx, c.id, ['draft', 'sent'], { updatedAt: iso(ctx.now()) })))
			throw new DomainError('conflict', 'error_claim_kept');
		return makeCommitment(trx, ctx, c, actor.userId);
	});
	return { networkId: c.networkId, commitmentId };
}

/** Opens a claim link: the claim and the address it was mailed to, or why it cannot be used. */
async function openLink(ctx: Ctx, token: string) {
	const sealed = unseal(ctx.secret, PURPOSE, token) as { c?: unknown; e?: unknown } | null;
	if (!sealed || typeof sealed.c !== 'string' || typeof sealed.e !== 'string')
		throw new DomainError('not_found', 'error_claim_unknown');
	const c = await claims.findClaimByLinkHash(ctx.db, sha256(token));
	// A link replaced by a newer one, or a claim deleted when it expired.
	if (!c || c.id !== sealed.c) throw new DomainError('expired', 'error_claim_link_old');
	return { claim: c, email: sealed.e };
}

/** What the claim page shows before and after signing in. */
export async function viewClaim(ctx: Ctx, actor: Actor | null, token: string) {
	const { claim: c, email } = await openLink(ctx, token);
	const session = await claims.findClaimSession(ctx.db, c.sessionId);
	if (!session) throw notFound();
	const expired = c.state === 'sent' && c.expiresAt < iso(ctx.now());
	const mine = !!actor && c.userId === actor.userId;
	if (c.userId && !mine) throw new DomainError('expired', 'error_claim_used');
	const member = actor
		? !!(await findActiveMemberAccount(ctx.db, c.networkId, actor.userId))
		: false;
	return {
		email,
		emailMatches: !!actor && actor.email.toLowerCase() === email,
		state: expired ? ('expired' as const) : c.state,
		member,
		commitmentId: mine ? c.commitmentId : null,
		claim: { title: c.title, firstStep: c.firstStep, needs: c.needs, thresholds: c.thresholds },
		session: { title: session.title },
		network: {
			id: session.networkId,
			name: session.networkName,
			purpose: session.purpose,
			houseRules: session.houseRules,
			language: session.language
		}
	};
}

/**
 * Confirming: the person opened the link signed in with the address it was mailed to. A member
 * finds the commitment made (proposed, private, with the session it came from); anyone else asks
 * to join, having accepted the house rules, and finds it when a coordinator lets them in. A link
 * used once does not work for anyone else; the same person using it again lands on the result.
 */
export async function keepClaim(ctx: Ctx, actor: Actor, token: string, raw: unknown) {
	const { claim: c, email } = await openLink(ctx, token);
	if (actor.email.toLowerCase() !== email)
		throw new DomainError('forbidden', 'error_claim_other_email');
	if (c.userId && c.userId !== actor.userId) throw new DomainError('expired', 'error_claim_used');
	if (c.state === 'claimed')
		return { state: 'claimed' as const, networkId: c.networkId, commitmentId: c.commitmentId };
	if (c.state === 'waiting')
		return { state: 'waiting' as const, networkId: c.networkId, commitmentId: null };
	if (c.expiresAt < iso(ctx.now())) throw new DomainError('expired', 'error_claim_expired');
	const input = parseInput(claimKeepInput, raw);
	return ctx.db.transaction().execute(async (trx) => {
		const tctx = { ...ctx, db: trx };
		if (!(await claims.moveClaim(trx, c.id, ['sent'], { updatedAt: iso(ctx.now()) })))
			throw new DomainError('expired', 'error_claim_used');
		if (await findActiveMemberAccount(trx, c.networkId, actor.userId)) {
			const commitmentId = await makeCommitment(trx, ctx, c, actor.userId);
			return { state: 'claimed' as const, networkId: c.networkId, commitmentId };
		}
		await askToJoin(tctx, actor, c.networkId, {
			acceptsRules: input.acceptRules === 'yes',
			sessionId: c.sessionId
		});
		await claims.updateClaim(trx, c.id, {
			state: 'waiting',
			userId: actor.userId,
			updatedAt: iso(ctx.now())
		});
		return { state: 'waiting' as const, networkId: c.networkId, commitmentId: null };
	});
}

/** A coordinator let the person in: their waiting claims become their commitments. */
export async function fulfilWaitingClaims(ctx: Ctx, userId: string, networkId: string) {
	for (const c of await claims.listWaitingClaims(ctx.db, userId, networkId))
		await makeCommitment(ctx.db, ctx, c, userId);
}

/** Declined, or the person left: what they wrote and did not get to keep is deleted. */
export async function dropWaitingClaims(ctx: Ctx, userId: string, networkId: string) {
	await claims.deleteWaitingClaims(ctx.db, userId, networkId);
}

/** Claims nobody kept in time are deleted (hourly, with the reminders' planning). */
export async function sweepExpiredClaims(ctx: Ctx) {
	return claims.deleteExpiredClaims(ctx.db, iso(ctx.now()));
}
