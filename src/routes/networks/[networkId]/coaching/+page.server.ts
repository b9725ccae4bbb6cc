import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { canCoach, scheduleTalk } from '#lib/server/modules/trajectory/coaching.service.ts';
import {
	coachableMembers,
	coachOverview,
	myTalks,
	QUIET_DAYS,
	STILL_DAYS
} from '#lib/server/modules/trajectory/coach-overview.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** Coaching: for a coach the overview and planning; for a member, their talks. */
export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const c = ctx();
	const { me } = await parent();
	const talks = await myTalks(c, locals.actor, params.networkId);
	const userId = locals.actor!.userId;
	if (!canCoach(me.role)) return { coach: false as const, talks, userId };
	const [overview, members] = await Promise.all([
		coachOverview(c, locals.actor, params.networkId),
		coachableMembers(c, locals.actor, params.networkId)
	]);
	return {
		coach: true as const,
		talks,
		userId,
		overview,
		members,
		quietDays: QUIET_DAYS,
		stillDays: STILL_DAYS
	};
};

export const actions: Actions = {
	schedule: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const values = formValues(await request.formData());
		const r = await runForm(values, () =>
			scheduleTalk(ctx(), locals.actor!, params.networkId, values)
		);
		if ('id' in r) redirect(303, `/networks/${params.networkId}/coaching/${r.id}?planned=1`);
		return r;
	}
};
