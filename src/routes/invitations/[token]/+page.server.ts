import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import {
	acceptInvitation,
	viewInvitation
} from '#lib/server/modules/network/invitation.service.ts';
import { invitationAnswerInput } from '#lib/server/modules/network/network.schema.ts';
import { translate } from '#lib/i18n.ts';
import type { Actions, PageServerLoad } from './$types';

/** Readable without an account: the network, the role and the house rules, then sign up or in. */
export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		const view = await viewInvitation(ctx(), params.token);
		return {
			invitation: view.invitation,
			network: view.network,
			signedInAs: locals.user?.email ?? null,
			emailMatches: locals.user?.email.toLowerCase() === view.invitation.email
		};
	} catch (e) {
		if (e instanceof DomainError) error(e.status, translate(e.key));
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		if (!locals.actor)
			redirect(303, `/sign-in?next=${encodeURIComponent(`/invitations/${params.token}`)}`);
		const values = formValues(await request.formData());
		const result = await runForm(invitationAnswerInput, values, () =>
			acceptInvitation(ctx(), locals.actor!, params.token, values.acceptRules === 'yes')
		);
		if ('networkId' in result) redirect(303, `/networks/${result.networkId}?welcome=1`);
		return result;
	}
};
