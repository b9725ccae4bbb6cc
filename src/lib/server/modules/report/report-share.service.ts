import * as m from '#lib/paraglide/messages.js';
import type { Actor, Ctx } from '../../context.ts';
import { renderMail } from '../../mail/render.ts';
import { findNetwork } from '../network/index.ts';
import { publishReport } from './report-edit.service.ts';
import { exportReport } from './report-export.service.ts';
import * as repo from './report.repository.ts';

/**
 * Sharing the report: it is published to the network's members (who get a link), and the
 * people from the room who left their address on the phone's thank-you screen, and are not
 * members, get the report itself, in the mail and as a Markdown file: they have no account to
 * follow a link with. Sharing again after a correction sends them the new version.
 */
export async function shareReport(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	const published = await publishReport(ctx, actor, networkId, sessionId);
	const room = (await repo.listSubscribers(ctx.db, sessionId)).filter(
		(e) => !published.members.includes(e)
	);
	if (!room.length) return { sent: published.sent, version: published.version };
	const session = { id: sessionId, title: await sessionTitle(ctx, sessionId) };
	const mail = await roomMail(ctx, actor, networkId, session);
	await ctx.db.transaction().execute(async (trx) => {
		for (const email of room) {
			const key = `report-room:${sessionId}:${published.version}:${published.at}:${email}`;
			await ctx.mailer.send(
				{
					to: email,
					subject: mail.subject,
					text: mail.text,
					html: mail.html,
					attachments: mail.attachments,
					kind: 'report_room',
					key,
					networkId
				},
				trx
			);
		}
	});
	return { sent: published.sent + room.length, version: published.version };
}

async function sessionTitle(ctx: Ctx, sessionId: string) {
	return (await repo.findSessionTitleForReport(ctx.db, sessionId)) ?? '';
}

/** The mail for the room: a line on why it came, the report's text, and the file. */
async function roomMail(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	session: { id: string; title: string }
) {
	const network = (await findNetwork(ctx.db, networkId))!;
	const locale = network.language;
	const file = await exportReport(ctx, actor, networkId, session.id, 'md');
	const markdown = new TextDecoder().decode(file.bytes);
	const intro = m.mail_report_subscriber_body(
		{ session: session.title, network: network.name },
		{ locale }
	);
	const { html } = renderMail({
		lang: locale,
		heading: m.mail_report_subject({ title: session.title }, { locale }),
		paragraphs: [
			intro,
			...markdown
				.split(/\n{2,}/)
				.map((p) => p.trim())
				.filter(Boolean)
		]
	});
	return {
		subject: m.mail_report_subject({ title: session.title }, { locale }),
		text: `${intro}\n\n${markdown}`,
		html,
		attachments: [
			{ filename: file.name, contentType: 'text/markdown; charset=utf-8', content: markdown }
		]
	};
}
