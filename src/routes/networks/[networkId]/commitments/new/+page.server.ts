import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, keepTyped, runForm } from '#lib/server/forms.ts';
import { commitmentInput } from '#lib/server/modules/commitment/commitment.schema.ts';
import { newCommitmentForm } from '#lib/server/modules/commitment/commitment.read.ts';
import { createCommitment } from '#lib/server/modules/commitment/commitment.service.ts';
import { draftFromSession } from '#lib/server/modules/commitment/index.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** The new form; from a session's post-it or breakout group (`?session=…&from=…`) it comes filled in. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const session = url.searchParams.get('session');
	const from = url.searchParams.get('from');
	return {
		...(await newCommitmentForm(ctx(), locals.actor, params.networkId)),
		draft:
			session && from
				? await draftFromSession(ctx(), locals.actor, params.networkId, session, from)
				: null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(commitmentInput, values, () =>
			createCommitment(
				ctx(),
				locals.actor ?? error(404, m.error_not_found()),
				params.networkId,
				values
			)
		);
		if ('id' in r) redirect(303, `/networks/${params.networkId}/commitments/${r.id}?created=1`);
		// The co-owners are one checkbox each: after a refused post they stay ticked.
		const ticked = Object.fromEntries(
			Object.entries(values).filter(([k]) => k.startsWith('coOwner_'))
		);
		return keepTyped<typeof r, `coOwner_${string}`>(r, ticked);
	}
};
