import { ctx } from '#lib/server/app.ts';
import { getNetworkHome } from '#lib/server/modules/network/network.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const home = await getNetworkHome(ctx(), locals.actor, params.networkId);
	return {
		home: {
			purpose: home.network.purpose,
			coreValue: home.network.coreValue,
			houseRules: home.network.houseRules,
			members: home.members.slice(0, 12).map((r) => ({
				id: r.id,
				name: r.name,
				role: r.role,
				organisationName: r.organisationName
			})),
			memberCount: home.members.length,
			organisations: home.organisations.map((o) => ({ id: o.id, name: o.name, sector: o.sector })),
			pendingInvitations: home.pendingInvitations
		}
	};
};
