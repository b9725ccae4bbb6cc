import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import type { Actor } from '#lib/server/context.ts';
import { namedAction, noFields, ticked } from '#lib/server/forms.ts';
import {
	editCollection,
	publishCollection,
	setCollectionPublic,
	setCollectionQuestions
} from '#lib/server/modules/learning/collection.service.ts';
import {
	collectionInput,
	collectionQuestionsInput,
	publicInput
} from '#lib/server/modules/learning/learning.schema.ts';
import { memberCollection } from '#lib/server/modules/learning/view.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A collection of insights: what members read once published, and where a leader makes it. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return {
		view: await memberCollection(ctx(), locals.actor, params.networkId, params.collectionId),
		publicUrl: `${url.origin}/insights/${params.collectionId}`
	};
};

const actor = (locals: App.Locals): Actor => locals.actor ?? error(404, m.error_not_found());

function post<W extends string>(
	{ request, locals }: RequestEvent,
	contract: z.ZodType,
	form: W,
	run: (a: Actor, v: Record<string, string>) => Promise<unknown>,
	message: () => string
) {
	const a = actor(locals);
	return namedAction(request, contract, form, (v) => run(a, v), message);
}

export const actions: Actions = {
	edit: (e) =>
		post(
			e,
			collectionInput.pick({ title: true, introduction: true }),
			'edit',
			(a, v) => editCollection(ctx(), a, e.params.networkId, e.params.collectionId, v),
			() => m.learning_collection_saved()
		),
	questions: (e) =>
		post(
			e,
			collectionQuestionsInput,
			'questions',
			(a, v) =>
				setCollectionQuestions(ctx(), a, e.params.networkId, e.params.collectionId, {
					questionIds: ticked(v, 'q-')
				}),
			() => m.learning_collection_questions_saved()
		),
	publish: (e) =>
		post(
			e,
			noFields,
			'publish',
			(a) => publishCollection(ctx(), a, e.params.networkId, e.params.collectionId, true),
			() => m.learning_collection_published()
		),
	unpublish: (e) =>
		post(
			e,
			noFields,
			'publish',
			(a) => publishCollection(ctx(), a, e.params.networkId, e.params.collectionId, false),
			() => m.learning_collection_unpublished()
		),
	makePublic: (e) =>
		post(
			e,
			publicInput,
			'public',
			(a, v) => setCollectionPublic(ctx(), a, e.params.networkId, e.params.collectionId, v),
			() => m.learning_collection_made_public()
		),
	makePrivate: (e) =>
		post(
			e,
			noFields,
			'public',
			(a) => setCollectionPublic(ctx(), a, e.params.networkId, e.params.collectionId, null),
			() => m.learning_collection_made_private()
		)
};
