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
import {
	decideMembershipRequest,
	listMembershipRequests
} from '#lib/server/modules/network/request.service.ts';
import { listOrganisations } from '#lib/server/modules/network/organisation.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	const filter = Object.fromEntries(url.searchParams);
	const c = ctx();
	const { me } = await parent();
	const [members, organisations, requests] = await Promise.all([
		listMembers(c, locals.actor, params.networkId, filter),
		listOrganisations(c, locals.actor, params.networkId),
		// People who took part in a session and ask to join to keep their commitment.
		me.isCoordinator && locals.actor
			? listMembershipRequests(c, locals.actor, params.networkId)
			: Promise.resolve([])
	]);
	return {
		members,
		organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
		filter,
		requests
	};
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
	admit: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(noFields, values, () =>
			decideMembershipRequest(
				ctx(),
				actor(locals),
				params.networkId,
				values.requestId ?? '',
				'admit'
			)
		);
		return result ?? { message: m.requests_admitted({ name: values.name ?? '' }) };
	},
	decline: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(noFields, values, () =>
			decideMembershipRequest(
				ctx(),
				actor(locals),
				params.networkId,
				values.requestId ?? '',
				'decline'
			)
		);
		return result ?? { message: m.requests_declined({ name: values.name ?? '' }) };
	},
	leave: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, () =>
			leaveNetwork(ctx(), actor(locals), params.networkId)
		);
		if (result) return result;
		redirect(303, '/');
	}
};
