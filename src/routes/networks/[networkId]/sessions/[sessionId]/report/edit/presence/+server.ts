import { error, json } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { reportPresence } from '#lib/server/modules/report/report-presence.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/** The open edit page checks in: who else is editing, and the newest saved version. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	try {
		return json(await reportPresence(ctx(), locals.actor, params.networkId, params.sessionId), {
			headers: { 'cache-control': 'no-store' }
		});
	} catch (e) {
		if (e instanceof DomainError) error(e.status, m.error_not_found());
		throw e;
	}
};
