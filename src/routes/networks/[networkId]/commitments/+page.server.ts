import { ctx } from '#lib/server/app.ts';
import { listCommitments, sessionFollowUp } from '#lib/server/modules/commitment/index.ts';
import type { PageServerLoad } from './$types';

/** The network's commitments, as far as the viewer may see them; theirs first. */
export const load: PageServerLoad = async ({ locals, params }) => ({
	commitments: await listCommitments(ctx(), locals.actor, params.networkId),
	followUp: await sessionFollowUp(ctx(), locals.actor, params.networkId)
});
