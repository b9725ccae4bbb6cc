import { redirect } from '@sveltejs/kit';
import { app } from '#lib/server/app.ts';
import { clientAddress, safeNext, toDomainError } from '#lib/server/auth/auth-errors.ts';
import { emailOnly, signInInput } from '#lib/server/auth/auth.schema.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { parseInput } from '#lib/server/validation.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	return { next, reset: url.searchParams.has('reset') };
};

export const actions: Actions = {
	password: async ({ request, getClientAddress }) => {
		const values = formValues(await request.formData());
		const result = await runForm(signInInput, values, async () => {
			await app().limits.consume('signIn', clientAddress(getClientAddress));
			const input = parseInput(signInInput, values);
			await app()
				.auth.api.signInEmail({ body: input, headers: request.headers })
				.catch(toDomainError);
		});
		if (result) return result;
		redirect(303, safeNext(values.next));
	},
	magic: async ({ request, getClientAddress }) => {
		const values = formValues(await request.formData());
		const result = await runForm(
			emailOnly,
			values,
			async () => {
				await app().limits.consume('magic', clientAddress(getClientAddress));
				const input = parseInput(emailOnly, { email: values.magicEmail });
				await app()
					.auth.api.signInMagicLink({
						body: {
							email: input.email,
							callbackURL: safeNext(values.next),
							errorCallbackURL: '/sign-in?linkError=1'
						},
						headers: request.headers
					})
					.catch(toDomainError);
			},
			// The page has two e-mail fields; this form's is `magicEmail`.
			{ email: 'magicEmail' }
		);
		if (result) return result;
		return { magicSent: true, message: m.magic_link_sent() };
	}
};
