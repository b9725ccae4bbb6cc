import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { coachingAnswerInput } from '#lib/server/modules/trajectory/trajectory.schema.ts';
import {
	answerCoaching,
	proposalByToken
} from '#lib/server/modules/trajectory/coaching-relation.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link in a talk's e-mail: the member is asked whether this person may be their coach.
 * Opening the page changes nothing (mail scanners open links too); the answer is a button.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const token = url.searchParams.get('token') ?? '';
	const proposal = await proposalByToken(ctx(), locals.actor, params.networkId, token);
	return { coachName: proposal.coachName, token };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const values = formValues(await request.formData());
		const r = await runForm(coachingAnswerInput, values, () =>
			answerCoaching(ctx(), locals.actor!, params.networkId, values)
		);
		if ('state' in r) redirect(303, `/networks/${params.networkId}/coaching?answer=${r.state}`);
		return r;
	}
};
