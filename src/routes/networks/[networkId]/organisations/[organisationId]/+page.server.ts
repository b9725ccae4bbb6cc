import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import { organisationInput } from '#lib/server/modules/network/network.schema.ts';
import {
	getOrganisationToEdit,
	removeOrganisation,
	updateOrganisation
} from '#lib/server/modules/network/organisation.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const org = await getOrganisationToEdit(
		ctx(),
		locals.actor,
		params.networkId,
		params.organisationId
	);
	return {
		organisation: {
			id: org.id,
			name: org.name,
			sector: org.sector,
			region: org.region,
			website: org.website
		}
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(organisationInput, values, () =>
			updateOrganisation(ctx(), actor(locals), params.networkId, params.organisationId, values)
		);
		return result ?? { message: m.saved() };
	},
	remove: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, () =>
			removeOrganisation(ctx(), actor(locals), params.networkId, params.organisationId)
		);
		if (result) return result;
		redirect(303, `/networks/${params.networkId}/organisations`);
	}
};
