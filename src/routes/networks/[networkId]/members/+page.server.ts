import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import { roleChange } from '#lib/server/modules/network/network.schema.ts';
import {
	changeRole,
	leaveNetwork,
	listMembers,
	removeMember
} from '#lib/server/modules/network/membership.service.ts';
import { listOrganisations } from '#lib/server/modules/network/organisation.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const filter = Object.fromEntries(url.searchParams);
	const c = ctx();
	const [members, organisations] = await Promise.all([
		listMembers(c, locals.actor, params.networkId, filter),
		listOrganisations(c, locals.actor, params.networkId)
	]);
	return { members, organisations: organisations.map((o) => ({ id: o.id, name: o.name })), filter };
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	role: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(roleChange, values, () =>
			changeRole(ctx(), actor(locals), params.networkId, values)
		);
		return result ?? { message: m.role_changed() };
	},
	remove: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(noFields, values, () =>
			removeMember(ctx(), actor(locals), params.networkId, values.membershipId ?? '')
		);
		return result ?? { message: m.member_removed() };
	},
	leave: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, () =>
			leaveNetwork(ctx(), actor(locals), params.networkId)
		);
		if (result) return result;
		redirect(303, '/');
	}
};
