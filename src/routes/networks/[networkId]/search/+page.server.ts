import { translate } from '#lib/i18n.ts';
import { ctx } from '#lib/server/app.ts';
import { listThemes, sessionOptions } from '#lib/server/modules/knowledge/resource.queries.ts';
import { search } from '#lib/server/modules/knowledge/search.service.ts';
import { ValidationError, withoutControlCharacters } from '#lib/server/validation.ts';
import type { PageServerLoad } from './$types';

/** One search over the network's reports, post-its, answers and resources; a plain GET form. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const c = ctx();
	const raw = Object.fromEntries(
		['q', 'kind', 'theme', 'session'].map((k) => [k, url.searchParams.get(k) ?? ''])
	);
	const asked = {
		q: raw.q!.slice(0, 200),
		kind: (['report', 'postit', 'answer', 'resource'].includes(raw.kind!) ? raw.kind : '') as '',
		theme: raw.theme!.slice(0, 100),
		session: raw.session!.slice(0, 64)
	};
	// A pasted control character is told next to the search box, not as an error page.
	const { hits, query, error } = await search(c, locals.actor, params.networkId, asked).then(
		(r) => ({ ...r, error: null }),
		(e: unknown) => {
			if (!(e instanceof ValidationError)) throw e;
			const q = withoutControlCharacters(asked.q);
			return { hits: [], query: { ...asked, q, theme: '', session: '' }, error: translate(e.key) };
		}
	);
	const [themes, sessions] = await Promise.all([
		listThemes(c, params.networkId),
		sessionOptions(c, params.networkId)
	]);
	return { hits, query, error, themes, sessions };
};
