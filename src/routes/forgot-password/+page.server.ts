import { app } from '#lib/server/app.ts';
import { clientAddress, toDomainError } from '#lib/server/auth/auth-errors.ts';
import { emailOnly } from '#lib/server/auth/auth.schema.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { parseInput } from '#lib/server/validation.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, getClientAddress }) => {
		const values = formValues(await request.formData());
		const result = await runForm(emailOnly, values, async () => {
			await app().limits.consume('reset', clientAddress(getClientAddress));
			const input = parseInput(emailOnly, values);
			// The same answer whether or not the address has an account.
			await app()
				.auth.api.requestPasswordReset({
					body: { email: input.email, redirectTo: '/reset-password' },
					headers: request.headers
				})
				.catch(toDomainError);
		});
		if (result) return result;
		return { message: m.reset_sent() };
	}
};
