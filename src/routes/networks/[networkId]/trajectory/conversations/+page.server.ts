import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import {
	formValues,
	noFields,
	prefixErrors,
	runForm,
	unprefixed,
	which
} from '#lib/server/forms.ts';
import { conversationInput } from '#lib/server/modules/trajectory/trajectory.schema.ts';
import { sessionOptions } from '#lib/server/modules/knowledge/resource.queries.ts';
import {
	addConversation,
	deleteOwnItem,
	updateConversation
} from '#lib/server/modules/trajectory/trajectory.service.ts';
import { myTrajectory } from '#lib/server/modules/trajectory/trajectory.read.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** Conversations: planned, practised in a session (with the peers' feedback), held for real. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	const t = await myTrajectory(c, locals.actor, params.networkId);
	return { conversations: t.conversations, sessions: await sessionOptions(c, params.networkId) };
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		const raw = formValues(await request.formData());
		const { values } = unprefixed(raw);
		const r = await runForm(conversationInput, values, () =>
			addConversation(ctx(), actor(locals), params.networkId, values).then(() => ({
				message: m.conversation_added()
			}))
		);
		return which(r, 'add');
	},
	save: async ({ request, locals, params }) => {
		const raw = formValues(await request.formData());
		const { prefix, values } = unprefixed(raw);
		const r = await runForm(conversationInput, values, () =>
			updateConversation(ctx(), actor(locals), params.networkId, raw.id ?? '', values).then(() => ({
				message: m.saved()
			}))
		);
		return prefixErrors(which(r, `edit-${raw.id}`), prefix);
	},
	delete: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		return runForm(noFields, values, () =>
			deleteOwnItem(ctx(), actor(locals), params.networkId, 'conversation', values.id ?? '').then(
				() => ({ message: m.conversation_deleted() })
			)
		);
	}
};
