import { app } from '#lib/server/app.ts';
import { previewEmailUndo, undoEmailChange } from '#lib/server/auth/email-undo.service.ts';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

const store = () => ({ db: app().database.authDb, dialect: app().database.dialect });

// Opening the link only asks; mail scanners that follow links change nothing.
export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token') ?? '';
	return { token, change: await previewEmailUndo(store(), token, new Date()) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = formValues(await request.formData());
		const result = await runForm(noFields, values, () =>
			undoEmailChange(store(), values.token ?? '', new Date())
		);
		if ('email' in result) {
			// Every session has ended, this one too: render the page signed out.
			locals.user = null;
			locals.actor = null;
			return { done: true, message: m.undo_email_done({ email: result.email }) };
		}
		return result;
	}
};
