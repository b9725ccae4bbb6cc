import { error, redirect } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm, ticked, which, withItems } from '#lib/server/forms.ts';
import { startInput } from '#lib/server/modules/locality/locality.schema.ts';
import { startApproach } from '#lib/server/modules/locality/locality.service.ts';
import { localIndex } from '#lib/server/modules/locality/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** The local approaches the member works on, and a new one for those who lead. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { local: await localIndex(ctx(), locals.actor, params.networkId) };
};

export const actions: Actions = {
	start: async ({ request, locals, params }) => {
		const a = locals.actor ?? error(404, m.error_not_found());
		const v = formValues(await request.formData());
		const r = await runForm(withItems(startInput, ['team-'], ['team'])(v), v, async () => ({
			id: await startApproach(ctx(), a, params.networkId, v, ticked(v, 'team-'))
		}));
		if ('id' in r) redirect(303, `/networks/${params.networkId}/local/${r.id}`);
		return which(r, 'start');
	}
};
