import { app } from '#lib/server/app.ts';
import { isOutboxOpen } from '#lib/server/mail/outbox-access.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url, getClientAddress }) => ({
	user: locals.user ? { name: locals.user.name, email: locals.user.email } : null,
	locale: locals.locale,
	hasOutbox: isOutboxOpen(app().outboxAccess, getClientAddress),
	path: url.pathname + url.search
});
