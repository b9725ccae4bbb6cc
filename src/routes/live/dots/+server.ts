import { isActionFailure, json } from '@sveltejs/kit';
import { stringify } from 'devalue';
import { ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import { participantLimits } from '#lib/server/live/participant-action.ts';
import { currentParticipant } from '#lib/server/live/participant-cookie.ts';
import { castDot, dotFacts, takeBackDot } from '#lib/server/modules/live/dot.service.ts';
import { dotInput } from '#lib/server/modules/live/live.schema.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/**
 * The vote path for the phone's script: a dot added (or, with `take=1`, taken back) through the
 * same contract, service and idempotency by client id as the page's `?/dot` form, without the
 * form-action machinery. It answers as a form action does (so the phone's outbox reads both
 * alike), with the person's own dots in it: the tapping phone never loads its page for a tap.
 * Without JavaScript the form posts to `?/dot` as before.
 */
export const POST: RequestHandler = async ({ request, cookies, getClientAddress }) => {
	const c = ctx();
	const p = await currentParticipant(c, cookies);
	if (!p) return json({ type: 'redirect', status: 303, location: '/join' });
	const values = formValues(await request.formData());
	const stepId = values.stepId ?? '';
	const take = values.take === '1';
	const result =
		(await participantLimits(p, getClientAddress)) ??
		(take
			? await runForm(noFields, values, () =>
					takeBackDot(c, p, stepId, values.postitId ?? '', values.dotId || undefined)
				)
			: await runForm(dotInput, values, () => castDot(c, p, stepId, values)));
	if (isActionFailure(result))
		return json(
			{ type: 'failure', status: result.status, data: stringify(result.data) },
			{ status: result.status === 429 ? 429 : 200 }
		);
	const message = take ? m.dot_taken_back() : m.dot_saved();
	return json({
		type: 'success',
		status: 200,
		data: stringify({ message, facts: await dotFacts(c, p, stepId) })
	});
};
