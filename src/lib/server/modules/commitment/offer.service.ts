import * as m from '#lib/paraglide/messages.js';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { AppLocale } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { renderMail } from '../../mail/render.ts';
import { parseInput } from '../../validation.ts';
import { viewer } from '../trajectory/index.ts';
import { openCommitment } from './commitment.read.ts';
import { isKeeper, requireHelpable, requireKeeper } from './commitment.policy.ts';
import * as repo from './commitment.repository.ts';
import { offerAnswerInput, offerInput } from './commitment.schema.ts';
import * as offers from './offer.repository.ts';

/**
 * Needs others can meet: the needs of commitments shared with the network stand on a board where
 * any member offers help ("I can help", with a note); the owners hear of it by mail and accept
 * (the helper then hears back with the owner's address) or thank (no need now).
 */

const OPEN = ['proposed', 'active'];
const localeOf = (l: string | null | undefined): AppLocale => (l === 'en' || l === 'fr' ? l : 'nl');

/** The board: every open commitment shared with the network that names a need. */
export async function listNeeds(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	const rows = (await repo.listCommitmentsOfNetwork(ctx.db, networkId)).filter(
		(r) => r.visibility === 'network' && r.needs.trim() !== '' && OPEN.includes(r.state)
	);
	const coOwners = await repo.listCoOwners(
		ctx.db,
		rows.map((r) => r.id)
	);
	const mine = (
		await offers.listOffers(
			ctx.db,
			rows.map((r) => r.id)
		)
	).filter((o) => o.userId === v.userId);
	return rows.map((r) => {
		const facts = {
			...r,
			coOwnerIds: coOwners.filter((o) => o.commitmentId === r.id).map((o) => o.userId)
		};
		return {
			id: r.id,
			title: r.title,
			needs: r.needs,
			ownerName: r.ownerName,
			coOwnerNames: coOwners.filter((o) => o.commitmentId === r.id).map((o) => o.name),
			isMine: isKeeper(v, facts),
			myOffer: mine.find((o) => o.commitmentId === r.id) ?? null
		};
	});
}

/** "I can help": the owners get a mail with the note; offering again changes the note. */
export async function offerHelp(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	raw: unknown
) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	requireHelpable(v, c);
	if (!OPEN.includes(c.state)) throw notFound();
	const { note } = parseInput(offerInput, raw);
	const keepers = await offers.listPeople(ctx.db, [c.userId, ...c.coOwnerIds]);
	const at = iso(ctx.now());
	const url = `${ctx.publicUrl}/networks/${networkId}/commitments/${c.id}#offers-title`;
	await ctx.db.transaction().execute(async (trx) => {
		const { id } = await offers.upsertOffer(trx, {
			id: newId(),
			commitmentId: c.id,
			userId: v.userId,
			note,
			createdAt: at
		});
		for (const k of keepers) {
			const o = { locale: localeOf(k.locale) };
			const subject = m.mail_offer_subject({ name: actor.name, title: c.title }, o);
			const { text, html } = renderMail({
				lang: o.locale,
				heading: subject,
				paragraphs: [m.mail_offer_body({ name: actor.name, title: c.title }, o), note],
				link: { href: url, label: m.mail_offer_link({}, o) }
			});
			await ctx.mailer.send(
				{
					to: k.email,
					subject,
					text,
					html,
					kind: 'offer',
					key: `offer:${id}:${at}:${k.id}`,
					networkId
				},
				trx
			);
		}
	});
}

/** The owners' answer: accepting tells the helper, with the owner's address to get in touch. */
export async function answerOffer(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	raw: unknown
) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	requireKeeper(v, c);
	const input = parseInput(offerAnswerInput, raw);
	const offer = await offers.findOffer(ctx.db, c.id, input.offerId);
	if (!offer) throw notFound();
	if (offer.state !== 'offered') throw new DomainError('conflict', 'error_offer_answered');
	const [helper] = await offers.listPeople(ctx.db, [offer.userId]);
	const at = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await offers.answerOfferRow(
			trx,
			offer.id,
			input.answer === 'accept' ? 'accepted' : 'thanked',
			at
		);
		if (!helper) return;
		const o = { locale: localeOf(helper.locale) };
		const subject =
			input.answer === 'accept'
				? m.mail_offer_accepted_subject({ name: actor.name }, o)
				: m.mail_offer_thanked_subject({ name: actor.name }, o);
		const { text, html } = renderMail({
			lang: o.locale,
			heading: subject,
			paragraphs: [
				input.answer === 'accept'
					? m.mail_offer_accepted_body({ name: actor.name, title: c.title, email: actor.email }, o)
					: m.mail_offer_thanked_body({ name: actor.name, title: c.title }, o)
			],
			link: {
				href: `${ctx.publicUrl}/networks/${networkId}/commitments/needs`,
				label: m.mail_offer_board_link({}, o)
			}
		});
		await ctx.mailer.send(
			{
				to: helper.email,
				subject,
				text,
				html,
				kind: `offer_${input.answer}`,
				key: `offer-answer:${offer.id}:${at}`,
				networkId
			},
			trx
		);
	});
}

/**
 * The offers on a commitment: its keepers see every offer (and the helper's address once they
 * accepted it); someone who offered sees their own; anyone else sees none.
 */
export async function offersOn(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	commitmentId: string
) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	const all = await offers.listOffers(ctx.db, [c.id]);
	const keeper = isKeeper(v, c);
	return all
		.filter((o) => keeper || o.userId === v.userId)
		.map((o) => ({
			id: o.id,
			name: o.name,
			note: o.note,
			state: o.state,
			createdAt: o.createdAt,
			email: keeper && o.state === 'accepted' ? o.email : null,
			isMine: o.userId === v.userId
		}));
}
