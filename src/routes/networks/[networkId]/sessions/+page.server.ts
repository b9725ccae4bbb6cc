import { ctx } from '#lib/server/app.ts';
import { listSessions } from '#lib/server/modules/session/session.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	sessions: await listSessions(ctx(), locals.actor, params.networkId)
});
