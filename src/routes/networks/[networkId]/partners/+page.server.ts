import { error, redirect } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { formValues, namedAction, runForm, which } from '#lib/server/forms.ts';
import { addPartner, shareScores } from '#lib/server/modules/partnership/partner.service.ts';
import { partnerInput, sharingInput } from '#lib/server/modules/partnership/partnership.schema.ts';
import { inventoryPage } from '#lib/server/modules/partnership/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** Inclusive partnerships: the own organisation's partners, and the network's progress. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { inventory: await inventoryPage(ctx(), locals.actor, params.networkId) };
};

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		const a = locals.actor ?? error(404, m.error_not_found());
		const v = formValues(await request.formData());
		const r = await runForm(partnerInput, v, async () => ({
			id: await addPartner(ctx(), a, params.networkId, v)
		}));
		if ('id' in r) redirect(303, `/networks/${params.networkId}/partners/${r.id}`);
		return which(r, 'add');
	},
	share: ({ request, locals, params }) => {
		const a = locals.actor ?? error(404, m.error_not_found());
		return namedAction(
			request,
			sharingInput,
			'share',
			(v) => shareScores(ctx(), a, params.networkId, v),
			(shared) => (shared ? m.partners_share_started() : m.partners_share_stopped())
		);
	}
};
