import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { addWorkForm, listWorkForms } from '#lib/server/modules/session/work-form.service.ts';
import { workFormInput } from '#lib/server/modules/session/session.schema.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	workForms: await listWorkForms(ctx(), locals.actor, params.networkId)
});

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const values = formValues(await request.formData());
		const result = await runForm(workFormInput, values, () =>
			addWorkForm(ctx(), locals.actor!, params.networkId, values)
		);
		return 'id' in result ? { message: m.work_form_added({ name: values.name ?? '' }) } : result;
	}
};
