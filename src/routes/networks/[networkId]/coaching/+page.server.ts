import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm, which } from '#lib/server/forms.ts';
import {
	coachingAnswerInput,
	coachingEndInput,
	talkInput
} from '#lib/server/modules/trajectory/trajectory.schema.ts';
import { canCoach, scheduleTalk } from '#lib/server/modules/trajectory/coaching.service.ts';
import {
	answerCoaching,
	endCoaching,
	myCoaching
} from '#lib/server/modules/trajectory/coaching-relation.service.ts';
import {
	coachableMembers,
	coachOverview,
	myTalks,
	QUIET_DAYS,
	STILL_DAYS
} from '#lib/server/modules/trajectory/coach-overview.service.ts';
import { commitmentsOfCoachees } from '#lib/server/modules/commitment/index.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * Coaching: for a coach the overview and planning; for everyone their own coach (to say yes or
 * no to a proposal, or to end it) and their talks.
 */
export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
	const c = ctx();
	const { me } = await parent();
	const [talks, mine] = await Promise.all([
		myTalks(c, locals.actor, params.networkId),
		myCoaching(c, locals.actor, params.networkId)
	]);
	const userId = locals.actor!.userId;
	const answered = url.searchParams.get('answer');
	const answer = answered === 'accepted' || answered === 'declined' ? answered : null;
	if (!canCoach(me.role)) return { coach: false as const, talks, userId, mine, answer };
	const [overview, members, commitments] = await Promise.all([
		coachOverview(c, locals.actor, params.networkId),
		coachableMembers(c, locals.actor, params.networkId),
		commitmentsOfCoachees(c, locals.actor, params.networkId)
	]);
	return {
		coach: true as const,
		talks,
		userId,
		mine,
		answer,
		overview,
		members,
		commitments,
		quietDays: QUIET_DAYS,
		stillDays: STILL_DAYS
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	answer: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(coachingAnswerInput, values, () =>
			answerCoaching(ctx(), actor(locals), params.networkId, values)
		);
		if ('state' in r) redirect(303, `/networks/${params.networkId}/coaching?answer=${r.state}`);
		return which(r, 'mine');
	},
	end: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(coachingEndInput, values, () =>
			endCoaching(ctx(), actor(locals), params.networkId, values).then(() => ({
				message: m.coaching_ended()
			}))
		);
		return which(r, 'mine');
	},
	schedule: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const values = formValues(await request.formData());
		const r = await runForm(talkInput, values, () =>
			scheduleTalk(ctx(), locals.actor!, params.networkId, values)
		);
		if ('id' in r) redirect(303, `/networks/${params.networkId}/coaching/${r.id}?planned=1`);
		return r;
	}
};
