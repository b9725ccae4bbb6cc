import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { organisationInput } from '#lib/server/modules/network/network.schema.ts';
import {
	addOrganisation,
	listOrganisations
} from '#lib/server/modules/network/organisation.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	organisations: await listOrganisations(ctx(), locals.actor, params.networkId)
});

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const values = formValues(await request.formData());
		const result = await runForm(organisationInput, values, () =>
			addOrganisation(ctx(), locals.actor!, params.networkId, values)
		);
		return 'id' in result ? { message: m.organisation_added({ name: values.name ?? '' }) } : result;
	}
};
