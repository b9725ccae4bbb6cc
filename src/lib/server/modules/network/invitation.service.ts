import { createHash, randomBytes } from 'node:crypto';
import { addDays, endOfDay } from '#lib/dates.ts';
import * as m from '#lib/paraglide/messages.js';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { AppLocale } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { renderMail } from '../../mail/render.ts';
import { parseInput } from '../../validation.ts';
import * as invitations from './invitation.repository.ts';
import * as memberships from './membership.repository.ts';
import { isActiveMembership } from './network.policy.ts';
import { requireCoordinator } from './network.read.ts';
import * as repo from './network.repository.ts';
import { invitationInput } from './network.schema.ts';
import { roleLabel } from '#lib/roles.ts';

const VALID_DAYS = 14;
const GUEST_DEFAULT_DAYS = 30;
/** Invitation mails (first or again) a network may send in 24 hours, unless Ctx says otherwise. */
export const INVITES_PER_DAY = 50;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

function guestUntilFor(role: string, date: string | null, now: Date): string | null {
	if (role !== 'boundary_spanner') return null;
	// A guest "until 1 December" is one until that day ends where the network is.
	if (date) return endOfDay(date);
	return iso(addDays(now, GUEST_DEFAULT_DAYS));
}

/** A coordinator invites a person by e-mail; the mail goes out after the row is committed. */
export async function inviteMember(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await requireCoordinator(ctx, actor, networkId);
	const input = parseInput(invitationInput, raw);
	const now = ctx.now();
	if (
		input.organisationId &&
		!(await repo.findOrganisation(ctx.db, networkId, input.organisationId))
	) {
		throw new DomainError('invalid', 'error_organisation', 'organisationId');
	}
	const guestUntil = guestUntilFor(input.role, input.guestUntil, now);
	if (guestUntil && guestUntil < iso(now))
		throw new DomainError('invalid', 'error_date_past', 'guestUntil');

	const token = newToken();
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await requireSendAllowance(trx, ctx, networkId, now, 'email');
		if ((await memberships.findMembershipStatusByEmail(trx, networkId, input.email)) === 'active')
			throw new DomainError('conflict', 'error_already_member', 'email');
		if (await invitations.findPendingInvitationByEmail(trx, networkId, input.email))
			throw new DomainError('conflict', 'error_already_invited', 'email');
		await invitations.insertInvitation(trx, {
			id,
			networkId,
			email: input.email,
			role: input.role,
			organisationId: input.organisationId,
			guestUntil,
			tokenHash: hashToken(token),
			status: 'pending',
			invitedBy: actor.userId,
			createdAt: iso(now),
			sentAt: iso(now),
			expiresAt: iso(addDays(now, VALID_DAYS)),
			acceptedAt: null,
			acceptedBy: null
		});
		await repo.recordInvitationSend(trx, { networkId, invitationId: id, sentAt: iso(now) });
		await sendInvitationMail(
			{ ...ctx, db: trx },
			actor,
			networkId,
			input.email,
			input.role,
			token,
			id
		);
	});
	return { id, token };
}

/**
 * A network sends at most `ctx.invitesPerDay` invitation mails in 24 hours: a new account cannot
 * turn the invitation form into a way of mailing strangers. Counted from the database under
 * the network's lock, so the limit holds across instances, restarts and simultaneous posts.
 */
async function requireSendAllowance(
	db: Ctx['db'],
	ctx: Ctx,
	networkId: string,
	now: Date,
	field?: string
) {
	const limit = ctx.invitesPerDay ?? INVITES_PER_DAY;
	await repo.lockNetwork(db, networkId);
	const sent = await repo.countInvitationSendsSince(db, networkId, iso(addDays(now, -1)));
	if (sent >= limit) {
		throw Object.assign(new DomainError('rate_limited', 'error_invitations_per_day', field), {
			count: limit
		});
	}
}

async function sendInvitationMail(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	email: string,
	role: string,
	token: string,
	invitationId: string
) {
	const network = await repo.findNetwork(ctx.db, networkId);
	if (!network) throw notFound();
	const locale: AppLocale = network.language;
	const link = `${ctx.publicUrl}/invitations/${token}`;
	const { text, html } = renderMail({
		lang: locale,
		heading: m.mail_invite_heading({ network: network.name }, { locale }),
		paragraphs: [
			m.mail_invite_body(
				{ inviter: actor.name, network: network.name, role: roleLabel(role, locale) },
				{ locale }
			),
			network.purpose,
			m.mail_invite_expiry({ days: VALID_DAYS }, { locale })
		],
		link: { href: link, label: m.mail_invite_link({}, { locale }) }
	});
	await ctx.mailer.send(
		{
			to: email,
			subject: m.mail_invite_subject({ network: network.name }, { locale }),
			text,
			html,
			kind: 'invitation',
			// One mail per send: each send has its own link (token).
			key: `invite:${invitationId}:${hashToken(token).slice(0, 16)}`,
			networkId
		},
		ctx.db
	);
}

async function findPendingInvitation(ctx: Ctx, networkId: string, invitationId: string) {
	const inv = await invitations.findInvitation(ctx.db, networkId, invitationId);
	if (!inv) throw notFound();
	if (inv.status !== 'pending') throw new DomainError('conflict', 'error_invitation_not_pending');
	return inv;
}

/** A new link replaces the old one, which stops working. */
export async function resendInvitation(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	invitationId: string
) {
	await requireCoordinator(ctx, actor, networkId);
	const inv = await findPendingInvitation(ctx, networkId, invitationId);
	const token = newToken();
	const now = ctx.now();
	await ctx.db.transaction().execute(async (trx) => {
		await requireSendAllowance(trx, ctx, networkId, now);
		await invitations.updateInvitation(trx, inv.id, {
			tokenHash: hashToken(token),
			sentAt: iso(now),
			expiresAt: iso(addDays(now, VALID_DAYS))
		});
		await repo.recordInvitationSend(trx, { networkId, invitationId: inv.id, sentAt: iso(now) });
		await sendInvitationMail(
			{ ...ctx, db: trx },
			actor,
			networkId,
			inv.email,
			inv.role,
			token,
			inv.id
		);
	});
	return { token };
}

export async function revokeInvitation(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	invitationId: string
) {
	await requireCoordinator(ctx, actor, networkId);
	const inv = await findPendingInvitation(ctx, networkId, invitationId);
	await invitations.updateInvitation(ctx.db, inv.id, { status: 'revoked' });
}

/** What the invitation page shows before anyone has signed in: the network and its house rules. */
export async function viewInvitation(ctx: Ctx, token: string) {
	const inv = await invitations.findInvitationByTokenHash(ctx.db, hashToken(token));
	if (!inv) throw new DomainError('not_found', 'error_invitation_unknown');
	if (inv.status === 'accepted') throw new DomainError('expired', 'error_invitation_used');
	if (inv.status === 'revoked') throw new DomainError('expired', 'error_invitation_revoked');
	if (inv.expiresAt < iso(ctx.now())) throw new DomainError('expired', 'error_invitation_expired');
	const network = await repo.findNetwork(ctx.db, inv.networkId);
	if (!network) throw new DomainError('not_found', 'error_invitation_unknown');
	return {
		invitation: { email: inv.email, role: inv.role, expiresAt: inv.expiresAt },
		network: {
			id: network.id,
			name: network.name,
			purpose: network.purpose,
			coreValue: network.coreValue,
			houseRules: network.houseRules,
			language: network.language
		},
		_row: inv,
		_rulesVersion: network.houseRulesVersion
	};
}

/** Accepting records the house-rules acceptance with its time and makes the person a member. */
export async function acceptInvitation(
	ctx: Ctx,
	actor: Actor,
	token: string,
	acceptsRules: boolean
) {
	const view = await viewInvitation(ctx, token);
	const inv = view._row;
	if (inv.email !== actor.email.toLowerCase()) {
		throw new DomainError('forbidden', 'error_invitation_other_email');
	}
	if (!acceptsRules) throw new DomainError('invalid', 'error_accept_rules', 'acceptRules');
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		// Guard against a double submit: only a still-pending row can be accepted.
		if (!(await invitations.claimInvitation(trx, inv.id, now, actor.userId)))
			throw new DomainError('expired', 'error_invitation_used');
		const existing = await memberships.findMembershipRow(trx, actor.userId, inv.networkId);
		const values = {
			role: inv.role,
			organisationId: inv.organisationId,
			status: 'active' as const,
			guestUntil: inv.guestUntil,
			rulesAcceptedAt: now,
			rulesVersion: view._rulesVersion,
			removedAt: null
		};
		if (existing && isActiveMembership(existing, ctx.now())) return;
		if (existing) {
			await memberships.updateMembership(trx, existing.id, { ...values, joinedAt: now });
		} else {
			await memberships.insertMembership(trx, {
				id: newId(),
				networkId: inv.networkId,
				userId: actor.userId,
				joinedAt: now,
				...values
			});
		}
	});
	return { networkId: inv.networkId };
}

export async function listInvitations(ctx: Ctx, actor: Actor, networkId: string) {
	await requireCoordinator(ctx, actor, networkId);
	return repo.listPendingInvitations(ctx.db, networkId);
}
