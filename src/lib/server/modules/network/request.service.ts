import * as m from '#lib/paraglide/messages.js';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { AppLocale } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { renderMail } from '../../mail/render.ts';
import { dropWaitingClaims, fulfilWaitingClaims } from '../commitment/index.ts';
import * as memberships from './membership.repository.ts';
import { isActiveMembership } from './network.policy.ts';
import { requireCoordinator } from './network.read.ts';
import * as repo from './network.repository.ts';
import * as requests from './request.repository.ts';

/** The coordinators' list: who asks to join, since when, from which session. */
export async function listMembershipRequests(ctx: Ctx, actor: Actor, networkId: string) {
	await requireCoordinator(ctx, actor, networkId);
	return requests.listPendingRequests(ctx.db, networkId);
}

/**
 * A coordinator lets the person in (as a participant, with the house rules they accepted when
 * asking) or declines. Letting in makes the commitments they claimed, in the same transaction;
 * declining deletes what they wrote. Either way they get a mail.
 */
export async function decideMembershipRequest(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	requestId: string,
	decision: 'admit' | 'decline'
) {
	await requireCoordinator(ctx, actor, networkId);
	const request = await requests.findRequest(ctx.db, networkId, requestId);
	if (!request) throw notFound();
	const network = await repo.findNetwork(ctx.db, networkId);
	if (!network) throw notFound();
	const now = iso(ctx.now());
	const person = await requests.findAsker(ctx.db, request.userId);
	await ctx.db.transaction().execute(async (trx) => {
		const state = decision === 'admit' ? 'admitted' : 'declined';
		if (!(await requests.decideRequestRow(trx, request.id, state, actor.userId, now)))
			throw new DomainError('conflict', 'error_request_decided');
		const tctx = { ...ctx, db: trx };
		if (decision === 'admit') {
			const existing = await memberships.findMembershipRow(trx, request.userId, networkId);
			const values = {
				role: 'participant' as const,
				organisationId: null,
				status: 'active' as const,
				guestUntil: null,
				rulesAcceptedAt: request.rulesAcceptedAt,
				rulesVersion: request.rulesVersion,
				removedAt: null,
				joinedAt: now
			};
			if (existing && !isActiveMembership(existing, ctx.now()))
				await memberships.updateMembership(trx, existing.id, values);
			else if (!existing)
				await memberships.insertMembership(trx, {
					id: newId(),
					networkId,
					userId: request.userId,
					...values
				});
			await fulfilWaitingClaims(tctx, request.userId, networkId);
		} else {
			await dropWaitingClaims(tctx, request.userId, networkId);
		}
		if (person) {
			const locale = (
				['nl', 'en', 'fr'].includes(person.locale ?? '') ? person.locale : network.language
			) as AppLocale;
			const admitted = decision === 'admit';
			const { text, html } = renderMail({
				lang: locale,
				heading: admitted
					? m.mail_request_admitted_heading({ network: network.name }, { locale })
					: m.mail_request_declined_heading({ network: network.name }, { locale }),
				paragraphs: [
					admitted
						? m.mail_request_admitted_body({}, { locale })
						: m.mail_request_declined_body({}, { locale })
				],
				link: admitted
					? {
							href: `${ctx.publicUrl}/networks/${networkId}/commitments`,
							label: m.mail_request_admitted_link({}, { locale })
						}
					: { href: `${ctx.publicUrl}/`, label: m.mail_request_declined_link({}, { locale }) }
			});
			await ctx.mailer.send(
				{
					to: person.email,
					subject: admitted
						? m.mail_request_admitted_heading({ network: network.name }, { locale })
						: m.mail_request_declined_heading({ network: network.name }, { locale }),
					text,
					html,
					kind: 'membership_request',
					key: `request:${request.id}`,
					networkId
				},
				trx
			);
		}
	});
}
