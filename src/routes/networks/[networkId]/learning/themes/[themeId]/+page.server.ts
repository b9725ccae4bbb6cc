import { error, redirect } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { formValues, runForm, which } from '#lib/server/forms.ts';
import { questionInput } from '#lib/server/modules/learning/learning.schema.ts';
import { createQuestion } from '#lib/server/modules/learning/question.service.ts';
import { themePage } from '#lib/server/modules/learning/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** A theme: its challenges, its questions, and the groups' drafts to word a question from. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { page: await themePage(ctx(), locals.actor, params.networkId, params.themeId) };
};

export const actions: Actions = {
	question: async ({ request, locals, params }) => {
		const a = locals.actor ?? error(404, m.error_not_found());
		const v: Record<string, string> = {
			...formValues(await request.formData()),
			themeId: params.themeId
		};
		const r = await runForm(questionInput, v, async () => ({
			id: await createQuestion(ctx(), a, params.networkId, v)
		}));
		if ('id' in r) redirect(303, `/networks/${params.networkId}/learning/questions/${r.id}`);
		return which(r, `question-${v.groupId ?? ''}`);
	}
};
