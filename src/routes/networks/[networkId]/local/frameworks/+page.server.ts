import { error } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { namedAction } from '#lib/server/forms.ts';
import { frameworkInput } from '#lib/server/modules/locality/locality.schema.ts';
import { defineFramework, removeFramework } from '#lib/server/modules/locality/locality.service.ts';
import { localIndex } from '#lib/server/modules/locality/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** The network's own indicator frameworks, so that a later snapshot scores the same way. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { local: await localIndex(ctx(), locals.actor, params.networkId) };
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	define: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			frameworkInput,
			'define',
			(v) => defineFramework(ctx(), a, params.networkId, v),
			() => m.local_framework_defined()
		);
	},
	remove: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			z.object({ frameworkId: z.string() }),
			'remove',
			(v) => removeFramework(ctx(), a, params.networkId, v),
			() => m.local_framework_removed()
		);
	}
};
