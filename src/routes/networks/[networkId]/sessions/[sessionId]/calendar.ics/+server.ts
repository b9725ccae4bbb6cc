import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { findNetwork } from '#lib/server/modules/network/network.repository.ts';
import { sessionToIcs } from '#lib/server/modules/session/calendar.ts';
import { getSession } from '#lib/server/modules/session/session.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/** The session as a calendar file, for members; updated (SEQUENCE) when the date changes. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const c = ctx();
	const { session, host } = await getSession(c, locals.actor, params.networkId, params.sessionId);
	const network = await findNetwork(c.db, params.networkId);
	const ics = sessionToIcs(session, {
		networkName: network!.name,
		host: host?.name ?? '',
		url: `${c.publicUrl}/networks/${params.networkId}/sessions/${session.id}`,
		description: [session.theme, session.objectives].filter(Boolean).join('\n\n')
	});
	if (!ics) error(404, m.session_no_date());
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="session-${session.id}.ics"`,
			'cache-control': 'private, no-store'
		}
	});
};
