import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import type { Actor } from '#lib/server/context.ts';
import { namedAction, noFields, ticked } from '#lib/server/forms.ts';
import {
	addSection,
	adoptTips,
	editInsight,
	mergeInsight,
	moveInsight,
	placeInsight,
	removeSection
} from '#lib/server/modules/learning/insight.service.ts';
import {
	adoptInput,
	creditInput,
	guestsInput,
	insightTextInput,
	mergeInput,
	moveInput,
	placeInput,
	questionEditInput,
	sectionInput,
	tipInput
} from '#lib/server/modules/learning/learning.schema.ts';
import { editQuestion, setQuestionGuests } from '#lib/server/modules/learning/question.service.ts';
import {
	editTip,
	giveTip,
	removeTip,
	setTipCredit
} from '#lib/server/modules/learning/tip.service.ts';
import { questionPage } from '#lib/server/modules/learning/view.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A learning question: its provenance, its tips, and for a leader the curation of its insights. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.actor) error(404, m.error_not_found());
	const page = await questionPage(ctx(), locals.actor, params.networkId, params.questionId);
	// "Add a sub-tip" under a tip: the give-a-tip form opens with that tip chosen.
	const under = url.searchParams.get('under') ?? '';
	return { page, under: page.tips.some((t) => t.id === under) ? under : '' };
};

const actor = (locals: App.Locals): Actor => locals.actor ?? error(404, m.error_not_found());

function post<W extends string>(
	{ request, locals }: RequestEvent,
	contract: z.ZodType,
	form: W,
	run: (a: Actor, v: Record<string, string>) => Promise<unknown>,
	message: (r: unknown) => string
) {
	const a = actor(locals);
	return namedAction(request, contract, form, (v) => run(a, v), message);
}

/** The item a per-item form is about, from its hidden `id`. */
const idOf = (v: Record<string, string>) => v.id ?? '';

export const actions: Actions = {
	tip: (e) =>
		post(
			e,
			tipInput,
			'tip',
			(a, v) => giveTip(ctx(), a, e.params.networkId, e.params.questionId, v),
			() => m.learning_tip_added()
		),
	editTip: (e) =>
		post(
			e,
			tipInput.pick({ text: true, practice: true }),
			'tips',
			(a, v) => editTip(ctx(), a, e.params.networkId, idOf(v), v),
			() => m.learning_tip_saved()
		),
	credit: (e) =>
		post(
			e,
			creditInput,
			'tips',
			(a, v) => setTipCredit(ctx(), a, e.params.networkId, idOf(v), v),
			() => m.learning_credit_saved()
		),
	removeTip: (e) =>
		post(
			e,
			noFields,
			'tips',
			(a, v) => removeTip(ctx(), a, e.params.networkId, idOf(v)),
			() => m.learning_tip_removed()
		),
	question: (e) =>
		post(
			e,
			questionEditInput,
			'question',
			(a, v) => editQuestion(ctx(), a, e.params.networkId, e.params.questionId, v),
			() => m.learning_question_saved()
		),
	guests: (e) =>
		post(
			e,
			guestsInput,
			'guests',
			(a, v) =>
				setQuestionGuests(ctx(), a, e.params.networkId, e.params.questionId, {
					membershipIds: ticked(v, 'g-')
				}),
			() => m.learning_guests_saved()
		),
	adoptAll: (e) =>
		post(
			e,
			noFields,
			'curation',
			(a) => adoptTips(ctx(), a, e.params.networkId, e.params.questionId, null),
			(n) => m.learning_adopted({ count: Number(n) })
		),
	adopt: (e) =>
		post(
			e,
			adoptInput,
			'curation',
			(a, v) => adoptTips(ctx(), a, e.params.networkId, e.params.questionId, idOf(v), v),
			(n) => m.learning_adopted({ count: Number(n) })
		),
	insight: (e) =>
		post(
			e,
			insightTextInput,
			'curation',
			(a, v) => editInsight(ctx(), a, e.params.networkId, idOf(v), v),
			() => m.learning_insight_saved()
		),
	merge: (e) =>
		post(
			e,
			mergeInput,
			'curation',
			(a, v) => mergeInsight(ctx(), a, e.params.networkId, idOf(v), v),
			() => m.learning_insight_merged()
		),
	move: (e) =>
		post(
			e,
			moveInput,
			'curation',
			(a, v) => moveInsight(ctx(), a, e.params.networkId, idOf(v), v),
			() => m.learning_insight_moved()
		),
	place: (e) =>
		post(
			e,
			placeInput,
			'curation',
			(a, v) => placeInsight(ctx(), a, e.params.networkId, idOf(v), v),
			() => m.learning_insight_placed()
		),
	section: (e) =>
		post(
			e,
			sectionInput,
			'section',
			(a, v) => addSection(ctx(), a, e.params.networkId, e.params.questionId, v),
			() => m.learning_section_added()
		),
	removeSection: (e) =>
		post(
			e,
			noFields,
			'curation',
			(a, v) => removeSection(ctx(), a, e.params.networkId, e.params.questionId, idOf(v)),
			() => m.learning_section_removed()
		)
};
