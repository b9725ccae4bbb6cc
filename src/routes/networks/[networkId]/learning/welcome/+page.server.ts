import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { welcomePage } from '#lib/server/modules/learning/view.ts';
import type { PageServerLoad } from './$types';

/** A guest's welcome: the network's purpose and rules, and the questions they were asked about. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { welcome: await welcomePage(ctx(), locals.actor, params.networkId) };
};
