import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { namedAction } from '#lib/server/forms.ts';
import { recordThanks } from '#lib/server/modules/learning/collection.service.ts';
import { thanksInput } from '#lib/server/modules/learning/learning.schema.ts';
import { thanksPage } from '#lib/server/modules/learning/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** Thanking and compensating experience experts: what the leaders recorded. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { thanks: await thanksPage(ctx(), locals.actor, params.networkId) };
};

export const actions: Actions = {
	record: ({ request, locals, params }) => {
		const a = locals.actor ?? error(404, m.error_not_found());
		return namedAction(
			request,
			thanksInput,
			'record',
			(v) => recordThanks(ctx(), a, params.networkId, v),
			() => m.learning_thanks_recorded()
		);
	}
};
