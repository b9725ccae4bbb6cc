import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { noFields, runForm } from '#lib/server/forms.ts';
import { acceptHouseRules, getNetwork } from '#lib/server/modules/network/network.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { network, membership } = await getNetwork(ctx(), locals.actor, params.networkId);
	return {
		rules: network.houseRules,
		acceptedAt: membership.rulesAcceptedAt,
		outdated: membership.rulesVersion < network.houseRulesVersion
	};
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const result = await runForm(noFields, {}, () =>
			acceptHouseRules(ctx(), locals.actor!, params.networkId)
		);
		return result ?? { message: m.house_rules_accepted() };
	}
};
