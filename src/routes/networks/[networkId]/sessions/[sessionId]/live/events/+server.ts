import { app, ctx } from '#lib/server/app.ts';
import { clientAddress } from '#lib/server/auth/auth-errors.ts';
import { eventStream, streamStart } from '#lib/server/live/hub.ts';
import { findSessionInNetwork, requireSessionDesigner } from '#lib/server/modules/session/index.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/**
 * The console's and projector's live stream, for the people who run the session (the pages it
 * feeds need the same): a member with the participant role gets "forbidden". One account holds a
 * few such streams; a new one ends its oldest.
 */
export const GET: RequestHandler = async ({ locals, params, request, getClientAddress }) => {
	const c = ctx();
	const config = app().config;
	const m0 = await requireSessionDesigner(c, locals.actor, params.networkId);
	const session = await findSessionInNetwork(c, params.networkId, params.sessionId);
	return eventStream(session.id, streamStart(request), request.signal, {
		audience: 'screen',
		fullMessage: m.live_full(),
		owner: { key: `member:${m0.userId}`, max: config.LIVE_MAX_PER_MEMBER },
		address: {
			key: clientAddress(getClientAddress),
			max: config.LIVE_MAX_PER_ADDRESS,
			message: m.live_too_many_from_address()
		}
	});
};
