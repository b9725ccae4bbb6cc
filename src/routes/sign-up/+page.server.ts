import { redirect } from '@sveltejs/kit';
import { app } from '#lib/server/app.ts';
import { clientAddress, safeNext, toDomainError } from '#lib/server/auth/auth-errors.ts';
import { signUpInput } from '#lib/server/auth/auth.schema.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { parseInput } from '#lib/server/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		next: safeNext(url.searchParams.get('next')),
		email: url.searchParams.get('email') ?? ''
	};
};

export const actions: Actions = {
	default: async ({ request, url, locals, getClientAddress }) => {
		const values = formValues(await request.formData());
		const result = await runForm(signUpInput, values, async () => {
			await app().limits.consume('signUp', clientAddress(getClientAddress));
			const input = parseInput(signUpInput, values);
			await app()
				.auth.api.signUpEmail({
					body: { ...input, locale: locals.locale },
					headers: request.headers
				})
				.catch(toDomainError);
		});
		if (result) return result;
		redirect(303, safeNext(values.next ?? url.searchParams.get('next')));
	}
};
