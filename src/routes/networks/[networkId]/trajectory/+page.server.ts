import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm, which } from '#lib/server/forms.ts';
import {
	canvasInput,
	goalInput,
	intentInput
} from '#lib/server/modules/trajectory/trajectory.schema.ts';
import { createCanvas } from '#lib/server/modules/trajectory/canvas.service.ts';
import { myTalks, timeline } from '#lib/server/modules/trajectory/coach-overview.service.ts';
import { myCoaching } from '#lib/server/modules/trajectory/coaching-relation.service.ts';
import { saveGoal, saveIntent } from '#lib/server/modules/trajectory/trajectory.service.ts';
import { myTrajectory } from '#lib/server/modules/trajectory/trajectory.read.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** My trajectory: creative intent, diamond goal and its history, canvases, talks, timeline. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	const t = await myTrajectory(c, locals.actor, params.networkId);
	const [talks, events, coaching] = await Promise.all([
		myTalks(c, locals.actor, params.networkId),
		timeline(c, locals.actor, params.networkId, locals.actor!.userId),
		myCoaching(c, locals.actor, params.networkId)
	]);
	return {
		...t,
		talks: talks.filter((x) => x.memberId === locals.actor!.userId),
		events,
		// A coach waiting for the member's yes: asked here too, answered on the coaching page.
		proposedCoach: coaching?.state === 'proposed' ? coaching.coachName : null
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	intent: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(intentInput, values, () =>
			saveIntent(ctx(), actor(locals), params.networkId, values).then(() => ({
				message: m.intent_saved()
			}))
		);
		return which(r, 'intent');
	},
	goal: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(goalInput, values, () =>
			saveGoal(ctx(), actor(locals), params.networkId, values).then(() => ({
				message: m.goal_saved()
			}))
		);
		return which(r, 'goal');
	},
	canvas: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(
			canvasInput,
			values,
			() =>
				createCanvas(ctx(), actor(locals), params.networkId, {
					title: values.canvasTitle,
					visibility: values.visibility
				}),
			{ title: 'canvasTitle' }
		);
		if ('id' in r) redirect(303, `/networks/${params.networkId}/trajectory/canvases/${r.id}`);
		return which(r, 'canvas');
	}
};
