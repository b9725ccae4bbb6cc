import { redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { networkInput } from '#lib/server/modules/network/network.schema.ts';
import { createNetwork, defaultHouseRules } from '#lib/server/modules/network/network.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.actor) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	return {
		language: locals.locale,
		defaultRules: {
			nl: defaultHouseRules('nl'),
			en: defaultHouseRules('en'),
			fr: defaultHouseRules('fr')
		}
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.actor) redirect(303, '/sign-in');
		const values = formValues(await request.formData());
		const result = await runForm(networkInput, values, () =>
			createNetwork(ctx(), locals.actor!, values)
		);
		if ('id' in result) redirect(303, `/networks/${result.id}?created=1`);
		return result;
	}
};
