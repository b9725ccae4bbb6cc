import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, prefixErrors, runForm, unprefixed, which } from '#lib/server/forms.ts';
import { offerInput } from '#lib/server/modules/commitment/commitment.schema.ts';
import { listNeeds, offerHelp } from '#lib/server/modules/commitment/offer.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** The board of needs shared with the network, each with an "I can help" form. */
export const load: PageServerLoad = async ({ locals, params }) => ({
	needs: await listNeeds(ctx(), locals.actor, params.networkId)
});

export const actions: Actions = {
	offer: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const raw = formValues(await request.formData());
		const { prefix, values } = unprefixed(raw);
		const r = await runForm(offerInput, values, () =>
			offerHelp(ctx(), locals.actor!, params.networkId, raw.commitmentId ?? '', values).then(
				() => ({ message: m.offer_sent() })
			)
		);
		return prefixErrors(which(r, `offer-${raw.commitmentId ?? ''}`), prefix);
	}
};
