import { app } from '#lib/server/app.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	user: locals.user ? { name: locals.user.name, email: locals.user.email } : null,
	locale: locals.locale,
	hasOutbox: app().mailer.usesOutbox,
	path: url.pathname + url.search
});
