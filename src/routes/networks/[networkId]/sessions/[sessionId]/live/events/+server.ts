import { ctx } from '#lib/server/app.ts';
import { eventStream } from '#lib/server/live/hub.ts';
import { requireMember } from '#lib/server/modules/network/index.ts';
import { findSessionInNetwork } from '#lib/server/modules/session/index.ts';
import type { RequestHandler } from './$types';

/** The console's and projector's live stream, for members of the session's own network. */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const c = ctx();
	await requireMember(c, locals.actor, params.networkId);
	const session = await findSessionInNetwork(c, params.networkId, params.sessionId);
	const last = Number(request.headers.get('last-event-id'));
	return eventStream(session.id, Number.isFinite(last) && last > 0 ? last : null, request.signal);
};
