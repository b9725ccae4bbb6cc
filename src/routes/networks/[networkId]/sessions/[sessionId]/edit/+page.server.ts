import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { runForm } from '#lib/server/forms.ts';
import { requireSessionDesigner } from '#lib/server/modules/session/index.ts';
import { getSession, updateSession } from '#lib/server/modules/session/session.service.ts';
import { sessionInput } from '#lib/server/modules/session/session.schema.ts';
import * as m from '#lib/paraglide/messages.js';
import { splitWallClock } from '#lib/dates.ts';
import { sessionFormOptions, sessionValues } from '../../session-form.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireSessionDesigner(ctx(), locals.actor, params.networkId);
	const { session, facilitators } = await getSession(
		ctx(),
		locals.actor,
		params.networkId,
		params.sessionId
	);
	const { date, time } = splitWallClock(session.startsAt);
	return {
		...(await sessionFormOptions(locals.actor, params.networkId)),
		title: session.title,
		sessionId: session.id,
		initial: {
			title: session.title,
			number: session.number?.toString() ?? '',
			date,
			time: time === '00:00' ? '' : time,
			minutes: session.minutes?.toString() ?? '',
			place: session.place,
			hostOrganisationId: session.hostOrganisationId ?? '',
			theme: session.theme,
			objectives: session.objectives
		},
		chosen: facilitators.map((f) => f.membershipId)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const { values, input } = sessionValues(await request.formData());
		const result = await runForm(sessionInput, values, () =>
			updateSession(ctx(), locals.actor!, params.networkId, params.sessionId, input)
		);
		if (result) return result;
		redirect(303, `/networks/${params.networkId}/sessions/${params.sessionId}?saved=1`);
	}
};
