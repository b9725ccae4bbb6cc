import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { liveVersion } from '#lib/server/live/hub.ts';
import { ctx } from '#lib/server/app.ts';
import type { z } from 'zod';
import { formValues, noFields, runForm } from '#lib/server/forms.ts';
import {
	clusterInput,
	clusterManyInput,
	groupTitleInput,
	groupsInput,
	mergeInput,
	questionStateInput,
	timerInput
} from '#lib/server/modules/live/live.schema.ts';
import { hiddenQuestions, setQuestionState } from '#lib/server/modules/live/qna.service.ts';
import { ANSWER_KINDS, setAnswerHidden } from '#lib/server/modules/live/answer.service.ts';
import {
	GROUP_KINDS,
	formGroups,
	groupFormState,
	listGroups,
	moveParticipant,
	renameGroup
} from '#lib/server/modules/live/group.service.ts';
import {
	closeLive,
	openLive,
	setCurrentStep,
	setStepState,
	startStep
} from '#lib/server/modules/live/live.service.ts';
import {
	clusterPostits,
	listParticipants,
	mergePostits,
	setCluster,
	setPostitHidden,
	startTimer,
	stopTimer
} from '#lib/server/modules/live/moderation.service.ts';
import { listPostitsForModeration } from '#lib/server/modules/live/postit.service.ts';
import { stepResults } from '#lib/server/modules/live/results.service.ts';
import { requireSessionDesigner } from '#lib/server/modules/session/index.ts';
import { getSession } from '#lib/server/modules/session/session.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** The facilitator console: join code, agenda with the current step, and what came in. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	await requireSessionDesigner(c, locals.actor, params.networkId);
	// The version first: what changes after it comes on the stream, on top of this data.
	const version = await liveVersion(params.sessionId);
	const { session, steps } = await getSession(c, locals.actor, params.networkId, params.sessionId);
	const joinUrl = session.joinCode ? `${c.publicUrl}/join?code=${session.joinCode}` : null;
	const current = steps.find((s) => s.id === session.currentStepId) ?? null;
	const currentRow = current;
	// Previous and next step, for the buttons that drive the agenda.
	const at = steps.findIndex((s) => s.id === current?.id);
	const neighbour = (i: number) => {
		const s = i >= 0 ? steps[i] : undefined;
		return s ? { id: s.id, title: s.title } : null;
	};
	const prev = at > 0 ? neighbour(at - 1) : null;
	const next = neighbour(at + 1);
	const participants = await listParticipants(c, session.id);
	const moderation =
		currentRow?.kind === 'postit_round'
			? await listPostitsForModeration(c, session.id, currentRow.id)
			: [];
	// A Q&A's hidden questions, to show them again.
	const hidden = currentRow?.kind === 'qna' ? await hiddenQuestions(c, currentRow.id) : [];
	const groupStep = !!currentRow && GROUP_KINDS.includes(currentRow.kind);
	const groups = groupStep ? await listGroups(c, session.id, currentRow.id) : [];
	// Post-its the facilitator can pick as group items (every visible one of this session, with
	// its dots in the vote before), and whether answers already hold the groups in place.
	const groupForm = groupStep ? await groupFormState(c, session.id, currentRow) : null;
	return {
		liveVersion: version,
		live: {
			id: session.id,
			title: session.title,
			status: session.status,
			joinCode: session.joinCode,
			joinUrl,
			qr: joinUrl ? await QRCode.toString(joinUrl, { type: 'svg', margin: 1 }) : null,
			participants: participants.map((p) => ({ id: p.id, name: p.displayName })),
			timerEndsAt: session.timerEndsAt
		},
		steps: steps.map((s) => ({ id: s.id, title: s.title, kind: s.kind, state: s.state })),
		prev,
		next,
		current: currentRow
			? {
					id: currentRow.id,
					kind: currentRow.kind,
					title: currentRow.title,
					state: currentRow.state,
					minutes: currentRow.minutes,
					topItems: currentRow.topItems ?? 3,
					takesAnswers: ANSWER_KINDS.includes(currentRow.kind),
					hasGroups: GROUP_KINDS.includes(currentRow.kind)
				}
			: null,
		results: currentRow ? await stepResults(c, session.id, currentRow) : { kind: 'none' as const },
		moderation: moderation.map((p) => ({
			id: p.id,
			text: p.text,
			cluster: p.cluster,
			hidden: p.isHidden === 1,
			mergedInto: p.mergedIntoId
		})),
		hiddenQuestions: hidden,
		groupForm: groupForm && {
			...groupForm,
			mode: currentRow?.groupMode === 'choose' ? ('choose' as const) : ('assign' as const)
		},
		groups: groups.map((g) => ({
			id: g.id,
			number: g.position + 1,
			title: g.title,
			postitId: g.postitId,
			memberIds: g.members.map((x) => x.id)
		}))
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

/** Runs a facilitator action and says what happened (the use case tells every screen). */
function action(
	contract: z.ZodType,
	run: (
		values: Record<string, string>,
		a: NonNullable<App.Locals['actor']>,
		p: { networkId: string; sessionId: string },
		data: FormData
	) => Promise<unknown>,
	message: (values: Record<string, string>) => string
) {
	return async ({
		request,
		locals,
		params
	}: {
		request: Request;
		locals: App.Locals;
		params: { networkId: string; sessionId: string };
	}) => {
		const data = await request.formData();
		const values = formValues(data);
		const result = await runForm(contract, values, async () => {
			await run(values, actor(locals), params, data);
			return null;
		});
		if (result) return result;
		return { message: message(values), at: at(values) };
	};
}

/** Which item the form acted on (a hidden `at`), so its confirmation shows beside it. */
const at = (values: Record<string, string>) =>
	/^[a-z-]+(-[0-9a-f-]{36})?$/.test(values.at ?? '') ? (values.at as string) : null;

export const actions: Actions = {
	start: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, () =>
			openLive(ctx(), actor(locals), params.networkId, params.sessionId)
		);
		if ('joinCode' in result) return { message: m.live_started({ code: result.joinCode }) };
		return result;
	},
	current: action(
		noFields,
		(v, a, p) => setCurrentStep(ctx(), a, p.networkId, p.sessionId, v.stepId ?? ''),
		(v) => m.live_step_shown({ title: v.title ?? '' })
	),
	startStep: action(
		noFields,
		(v, a, p) => startStep(ctx(), a, p.networkId, p.sessionId, v.stepId ?? ''),
		(v) => m.live_step_started({ title: v.title ?? '' })
	),
	state: action(
		noFields,
		(v, a, p) =>
			setStepState(
				ctx(),
				a,
				p.networkId,
				p.sessionId,
				v.stepId ?? '',
				v.state === 'closed' ? 'closed' : 'open'
			),
		(v) =>
			v.state === 'closed'
				? m.live_step_closed({ title: v.title ?? '' })
				: m.live_step_opened({ title: v.title ?? '' })
	),
	timer: action(
		timerInput,
		(v, a, p) => startTimer(ctx(), a, p.networkId, p.sessionId, v),
		(v) => m.timer_started({ minutes: Number(v.minutes) })
	),
	timerStop: action(
		noFields,
		(_v, a, p) => stopTimer(ctx(), a, p.networkId, p.sessionId),
		() => m.timer_stopped()
	),
	hide: action(
		noFields,
		(v, a, p) =>
			setPostitHidden(ctx(), a, p.networkId, p.sessionId, v.postitId ?? '', v.hidden !== '0'),
		(v) => (v.hidden !== '0' ? m.postit_hidden() : m.postit_shown())
	),
	merge: action(
		mergeInput,
		(v, a, p) => mergePostits(ctx(), a, p.networkId, p.sessionId, v),
		() => m.postit_merged()
	),
	cluster: action(
		clusterInput,
		(v, a, p) => setCluster(ctx(), a, p.networkId, p.sessionId, v),
		(v) =>
			v.cluster?.trim() ? m.postit_clustered({ cluster: v.cluster.trim() }) : m.postit_unclustered()
	),
	clusterMany: async ({ request, locals, params }) => {
		const data = await request.formData();
		const values = formValues(data);
		const postitIds = data.getAll('postitIds').filter((x) => typeof x === 'string');
		const result = await runForm(clusterManyInput, values, () =>
			clusterPostits(ctx(), actor(locals), params.networkId, params.sessionId, {
				...values,
				postitIds
			})
		);
		if (!('count' in result)) return result;
		const cluster = values.cluster?.trim() ?? '';
		return {
			message: cluster
				? m.postits_clustered_many({ count: result.count, cluster })
				: m.postits_unclustered_many({ count: result.count }),
			at: at(values)
		};
	},
	groups: action(
		groupsInput,
		(v, a, p, data) =>
			formGroups(ctx(), a, p.networkId, p.sessionId, v.stepId ?? '', {
				...v,
				postitIds: data.getAll('postitIds').filter((x) => typeof x === 'string')
			}),
		() => m.groups_formed()
	),
	groupTitle: action(
		groupTitleInput,
		(v, a, p) => renameGroup(ctx(), a, p.networkId, p.sessionId, v.stepId ?? '', v),
		(v) => m.group_title_saved({ title: v.title?.trim() ?? '' })
	),
	move: action(
		noFields,
		(v, a, p) =>
			moveParticipant(
				ctx(),
				a,
				p.networkId,
				p.sessionId,
				v.stepId ?? '',
				v.participantId ?? '',
				v.groupId ?? ''
			),
		() => m.group_moved()
	),
	hideAnswer: action(
		noFields,
		(v, a, p) =>
			setAnswerHidden(ctx(), a, p.networkId, p.sessionId, v.answerId ?? '', v.hidden !== '0'),
		() => m.answer_hidden()
	),
	questionState: action(
		questionStateInput,
		(v, a, p) => setQuestionState(ctx(), a, p.networkId, p.sessionId, v),
		() => m.qna_state_saved()
	),
	end: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, () =>
			closeLive(ctx(), actor(locals), params.networkId, params.sessionId)
		);
		if (result) return result;
		return { message: m.live_ended() };
	}
};
