import { ctx } from '#lib/server/app.ts';
import { listMyNetworks } from '#lib/server/modules/network/network.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	networks: locals.actor ? await listMyNetworks(ctx(), locals.actor) : []
});
