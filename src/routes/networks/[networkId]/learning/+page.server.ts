import { error, redirect } from '@sveltejs/kit';
import type { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import type { Actor } from '#lib/server/context.ts';
import { formValues, namedAction, noFields, runForm, ticked, which } from '#lib/server/forms.ts';
import {
	bringChallenge,
	chooseThemes,
	clusterChallenges,
	createTheme,
	harvestSession,
	removeChallenge
} from '#lib/server/modules/learning/challenge.service.ts';
import { createCollection } from '#lib/server/modules/learning/collection.service.ts';
import {
	challengeInput,
	chooseThemesInput,
	clusterInput,
	collectionInput,
	harvestInput,
	themeInput
} from '#lib/server/modules/learning/learning.schema.ts';
import { learningOverview } from '#lib/server/modules/learning/view.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Learning questions: challenges, themes, questions and the collected insights of a network. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { learning: await learningOverview(ctx(), locals.actor, params.networkId) };
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

export const actions: Actions = {
	bring: (e) =>
		post(
			e,
			challengeInput,
			'bring',
			(a, v) => bringChallenge(ctx(), a, e.params.networkId, v),
			() => m.learning_challenge_added()
		),
	removeChallenge: (e) =>
		post(
			e,
			noFields,
			'challenges',
			(a, v) => removeChallenge(ctx(), a, e.params.networkId, v.id ?? ''),
			() => m.learning_challenge_removed()
		),
	theme: (e) =>
		post(
			e,
			themeInput,
			'theme',
			(a, v) => createTheme(ctx(), a, e.params.networkId, v),
			() => m.learning_theme_added()
		),
	cluster: (e) =>
		post(
			e,
			clusterInput,
			'cluster',
			(a, v) =>
				clusterChallenges(ctx(), a, e.params.networkId, {
					themeId: v.themeId ?? '',
					challengeIds: ticked(v, 'c-')
				}),
			(n) => m.learning_clustered({ count: Number(n) })
		),
	choose: (e) =>
		post(
			e,
			chooseThemesInput,
			'choose',
			(a, v) =>
				chooseThemes(ctx(), a, e.params.networkId, v.sessionId ?? '', {
					themeIds: ticked(v, 't-')
				}),
			() => m.learning_themes_chosen()
		),
	harvest: (e) =>
		post(
			e,
			harvestInput,
			'harvest',
			(a, v) => harvestSession(ctx(), a, e.params.networkId, v),
			(r) => {
				const x = r as { challenges: number; themes: number; chosen: number };
				return [
					m.learning_harvested_challenges({ count: x.challenges }),
					m.learning_harvested_themes({ count: x.themes }),
					m.learning_harvested_chosen({ count: x.chosen })
				].join(' · ');
			}
		),
	collection: async ({ request, locals, params }) => {
		const v = formValues(await request.formData());
		const r = await runForm(collectionInput, v, async () => ({
			id: await createCollection(ctx(), actor(locals), params.networkId, v)
		}));
		if ('id' in r) redirect(303, `/networks/${params.networkId}/learning/collections/${r.id}`);
		return which(r, 'collection');
	}
};
