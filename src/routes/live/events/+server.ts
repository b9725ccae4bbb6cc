import { error } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { eventStream } from '#lib/server/live/hub.ts';
import { currentParticipant } from '#lib/server/live/participant-cookie.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/** The participant's live stream: "something changed" in their own session. */
export const GET: RequestHandler = async ({ cookies, request }) => {
	const p = await currentParticipant(ctx(), cookies);
	if (!p) error(404, m.error_participant_unknown());
	const last = Number(request.headers.get('last-event-id'));
	return eventStream(p.sessionId, Number.isFinite(last) && last > 0 ? last : null, request.signal, {
		maxPerSession: app().config.LIVE_MAX_CONNECTIONS,
		fullMessage: m.live_full()
	});
};
