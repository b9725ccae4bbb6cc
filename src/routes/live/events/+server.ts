import { error } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { clientAddress } from '#lib/server/auth/auth-errors.ts';
import { eventStream, streamStart } from '#lib/server/live/hub.ts';
import { currentParticipant } from '#lib/server/live/participant-cookie.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/**
 * The participant's live stream: "something changed" in their own session. One phone holds a
 * few streams (a new tab ends its oldest), one address a bounded number in all.
 */
export const GET: RequestHandler = async ({ cookies, request, getClientAddress }) => {
	const p = await currentParticipant(ctx(), cookies);
	if (!p) error(404, m.error_participant_unknown());
	const config = app().config;
	return eventStream(p.sessionId, streamStart(request), request.signal, {
		maxPerSession: config.LIVE_MAX_CONNECTIONS,
		audience: 'phone',
		participant: p.id,
		fullMessage: m.live_full(),
		owner: { key: `participant:${p.id}`, max: config.LIVE_MAX_PER_PARTICIPANT },
		address: {
			key: clientAddress(getClientAddress),
			max: config.LIVE_MAX_PER_ADDRESS,
			message: m.live_too_many_from_address()
		}
	});
};
