import { createEvent, type DateArray } from 'ics';
import { formatSessionDate, wallClockParts } from '#lib/dates.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actor, Ctx } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { withCalendar } from '../../mail/calendar-mail.ts';
import { renderMail } from '../../mail/render.ts';
import { findActiveMemberAccount, findNetwork } from '../network/index.ts';

/** A talk as a calendar event, and the e-mails that carry it to the member. */

export async function activeMember(ctx: Ctx, networkId: string, userId: string) {
	const row = await findActiveMemberAccount(ctx.db, networkId, userId);
	if (!row) throw new DomainError('invalid', 'error_choose_member', 'memberId');
	return row;
}

export function talkIcs(
	talk: {
		id: string;
		startsAt: string;
		minutes: number;
		place: string;
		sequence: number;
		status: string;
	},
	opts: { title: string; url: string }
): string {
	const { error, value } = createEvent({
		uid: `${talk.id}@olievlek-coaching`,
		sequence: talk.sequence,
		title: opts.title,
		location: talk.place || undefined,
		url: opts.url,
		start: wallClockParts(talk.startsAt) as DateArray,
		startInputType: 'local',
		startOutputType: 'local',
		duration: { minutes: talk.minutes },
		status: talk.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
		productId: 'olievlek/coaching'
	});
	if (error || !value) throw error ?? new Error('calendar event could not be written');
	return value;
}

export /**
 * Mails the member the talk as it now stands, with its calendar file: the invitation, a move
 * (the file replaces the earlier one: same UID, higher SEQUENCE) or a cancellation.
 */
async function mailTalk(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	talk: {
		id: string;
		memberId: string;
		startsAt: string;
		minutes: number;
		place: string;
		sequence: number;
		status: string;
	},
	kind: 'invite' | 'moved' | 'cancelled',
	/** The member has yet to accept this coach: the mail asks, with a link only they can use. */
	acceptToken: string | null = null
) {
	const network = (await findNetwork(ctx.db, networkId))!;
	const locale = network.language;
	const member = await activeMember(ctx, networkId, talk.memberId).catch(() => null);
	if (!member) return;
	const url = `${ctx.publicUrl}/networks/${networkId}/coaching/${talk.id}`;
	const when = formatSessionDate(talk.startsAt, { locale });
	const coach = actor.name;
	const o = { locale };
	const [subject, body] =
		kind === 'invite'
			? [
					m.mail_talk_subject({ coach, when }, o),
					m.mail_talk_body({ coach, network: network.name }, o)
				]
			: kind === 'moved'
				? [m.mail_talk_moved_subject({ coach, when }, o), m.mail_talk_moved_body({ coach }, o)]
				: [
						m.mail_talk_cancelled_subject({ coach, when }, o),
						m.mail_talk_cancelled_body({ coach }, o)
					];
	const { text, html } = renderMail({
		lang: locale,
		heading: subject,
		paragraphs: [
			body,
			m.mail_session_when({ when }, o),
			...(talk.place ? [m.mail_session_where({ where: talk.place }, o)] : []),
			...(kind === 'invite' ? [m.mail_talk_agenda({}, o)] : []),
			...(acceptToken ? [m.mail_coaching_ask({ coach }, o)] : [])
		],
		link: { href: url, label: m.mail_talk_link({}, o) },
		more: acceptToken
			? [
					{
						// Through sign-in, which passes straight on when the member is signed in already.
						href: `${ctx.publicUrl}/sign-in?next=${encodeURIComponent(`/networks/${networkId}/coaching/answer?token=${acceptToken}`)}`,
						label: m.mail_coaching_answer_link({}, o)
					}
				]
			: []
	});
	const mail = { to: member.email, subject, text, html, kind: `talk_${kind}`, networkId };
	const key = `talk-${kind}:${talk.id}:${talk.sequence}`;
	const ics = talkIcs(talk, { title: subject, url });
	await ctx.mailer.send(withCalendar({ ...mail, key }, ics, 'olievlek-gesprek.ics'), ctx.db);
}
