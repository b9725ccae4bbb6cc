import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { claimKeepInput } from '#lib/server/modules/commitment/claim.schema.ts';
import { keepClaim, viewClaim } from '#lib/server/modules/commitment/claim.service.ts';
import { translate } from '#lib/i18n.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link a phone mailed itself: readable without an account (what was written, in which
 * session, for which address), then sign up or in with that address and keep it.
 */
export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		const view = await viewClaim(ctx(), locals.actor, params.token);
		return { ...view, signedInAs: locals.user?.email ?? null };
	} catch (e) {
		if (e instanceof DomainError) error(e.status, translate(e.key));
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		if (!locals.actor)
			redirect(303, `/sign-in?next=${encodeURIComponent(`/claims/${params.token}`)}`);
		const values = formValues(await request.formData());
		const result = await runForm(claimKeepInput, values, () =>
			keepClaim(ctx(), locals.actor!, params.token, values)
		);
		if ('state' in result) {
			if (result.state === 'claimed' && result.commitmentId)
				redirect(303, `/networks/${result.networkId}/commitments/${result.commitmentId}?kept=1`);
			return { message: translate('claim_page_waiting') };
		}
		return result;
	}
};
