import { redirect } from '@sveltejs/kit';
import { app } from '#lib/server/app.ts';
import { toDomainError } from '#lib/server/auth/auth-errors.ts';
import { resetInput } from '#lib/server/auth/auth.schema.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { parseInput } from '#lib/server/validation.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	token: url.searchParams.get('token') ?? '',
	invalid: url.searchParams.get('error') === 'INVALID_TOKEN'
});

export const actions: Actions = {
	default: async ({ request }) => {
		const values = formValues(await request.formData());
		const result = await runForm(resetInput, values, async () => {
			const input = parseInput(resetInput, values);
			await app()
				.auth.api.resetPassword({ body: { token: input.token, newPassword: input.password } })
				.catch(toDomainError);
		});
		if (result) return result;
		redirect(303, '/sign-in?reset=1');
	}
};
