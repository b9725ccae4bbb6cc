import { error } from '@sveltejs/kit';
import { app } from '#lib/server/app.ts';
import { listOutbox } from '#lib/server/mail/mailer.ts';
import { isOutboxOpen } from '#lib/server/mail/outbox-access.ts';
import * as m from '#lib/paraglide/messages.js';
import type { PageServerLoad } from './$types';

/**
 * Only when no SMTP server is configured: the development outbox, so the demo works offline.
 * It answers only requests from the machine itself unless DEV_OUTBOX_PUBLIC=1.
 */
export const load: PageServerLoad = async ({ getClientAddress }) => {
	if (!isOutboxOpen(app().outboxAccess, getClientAddress)) error(404, m.error_not_found());
	const mails = await listOutbox(app().database.db);
	return {
		mails: mails.map(({ id, toAddress, subject, createdAt }) => ({
			id,
			toAddress,
			subject,
			createdAt
		}))
	};
};
