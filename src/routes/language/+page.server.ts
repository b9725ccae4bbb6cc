import { redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { saveLanguage } from '#lib/server/auth/account.service.ts';
import { safeNext } from '#lib/server/auth/auth-errors.ts';
import { isAppLocale, LOCALE_COOKIE } from '#lib/server/i18n/locale.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

/** Sets the language; a signed-in person's choice is saved with their account. */
export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const data = await request.formData();
		const locale = String(data.get('locale') ?? '');
		const returnTo = safeNext(String(data.get('returnTo') ?? '/'));
		if (isAppLocale(locale)) {
			cookies.set(LOCALE_COOKIE, locale, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				maxAge: 60 * 60 * 24 * 400
			});
			if (locals.user) await saveLanguage(ctx(), locals.user.id, locale);
		}
		redirect(303, returnTo);
	}
};
