import { ctx } from '#lib/server/app.ts';
import { olievlek } from '#lib/server/modules/trajectory/olievlek.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	...(await olievlek(ctx(), locals.actor, params.networkId)),
	groupBy: url.searchParams.get('by') === 'sector' ? ('sector' as const) : ('theme' as const)
});
