import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { sessionCalendar } from '#lib/server/modules/session/session.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/** The session as a calendar file, for members; updated (SEQUENCE) when the date changes. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const file = await sessionCalendar(ctx(), locals.actor, params.networkId, params.sessionId);
	if (!file) error(404, m.session_no_date());
	return new Response(file.ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'private, no-store'
		}
	});
};
