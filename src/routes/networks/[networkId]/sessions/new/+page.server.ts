import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { runForm } from '#lib/server/forms.ts';
import { requireSessionDesigner } from '#lib/server/modules/session/index.ts';
import { createSession } from '#lib/server/modules/session/session.service.ts';
import { sessionInput } from '#lib/server/modules/session/session.schema.ts';
import * as m from '#lib/paraglide/messages.js';
import { sessionFormOptions, sessionValues } from '../session-form.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const me = await requireSessionDesigner(ctx(), locals.actor, params.networkId);
	return { ...(await sessionFormOptions(locals.actor, params.networkId)), myMembershipId: me.id };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const { values, input } = sessionValues(await request.formData());
		const result = await runForm(sessionInput, values, () =>
			createSession(ctx(), locals.actor!, params.networkId, input)
		);
		if ('id' in result)
			redirect(303, `/networks/${params.networkId}/sessions/${result.id}?created=1`);
		return result;
	}
};
