import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { publicCollection } from '#lib/server/modules/learning/index.ts';
import type { PageServerLoad } from './$types';

/**
 * A network's collected insights on a public page, with no account: only after the network's
 * explicit choice, and naming only givers who allowed public credit.
 */
export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	try {
		const view = await publicCollection(ctx(), params.collectionId);
		// Taken off the public page, it must go at once: nothing may hold a copy for long.
		setHeaders({ 'cache-control': 'no-cache' });
		return { view, url: `${url.origin}${url.pathname}` };
	} catch (e) {
		if (e instanceof DomainError) error(404, m.error_not_found());
		throw e;
	}
};
