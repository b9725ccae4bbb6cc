import QRCode from 'qrcode';
import { ctx } from '#lib/server/app.ts';
import { liveVersion } from '#lib/server/live/hub.ts';
import { countParticipants } from '#lib/server/modules/live/live.service.ts';
import { stepResults } from '#lib/server/modules/live/results.service.ts';
import { requireSessionDesigner } from '#lib/server/modules/session/index.ts';
import { getSession } from '#lib/server/modules/session/session.service.ts';
import type { PageServerLoad } from './$types';

/** The projector: large type, the join code while people arrive, the current step and results. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	await requireSessionDesigner(c, locals.actor, params.networkId);
	// The version first: what changes after it comes on the stream, on top of this data.
	const version = await liveVersion(params.sessionId);
	const { session, steps } = await getSession(c, locals.actor, params.networkId, params.sessionId);
	const joinUrl = session.joinCode ? `${c.publicUrl}/join?code=${session.joinCode}` : null;
	const current = steps.find((s) => s.id === session.currentStepId) ?? null;
	return {
		networkId: params.networkId,
		liveVersion: version,
		session: {
			id: session.id,
			title: session.title,
			status: session.status,
			joinCode: session.joinCode,
			joinUrl: joinUrl?.replace(/\?.*$/, '') ?? null,
			qr: joinUrl ? await QRCode.toString(joinUrl, { type: 'svg', margin: 1 }) : null,
			timerEndsAt: session.timerEndsAt,
			participants: await countParticipants(c, session.id)
		},
		step: current
			? {
					id: current.id,
					title: current.title,
					kind: current.kind,
					state: current.state,
					prompt: current.prompt
				}
			: null,
		results: current ? await stepResults(c, session.id, current) : { kind: 'none' as const }
	};
};
