import { ctx } from '#lib/server/app.ts';
import { coachOf } from '#lib/server/modules/trajectory/index.ts';
import { timeline } from '#lib/server/modules/trajectory/coach-overview.service.ts';
import { memberTrajectory } from '#lib/server/modules/trajectory/trajectory.read.ts';
import type { PageServerLoad } from './$types';

/** A member's trajectory as the viewer may see it; their coach also sees the timeline. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	const t = await memberTrajectory(c, locals.actor, params.networkId, params.userId);
	const isCoach = (await coachOf(c, params.networkId, params.userId)) === locals.actor!.userId;
	return {
		...t,
		isCoach,
		events: isCoach ? await timeline(c, locals.actor, params.networkId, params.userId) : []
	};
};
