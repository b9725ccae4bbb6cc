import { error, redirect } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { namedAction, noFields } from '#lib/server/forms.ts';
import {
	editPartner,
	evaluatePartner,
	removePartner
} from '#lib/server/modules/partnership/partner.service.ts';
import {
	evaluationInput,
	partnerInput
} from '#lib/server/modules/partnership/partnership.schema.ts';
import { partnerPage } from '#lib/server/modules/partnership/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** One partner: its details, its evaluations along the step plan, and the next one. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { page: await partnerPage(ctx(), locals.actor, params.networkId, params.partnerId) };
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	edit: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			partnerInput,
			'edit',
			(v) => editPartner(ctx(), a, params.networkId, params.partnerId, v),
			() => m.partner_saved()
		);
	},
	evaluate: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			evaluationInput,
			'evaluate',
			(v) => evaluatePartner(ctx(), a, params.networkId, params.partnerId, v),
			() => m.partner_evaluated()
		);
	},
	remove: async ({ request, locals, params }) => {
		const a = actor(locals);
		const r = await namedAction(
			request,
			noFields,
			'remove',
			() => removePartner(ctx(), a, params.networkId, params.partnerId),
			() => ''
		);
		if ('message' in r) redirect(303, `/networks/${params.networkId}/partners`);
		return r;
	}
};
