import { formatSessionDate } from '#lib/dates.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actor, Ctx } from '../../context.ts';
import type { AppLocale } from '../../db/types.ts';
import { DomainError } from '../../errors.ts';
import { withCalendar } from '../../mail/calendar-mail.ts';
import { renderMail } from '../../mail/render.ts';
import { findNetwork, findOrganisation, listActiveMemberEmails } from '../network/index.ts';
import { sessionToIcs } from './calendar.ts';
import { findSessionInNetwork, requireSessionDesigner } from './session.read.ts';
import { updateSessionRow } from './session.repository.ts';

/**
 * Mails every active member of the network the session, with its calendar file attached. Sent
 * again (as a change) by `updateSession` when the date, time or place moves after an invitation.
 */
export async function mailSessionToMembers(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	kind: 'invite' | 'update' = 'invite'
) {
	await requireSessionDesigner(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	if (!session.startsAt) throw new DomainError('conflict', 'session_no_date');
	const network = (await findNetwork(ctx.db, networkId))!;
	const host = session.hostOrganisationId
		? await findOrganisation(ctx.db, networkId, session.hostOrganisationId)
		: undefined;
	const url = `${ctx.publicUrl}/networks/${networkId}/sessions/${sessionId}`;
	const ics = sessionToIcs(session, {
		networkName: network.name,
		host: host?.name ?? '',
		url,
		description: [session.theme, session.objectives].filter(Boolean).join('\n\n')
	})!;
	const members = await listActiveMemberEmails(ctx.db, networkId);
	const locale: AppLocale = network.language;
	const when = formatSessionDate(session.startsAt, { locale });
	const where = [session.place, host?.name].filter(Boolean).join(', ');
	const title = session.title;
	const subject =
		kind === 'invite'
			? m.mail_session_invite_subject({ title, when }, { locale })
			: m.mail_session_update_subject({ title, when }, { locale });
	const { text, html } = renderMail({
		lang: locale,
		heading: subject,
		paragraphs: [
			kind === 'invite'
				? m.mail_session_invite_body({ network: network.name, title }, { locale })
				: m.mail_session_update_body({ network: network.name, title }, { locale }),
			m.mail_session_when({ when }, { locale }),
			...(where ? [m.mail_session_where({ where }, { locale })] : []),
			...(session.theme ? [session.theme] : []),
			m.mail_session_calendar({}, { locale })
		],
		link: { href: url, label: m.mail_session_link({}, { locale }) }
	});
	const sendId = crypto.randomUUID();
	await ctx.db.transaction().execute(async (trx) => {
		for (const member of members) {
			const mail = { to: member.email, subject, text, html, kind: `session_${kind}`, networkId };
			const key = `session-${kind}:${sessionId}:${sendId}:${member.email}`;
			await ctx.mailer.send(withCalendar({ ...mail, key }, ics, 'olievlek-sessie.ics'), trx);
		}
		await updateSessionRow(trx, sessionId, { invitedSequence: session.calendarSequence });
	});
	return { sent: members.length };
}
