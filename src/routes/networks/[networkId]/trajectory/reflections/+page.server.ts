import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import { reflectionInput } from '#lib/server/modules/trajectory/trajectory.schema.ts';
import { sessionOptions } from '#lib/server/modules/knowledge/resource.queries.ts';
import {
	addReflection,
	deleteOwnItem,
	setVisibility
} from '#lib/server/modules/trajectory/trajectory.service.ts';
import { myTrajectory } from '#lib/server/modules/trajectory/trajectory.read.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** Reflections per session: what stayed with me, what I will try. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	const t = await myTrajectory(c, locals.actor, params.networkId);
	return { reflections: t.reflections, sessions: await sessionOptions(c, params.networkId) };
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		return runForm(reflectionInput, values, () =>
			addReflection(ctx(), actor(locals), params.networkId, values).then(() => ({
				message: m.reflection_added()
			}))
		);
	},
	visibility: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		return runForm(noFields, values, () =>
			setVisibility(
				ctx(),
				actor(locals),
				params.networkId,
				'reflection',
				values.id ?? '',
				values.visibility ?? ''
			).then(() => ({ message: m.visibility_changed() }))
		);
	},
	delete: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		return runForm(noFields, values, () =>
			deleteOwnItem(ctx(), actor(locals), params.networkId, 'reflection', values.id ?? '').then(
				() => ({ message: m.reflection_deleted() })
			)
		);
	}
};
