import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { formValues, namedAction, noFields, runForm, which, withItems } from '#lib/server/forms.ts';
import {
	findingInput,
	interviewInput,
	sourceInput
} from '#lib/server/modules/locality/locality.schema.ts';
import {
	addFinding,
	addInterview,
	addSource,
	removeFinding,
	removeSource,
	reviewPoints,
	scoreSnapshot
} from '#lib/server/modules/locality/evidence.service.ts';
import { snapshotPage } from '#lib/server/modules/locality/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** A snapshot: desk research, interviews, conclusions and improvement points, and its scores. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return {
		page: await snapshotPage(
			ctx(),
			locals.actor,
			params.networkId,
			params.approachId,
			params.snapshotId
		)
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());
const id = (name: string) => z.object({ [name]: z.string() });

export const actions: Actions = {
	source: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			sourceInput,
			'source',
			(v) => addSource(ctx(), a, params.networkId, params.approachId, params.snapshotId, v),
			() => m.local_source_added()
		);
	},
	removeSource: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			id('sourceId'),
			'source',
			(v) =>
				removeSource(
					ctx(),
					a,
					params.networkId,
					params.approachId,
					params.snapshotId,
					v.sourceId ?? ''
				),
			() => m.local_source_removed()
		);
	},
	interview: async ({ request, locals, params }) => {
		const a = actor(locals);
		const v = formValues(await request.formData());
		const r = await runForm(interviewInput, v, async () => ({
			id: await addInterview(ctx(), a, params.networkId, params.approachId, params.snapshotId, v)
		}));
		if ('id' in r)
			redirect(303, `/networks/${params.networkId}/local/${params.approachId}/interviews/${r.id}`);
		return which(r, 'interview');
	},
	finding: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			withItems(findingInput, ['interview-', 'source-'], ['basis']),
			'finding',
			(v) => addFinding(ctx(), a, params.networkId, params.approachId, params.snapshotId, v),
			() => m.local_finding_added()
		);
	},
	removeFinding: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			id('findingId'),
			'finding',
			(v) =>
				removeFinding(
					ctx(),
					a,
					params.networkId,
					params.approachId,
					params.snapshotId,
					v.findingId ?? ''
				),
			() => m.local_finding_removed()
		);
	},
	score: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			withItems(noFields, ['level-', 'evidence-'], ['frameworkId']),
			'score',
			(v) => scoreSnapshot(ctx(), a, params.networkId, params.approachId, params.snapshotId, v),
			() => m.local_scores_saved()
		);
	},
	review: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			withItems(noFields, ['addressed-', 'note-']),
			'review',
			(v) => reviewPoints(ctx(), a, params.networkId, params.approachId, params.snapshotId, v),
			() => m.local_review_saved()
		);
	}
};
