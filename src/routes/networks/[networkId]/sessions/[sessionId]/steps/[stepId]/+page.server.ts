import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { getStepToEdit, updateStep } from '#lib/server/modules/session/agenda.service.ts';
import { stepInput } from '#lib/server/modules/session/session.schema.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { session, step } = await getStepToEdit(
		ctx(),
		locals.actor,
		params.networkId,
		params.sessionId,
		params.stepId
	);
	return { sessionTitle: session.title, sessionId: session.id, step };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const values = formValues(await request.formData());
		const result = await runForm(stepInput, values, () =>
			updateStep(ctx(), locals.actor!, params.networkId, params.sessionId, params.stepId, values)
		);
		if (result) return result;
		redirect(
			303,
			`/networks/${params.networkId}/sessions/${params.sessionId}?saved=1#step-${params.stepId}`
		);
	}
};
