import { createEvent, type DateArray } from 'ics';
import { formatSessionDate } from '#lib/dates.ts';
import * as m from '#lib/paraglide/messages.js';
import type { AppLocale } from '../../db/types.ts';
import { withCalendar } from '../../mail/calendar-mail.ts';
import { renderMail } from '../../mail/render.ts';
import type { DueRow } from './reminder.repository.ts';

/** The mails reminders send: one link that opens exactly the form to fill in, in the person's language. */

interface Titles {
	commitment?: string;
	action?: string;
	session?: { title: string; startsAt: string | null };
}

/** A day with its weekday, in the person's language: "maandag 11 januari 2027". */
const dayInWords = (day: string, locale: AppLocale) =>
	formatSessionDate(`${day}T00:00`, { locale });

/** Where the link of a reminder goes: the check-in form, the action, the plan, the commitments. */
export function reminderLink(
	publicUrl: string,
	r: {
		kind: DueRow['kind'];
		networkId: string;
		commitmentId: string | null;
		subjectId: string;
		moment: string | null;
	}
) {
	const base = `${publicUrl}/networks/${r.networkId}/commitments`;
	if (r.kind === 'session' || !r.commitmentId) return base;
	if (r.kind === 'checkin') return `${base}/${r.commitmentId}#checkin-${r.subjectId}-${r.moment}`;
	if (r.kind === 'action') return `${base}/${r.commitmentId}#action-${r.subjectId}`;
	return `${base}/${r.commitmentId}#plan-title`;
}

/** An all-day calendar entry for a check-in, so the day is in the person's calendar too. */
function checkinIcs(uid: string, day: string, title: string, url: string) {
	const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
	const { error, value } = createEvent({
		uid: `${uid}@olievlek-checkin`,
		title,
		url,
		start: [y, mo, d] as DateArray,
		duration: { days: 1 },
		productId: 'olievlek/commitments'
	});
	if (error || !value) throw error ?? new Error('calendar event could not be written');
	return value;
}

export function reminderMail(opts: {
	payload: {
		kind: DueRow['kind'];
		subjectId: string;
		moment: 'start' | 'end' | null;
		day: string;
		networkId: string;
		commitmentId: string | null;
	};
	locale: AppLocale;
	zone: string;
	titles: Titles;
	publicUrl: string;
}) {
	const { payload: p, locale, titles } = opts;
	const o = { locale };
	const date = dayInWords(p.day, locale);
	const title = titles.commitment ?? '';
	const href = reminderLink(opts.publicUrl, p);
	const [subject, body, label] =
		p.kind === 'checkin'
			? p.moment === 'start'
				? [
						m.mail_reminder_checkin_start_subject({ title }, o),
						m.mail_reminder_checkin_start_body({ title, date }, o),
						m.mail_reminder_checkin_link({}, o)
					]
				: [
						m.mail_reminder_checkin_end_subject({ title }, o),
						m.mail_reminder_checkin_end_body({ title, date }, o),
						m.mail_reminder_checkin_link({}, o)
					]
			: p.kind === 'action'
				? [
						m.mail_reminder_action_subject({ date, action: titles.action ?? '' }, o),
						m.mail_reminder_action_body({ title, date, action: titles.action ?? '' }, o),
						m.mail_reminder_action_link({}, o)
					]
				: p.kind === 'hundred_days'
					? [
							m.mail_reminder_hundred_subject({ title }, o),
							m.mail_reminder_hundred_body({ title, date }, o),
							m.mail_reminder_hundred_link({}, o)
						]
					: [
							m.mail_reminder_session_subject({ session: titles.session?.title ?? '', date }, o),
							m.mail_reminder_session_body({ date }, o),
							m.mail_reminder_session_link({}, o)
						];
	const { text, html } = renderMail({
		lang: locale,
		heading: subject,
		paragraphs: [body],
		link: { href, label },
		more: [
			{ href: `${opts.publicUrl}/account/reminders`, label: m.mail_reminder_settings_link({}, o) }
		]
	});
	const mail = { subject, text, html, kind: `reminder_${p.kind}` };
	if (p.kind !== 'checkin') return mail;
	const ics = checkinIcs(`${p.subjectId}-${p.moment}`, p.day, subject, href);
	return withCalendar({ ...mail, to: '' }, ics, 'olievlek-check-in.ics');
}

export function digestMail(opts: {
	day: string;
	locale: AppLocale;
	groups: {
		networkId: string;
		network: string;
		items: { row: DueRow; titles: Titles }[];
	}[];
	publicUrl: string;
}) {
	const o = { locale: opts.locale };
	const line = (r: DueRow, t: Titles) => {
		const date = dayInWords(r.day, opts.locale);
		const title = t.commitment ?? '';
		if (r.kind === 'checkin')
			return r.moment === 'start'
				? m.mail_reminder_line_checkin_start({ date, title }, o)
				: m.mail_reminder_line_checkin_end({ date, title }, o);
		if (r.kind === 'action')
			return m.mail_reminder_line_action({ date, title, action: t.action ?? '' }, o);
		if (r.kind === 'hundred_days') return m.mail_reminder_line_hundred({ date, title }, o);
		return m.mail_reminder_line_session({ date, session: t.session?.title ?? '' }, o);
	};
	const subject = m.mail_reminder_digest_subject({ date: dayInWords(opts.day, opts.locale) }, o);
	const paragraphs = opts.groups.flatMap((g) => [
		m.mail_reminder_digest_body({ network: g.network }, o),
		g.items
			.slice()
			.sort((a, b) => a.row.day.localeCompare(b.row.day))
			.map((i) => `• ${line(i.row, i.titles)}`)
			.join('\n')
	]);
	const [first, ...rest] = opts.groups;
	const link = (g: { networkId: string; network: string }) => ({
		href: `${opts.publicUrl}/networks/${g.networkId}/commitments`,
		label:
			opts.groups.length > 1
				? `${m.mail_reminder_digest_link({}, o)} (${g.network})`
				: m.mail_reminder_digest_link({}, o)
	});
	const { text, html } = renderMail({
		lang: opts.locale,
		heading: subject,
		paragraphs,
		link: link(first!),
		more: [
			...rest.map(link),
			{ href: `${opts.publicUrl}/account/reminders`, label: m.mail_reminder_settings_link({}, o) }
		]
	});
	return { subject, text, html, kind: 'reminder_digest' };
}
