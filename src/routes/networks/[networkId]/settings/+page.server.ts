import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { networkUpdate } from '#lib/server/modules/network/network.schema.ts';
import { getNetworkSettings, updateNetwork } from '#lib/server/modules/network/network.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { network, regions } = await getNetworkSettings(ctx(), locals.actor, params.networkId);
	return {
		initial: {
			name: network.name,
			purpose: network.purpose,
			coreValue: network.coreValue,
			language: network.language,
			regions: regions.join('\n'),
			houseRules: network.houseRules
		}
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const values = formValues(await request.formData());
		const result = await runForm(networkUpdate, values, () =>
			updateNetwork(ctx(), locals.actor!, params.networkId, values)
		);
		return result ?? { message: m.saved() };
	}
};
