import { ctx } from '#lib/server/app.ts';
import { getNetwork } from '#lib/server/modules/network/network.service.ts';
import { canDesignSessions } from '#lib/server/modules/session/index.ts';
import type { LayoutServerLoad } from './$types';

/** Every page under a network passes through the member check (non-members get a 404). */
export const load: LayoutServerLoad = async ({ locals, params }) => {
	const { network, regions, membership } = await getNetwork(ctx(), locals.actor, params.networkId);
	return {
		network: { id: network.id, name: network.name, language: network.language },
		regions,
		me: {
			role: membership.role,
			isCoordinator: membership.role === 'coordinator',
			canDesign: canDesignSessions(membership.role)
		},
		rulesOutdated: membership.rulesVersion < network.houseRulesVersion
	};
};
