import { error, redirect } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm, which } from '#lib/server/forms.ts';
import { stakeholderInput } from '#lib/server/modules/stakeholder/stakeholder.schema.ts';
import { addStakeholder } from '#lib/server/modules/stakeholder/stakeholder.service.ts';
import { mapPage } from '#lib/server/modules/stakeholder/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** The network's stakeholder map: the grid, the same data as a table, and a form to add one. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { map: await mapPage(ctx(), locals.actor, params.networkId) };
};

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		const a = locals.actor ?? error(404, m.error_not_found());
		const v = formValues(await request.formData());
		const r = await runForm(stakeholderInput, v, async () => ({
			id: await addStakeholder(ctx(), a, params.networkId, v)
		}));
		if ('id' in r) redirect(303, `/networks/${params.networkId}/stakeholders?added=${r.id}#map`);
		return which(r, 'add');
	}
};
