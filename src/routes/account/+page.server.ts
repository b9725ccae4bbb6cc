import { redirect } from '@sveltejs/kit';
import { app } from '#lib/server/app.ts';
import { hasPassword, saveAccount } from '#lib/server/auth/account.service.ts';
import { clientAddress } from '#lib/server/auth/auth-errors.ts';
import { accountInput } from '#lib/server/auth/auth.schema.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { LOCALE_COOKIE } from '#lib/server/i18n/locale.ts';
import { parseInput } from '#lib/server/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, request }) => {
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	return {
		account: {
			name: locals.user.name,
			email: locals.user.email,
			locale: locals.user.locale ?? locals.locale
		},
		// Someone who signs in only by e-mailed link has no password to confirm a change with.
		hasPassword: await hasPassword(app().auth, request.headers)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, getClientAddress }) => {
		if (!locals.user) redirect(303, '/sign-in');
		const values = formValues(await request.formData());
		let emailPending = false;
		const result = await runForm(accountInput, values, async () => {
			const input = parseInput(accountInput, values);
			// Guessing the password through this form counts as guessing it at sign-in.
			if (input.currentPassword)
				await app().limits.consume('signIn', clientAddress(getClientAddress));
			({ emailPending } = await saveAccount(app().auth, request.headers, locals.user!, input));
			cookies.set(LOCALE_COOKIE, input.locale, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				maxAge: 60 * 60 * 24 * 400
			});
		});
		if (result) return result;
		redirect(303, `/account?saved=${emailPending ? 'email' : '1'}`);
	}
};
