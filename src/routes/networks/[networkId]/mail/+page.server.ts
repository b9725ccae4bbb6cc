import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import { listUndelivered, resendMail } from '#lib/server/mail/undelivered.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	listUndelivered(ctx(), locals.actor, params.networkId);

export const actions: Actions = {
	resend: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const values = formValues(await request.formData());
		const result = await runForm(noFields, values, () =>
			resendMail(ctx(), locals.actor!, params.networkId, values.jobId ?? '')
		);
		return result ?? { message: m.mail_resent() };
	}
};
