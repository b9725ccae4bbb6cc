import { error } from '@sveltejs/kit';
import { app } from '#lib/server/app.ts';
import { getOutboxMail } from '#lib/server/mail/mailer.ts';
import { isOutboxOpen } from '#lib/server/mail/outbox-access.ts';
import * as m from '#lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	if (!isOutboxOpen(app().outboxAccess, getClientAddress)) error(404, m.error_not_found());
	const mail = await getOutboxMail(app().database.db, params.mailId);
	if (!mail) error(404, m.error_not_found());
	return {
		mail: {
			toAddress: mail.toAddress,
			subject: mail.subject,
			text: mail.text,
			attachments: mail.attachments
				? (JSON.parse(mail.attachments) as { filename: string; content: string }[])
				: [],
			createdAt: mail.createdAt
		}
	};
};
