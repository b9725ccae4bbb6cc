import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import type { Actor } from '#lib/server/context.ts';
import type { z } from 'zod';
import {
	formValues,
	keepTyped,
	noFields,
	prefixErrors,
	runForm,
	unprefixed,
	which
} from '#lib/server/forms.ts';
import {
	actionInput,
	actionProgressInput,
	checkinInput,
	commitmentInput,
	fundingInput,
	offerAnswerInput,
	planInput,
	sprintInput,
	stateInput
} from '#lib/server/modules/commitment/commitment.schema.ts';
import { getCommitment, talksAbout } from '#lib/server/modules/commitment/index.ts';
import {
	changeState,
	deleteCommitment,
	updateCommitment
} from '#lib/server/modules/commitment/commitment.service.ts';
import {
	addAction,
	addSprint,
	deleteAction,
	deleteSprint,
	progressAction,
	updateAction,
	saveCheckin,
	saveFunding,
	savePlan,
	updateSprint
} from '#lib/server/modules/commitment/plan.service.ts';
import { answerOffer, offersOn } from '#lib/server/modules/commitment/offer.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A commitment with its state, history and action plan; each part has its own form. */
export const load: PageServerLoad = async ({ locals, params, url }) => ({
	...(await getCommitment(ctx(), locals.actor, params.networkId, params.commitmentId)),
	offers: await offersOn(ctx(), locals.actor, params.networkId, params.commitmentId),
	talks: await talksAbout(ctx(), locals.actor, params.networkId, params.commitmentId),
	created: url.searchParams.has('created')
});

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

/**
 * One form post: the values (a form repeated per sprint names its fields with a prefix, taken off
 * here and put back on its errors), one use case, and the message when it went well.
 */
async function post<S extends z.ZodType, W extends string, P extends string = never>(
	{ request, locals }: RequestEvent,
	contract: S,
	form: (raw: Record<string, string>) => W,
	run: (
		a: Actor,
		values: Record<string, string | undefined>,
		raw: Record<string, string>
	) => Promise<unknown>,
	message: () => string,
	ticked?: P
) {
	const raw = formValues(await request.formData());
	const { prefix, values } = unprefixed(raw);
	const r = await runForm(contract, values, () =>
		run(actor(locals), values, raw).then(() => ({ message: message() }))
	);
	// A list is posted as one checkbox per choice named `<ticked><value>` (see `collectChecked`):
	// after a refused post the boxes show what was sent.
	const boxes = Object.entries(values).filter(([k]) => ticked && k.startsWith(ticked));
	const kept = keepTyped<typeof r, `${P}${string}`>(r, Object.fromEntries(boxes));
	return prefixErrors(which(kept, form(raw)), prefix);
}

export const actions: Actions = {
	answerOffer: async (e) =>
		post(
			e,
			offerAnswerInput,
			() => 'offers',
			(a, v) => answerOffer(ctx(), a, e.params.networkId, e.params.commitmentId, v),
			m.offer_answered
		),
	save: async (e) =>
		post(
			e,
			commitmentInput,
			() => 'commitment',
			(a, v) => updateCommitment(ctx(), a, e.params.networkId, e.params.commitmentId, v),
			m.commitment_saved,
			'coOwner_'
		),
	state: async (e) =>
		post(
			e,
			stateInput,
			() => 'state',
			(a, v) => changeState(ctx(), a, e.params.networkId, e.params.commitmentId, v),
			m.commitment_state_changed
		),
	delete: async ({ locals, params }) => {
		const r = await runForm(noFields, {}, () =>
			deleteCommitment(ctx(), actor(locals), params.networkId, params.commitmentId).then(() => ({
				deleted: true
			}))
		);
		if ('deleted' in r) redirect(303, `/networks/${params.networkId}/commitments`);
		return r;
	},
	plan: async (e) =>
		post(
			e,
			planInput,
			() => 'plan',
			(a, v) => savePlan(ctx(), a, e.params.networkId, e.params.commitmentId, v),
			m.plan_saved,
			'role_'
		),
	funding: async (e) =>
		post(
			e,
			fundingInput,
			() => 'funding',
			(a, v) => saveFunding(ctx(), a, e.params.networkId, e.params.commitmentId, v),
			m.funding_saved
		),
	addSprint: async (e) =>
		post(
			e,
			sprintInput,
			() => 'sprint-new',
			(a, v) => addSprint(ctx(), a, e.params.networkId, e.params.commitmentId, v),
			m.sprint_added
		),
	saveSprint: async (e) =>
		post(
			e,
			sprintInput,
			(raw) => `sprint-${raw.sprintId}`,
			(a, v, raw) =>
				updateSprint(ctx(), a, e.params.networkId, e.params.commitmentId, raw.sprintId ?? '', v),
			m.sprint_saved
		),
	deleteSprint: async (e) =>
		post(
			e,
			noFields,
			(raw) => `sprint-${raw.sprintId}`,
			(a, _v, raw) =>
				deleteSprint(ctx(), a, e.params.networkId, e.params.commitmentId, raw.sprintId ?? ''),
			m.sprint_deleted
		),
	addAction: async (e) =>
		post(
			e,
			actionInput,
			(raw) => `action-${raw.sprintId}`,
			(a, v, raw) =>
				addAction(ctx(), a, e.params.networkId, e.params.commitmentId, raw.sprintId ?? '', v),
			m.action_added
		),
	saveAction: async (e) =>
		post(
			e,
			actionInput,
			(raw) => `edit-action-${raw.actionId}`,
			(a, v, raw) =>
				updateAction(ctx(), a, e.params.networkId, e.params.commitmentId, raw.actionId ?? '', v),
			m.action_saved
		),
	progress: async (e) =>
		post(
			e,
			actionProgressInput,
			(raw) => `progress-${raw.actionId}`,
			(a, v, raw) =>
				progressAction(ctx(), a, e.params.networkId, e.params.commitmentId, raw.actionId ?? '', v),
			m.action_updated
		),
	deleteAction: async (e) =>
		post(
			e,
			noFields,
			(raw) => `progress-${raw.actionId}`,
			(a, _v, raw) =>
				deleteAction(ctx(), a, e.params.networkId, e.params.commitmentId, raw.actionId ?? ''),
			m.action_deleted
		),
	checkin: async (e) =>
		post(
			e,
			checkinInput,
			(raw) => `checkin-${raw.sprintId}-${raw.moment}`,
			(a, v, raw) =>
				saveCheckin(ctx(), a, e.params.networkId, e.params.commitmentId, raw.sprintId ?? '', {
					...v,
					moment: raw.moment ?? ''
				}),
			m.checkin_saved
		)
};
