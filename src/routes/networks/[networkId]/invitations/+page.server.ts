import { error } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import {
	inviteMember,
	listInvitations,
	resendInvitation,
	revokeInvitation
} from '#lib/server/modules/network/invitation.service.ts';
import { invitationInput } from '#lib/server/modules/network/network.schema.ts';
import { listOrganisations } from '#lib/server/modules/network/organisation.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	const invitations = await listInvitations(c, locals.actor!, params.networkId);
	const organisations = await listOrganisations(c, locals.actor, params.networkId);
	return { invitations, organisations: organisations.map((o) => ({ id: o.id, name: o.name })) };
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	invite: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(invitationInput, values, async () => {
			await app().limits.consume('invite', actor(locals).userId);
			await inviteMember(ctx(), actor(locals), params.networkId, values);
		});
		return result ?? { message: m.invitation_sent({ email: values.email ?? '' }) };
	},
	resend: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(invitationInput, values, async () => {
			await app().limits.consume('invite', actor(locals).userId);
			return resendInvitation(ctx(), actor(locals), params.networkId, values.invitationId ?? '');
		});
		return result && 'status' in result ? result : { message: m.invitation_resent() };
	},
	revoke: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(noFields, values, () =>
			revokeInvitation(ctx(), actor(locals), params.networkId, values.invitationId ?? '')
		);
		return result ?? { message: m.invitation_revoked() };
	}
};
