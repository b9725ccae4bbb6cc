import { error, redirect } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { quadrantLabel, quadrantOf } from '#lib/stakeholder.ts';
import { ctx } from '#lib/server/app.ts';
import { namedAction, noFields } from '#lib/server/forms.ts';
import {
	detailsInput,
	placeInput,
	toActionInput
} from '#lib/server/modules/stakeholder/stakeholder.schema.ts';
import {
	editStakeholder,
	nextMoveToAction,
	placeStakeholder,
	removeStakeholder
} from '#lib/server/modules/stakeholder/stakeholder.service.ts';
import { stakeholderPage } from '#lib/server/modules/stakeholder/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** One stakeholder: its details, its place on the map, and its next move. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return {
		page: await stakeholderPage(ctx(), locals.actor, params.networkId, params.stakeholderId)
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	edit: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			detailsInput,
			'edit',
			(v) => editStakeholder(ctx(), a, params.networkId, params.stakeholderId, v),
			() => m.stakeholder_saved()
		);
	},
	// The map's arrow keys post here too (with JavaScript), so the sentence is the one announced.
	place: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			placeInput,
			'place',
			(v) => placeStakeholder(ctx(), a, params.networkId, params.stakeholderId, v),
			(r) => {
				const p = r as { name: string; influence: number; interest: number };
				return m.stakeholder_placed({
					name: p.name,
					influence: p.influence,
					interest: p.interest,
					quadrant: quadrantLabel(quadrantOf(p.influence, p.interest))
				});
			}
		);
	},
	toAction: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			toActionInput,
			'toAction',
			(v) => nextMoveToAction(ctx(), a, params.networkId, params.stakeholderId, v),
			() => m.stakeholder_to_action_done()
		);
	},
	remove: async ({ request, locals, params }) => {
		const a = actor(locals);
		const r = await namedAction(
			request,
			noFields,
			'remove',
			() => removeStakeholder(ctx(), a, params.networkId, params.stakeholderId),
			() => ''
		);
		if ('message' in r) redirect(303, `/networks/${params.networkId}/stakeholders`);
		return r;
	}
};
