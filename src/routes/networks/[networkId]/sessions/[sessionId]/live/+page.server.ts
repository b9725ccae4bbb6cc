import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { publish } from '#lib/server/live/hub.ts';
import { tally } from '#lib/server/modules/live/dot.service.ts';
import {
	closeLive,
	countParticipants,
	openLive,
	setCurrentStep,
	setStepState
} from '#lib/server/modules/live/live.service.ts';
import { listPostits } from '#lib/server/modules/live/postit.service.ts';
import { requireSessionDesigner } from '#lib/server/modules/session/session.policy.ts';
import { getSession } from '#lib/server/modules/session/session.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** The facilitator console: join code, agenda with the current step, and what came in. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	await requireSessionDesigner(c, locals.actor, params.networkId);
	const { session, steps } = await getSession(c, locals.actor, params.networkId, params.sessionId);
	const joinUrl = session.joinCode ? `${c.publicUrl}/join?code=${session.joinCode}` : null;
	const current = steps.find((s) => s.id === session.currentStepId) ?? null;
	let results: { text: string; dots: number | null }[] = [];
	if (current?.kind === 'postit_round') {
		results = (await listPostits(c, session.id, current.id)).map((p) => ({
			text: p.text,
			dots: null
		}));
	} else if (current?.kind === 'dot_vote' && current.sourceStepId) {
		results = (await tally(c, session.id, current.id)).map((r) => ({ text: r.text, dots: r.dots }));
	}
	return {
		live: {
			id: session.id,
			title: session.title,
			status: session.status,
			joinCode: session.joinCode,
			joinUrl,
			qr: joinUrl ? await QRCode.toString(joinUrl, { type: 'svg', margin: 1 }) : null,
			participants: await countParticipants(c, session.id)
		},
		steps: steps.map((s) => ({ id: s.id, title: s.title, kind: s.kind, state: s.state })),
		currentId: current?.id ?? null,
		results
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	start: async ({ locals, params }) => {
		const result = await runForm({}, () =>
			openLive(ctx(), actor(locals), params.networkId, params.sessionId)
		);
		if ('joinCode' in result) {
			publish(params.sessionId, 'step');
			return { message: m.live_started({ code: result.joinCode }) };
		}
		return result;
	},
	current: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(values, () =>
			setCurrentStep(ctx(), actor(locals), params.networkId, params.sessionId, values.stepId ?? '')
		);
		if (result) return result;
		publish(params.sessionId, 'step');
		return { message: m.live_step_shown({ title: values.title ?? '' }) };
	},
	state: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const state = values.state === 'closed' ? 'closed' : 'open';
		const result = await runForm(values, () =>
			setStepState(
				ctx(),
				actor(locals),
				params.networkId,
				params.sessionId,
				values.stepId ?? '',
				state
			)
		);
		if (result) return result;
		publish(params.sessionId, 'step');
		return {
			message:
				state === 'open'
					? m.live_step_opened({ title: values.title ?? '' })
					: m.live_step_closed({ title: values.title ?? '' })
		};
	},
	end: async ({ locals, params }) => {
		const result = await runForm({}, () =>
			closeLive(ctx(), actor(locals), params.networkId, params.sessionId)
		);
		if (result) return result;
		publish(params.sessionId, 'ended');
		return { message: m.live_ended() };
	}
};
