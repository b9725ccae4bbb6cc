import type { z } from 'zod';
import { iso, type Actor, type Ctx } from '../../context.ts';
import type { AppLocale } from '../../db/types.ts';
import { parseInput } from '../../validation.ts';
import { findNetwork } from '../network/network.repository.ts';
import { requireMember } from '../network/network.policy.ts';
import {
	searchInput,
	themeList,
	type SearchDoc,
	type SearchInput,
	type SearchKind
} from './knowledge.schema.ts';
import { insertSearchDocs, removeSearchDocs, searchDocs } from './search.repository.ts';
import { highlight, type Segment } from './stem.ts';

export {
	SEARCH_KINDS,
	type SearchDoc,
	type SearchInput,
	type SearchKind
} from './knowledge.schema.ts';
export { themeList };

/** Adds documents to the index in the network's language (inside the caller's transaction). */
export async function indexDocs(
	db: Ctx['db'],
	networkId: string,
	lang: AppLocale,
	docs: SearchDoc[],
	now: Date
) {
	await insertSearchDocs(db, networkId, lang, docs, iso(now));
}

/** Removes documents: all of a session's (kinds given), or one source's. */
export async function removeDocs(
	db: Ctx['db'],
	where: { sessionId: string; kinds: SearchKind[] } | { kind: SearchKind; sourceId: string }
) {
	await removeSearchDocs(db, where);
}

export interface SearchHit {
	kind: SearchKind;
	title: string;
	link: string;
	sessionId: string | null;
	segments: Segment[];
	themes: string[];
}

/**
 * Full-text search within one network, ranked: the searcher must be a member, and only that
 * network's documents are looked at. Words are matched in their other forms (stems).
 */
export async function search(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	raw: SearchInput,
	limit = 20
): Promise<{ hits: SearchHit[]; query: z.output<typeof searchInput> }> {
	await requireMember(ctx, actor, networkId);
	const input = parseInput(searchInput, raw);
	if (!input.q) return { hits: [], query: input };
	const lang = (await findNetwork(ctx.db, networkId))!.language;
	const rows = await searchDocs(ctx.db, {
		networkId,
		lang,
		q: input.q,
		kind: input.kind,
		sessionId: input.session,
		theme: input.theme,
		limit
	});
	return {
		query: input,
		hits: rows.map((r) => ({
			kind: r.kind as SearchKind,
			title: r.title,
			link: r.link,
			sessionId: r.sessionId,
			themes: r.themes.split(',').filter(Boolean),
			segments: highlight(r.body || r.title, input.q, lang)
		}))
	};
}
