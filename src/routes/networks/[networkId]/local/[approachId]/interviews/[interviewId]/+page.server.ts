import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { namedAction, noFields } from '#lib/server/forms.ts';
import { interviewEditInput, noteInput } from '#lib/server/modules/locality/locality.schema.ts';
import {
	addNote,
	editInterview,
	removeInterview,
	removeNote
} from '#lib/server/modules/locality/evidence.service.ts';
import { interviewPage } from '#lib/server/modules/locality/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** An interview of a snapshot: who, when, the consent, and the interviewer's coded notes. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return {
		page: await interviewPage(
			ctx(),
			locals.actor,
			params.networkId,
			params.approachId,
			params.interviewId
		)
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	edit: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			interviewEditInput,
			'edit',
			(v) => editInterview(ctx(), a, params.networkId, params.approachId, params.interviewId, v),
			() => m.local_interview_saved()
		);
	},
	note: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			noteInput,
			'note',
			(v) => addNote(ctx(), a, params.networkId, params.approachId, params.interviewId, v),
			() => m.local_note_added()
		);
	},
	removeNote: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			z.object({ noteId: z.string() }),
			'note',
			(v) =>
				removeNote(
					ctx(),
					a,
					params.networkId,
					params.approachId,
					params.interviewId,
					v.noteId ?? ''
				),
			() => m.local_note_removed()
		);
	},
	remove: async ({ request, locals, params }) => {
		const a = actor(locals);
		const page = await interviewPage(
			ctx(),
			a,
			params.networkId,
			params.approachId,
			params.interviewId
		).catch(() => null);
		const r = await namedAction(
			request,
			noFields,
			'remove',
			() => removeInterview(ctx(), a, params.networkId, params.approachId, params.interviewId),
			() => ''
		);
		if ('message' in r && page)
			redirect(
				303,
				`/networks/${params.networkId}/local/${params.approachId}/snapshots/${page.snapshot.id}`
			);
		return r;
	}
};
