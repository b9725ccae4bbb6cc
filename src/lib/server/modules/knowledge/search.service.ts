import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { iso, type Actor, type Ctx } from '../../context.ts';
import { isPostgres } from '../../db/migrations/dialect.ts';
import type { AppLocale, Database } from '../../db/types.ts';
import { optionalText, parseInput, token } from '../../validation.ts';
import { findNetwork } from '../network/network.repository.ts';
import { requireMember } from '../network/network.policy.ts';
import { ftsQuery, highlight, PG_CONFIG, stems, type Segment } from './stem.ts';

export const SEARCH_KINDS = ['report', 'postit', 'answer', 'resource'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One findable thing. Everything in the index is readable by every member of its network. */
export interface SearchDoc {
	sessionId: string | null;
	kind: SearchKind;
	sourceId: string;
	title: string;
	body: string;
	themes: string[];
	link: string;
}

type Db = Kysely<Database> | Transaction<Database>;

export const themeList = (themes: string[]) =>
	themes.length ? `,${themes.map((t) => t.trim().toLowerCase()).join(',')},` : '';

/** Adds documents to the index in the network's language. */
export async function indexDocs(
	db: Db,
	networkId: string,
	lang: AppLocale,
	docs: SearchDoc[],
	now: Date
) {
	const pg = isPostgres(db as Kysely<Database>);
	for (const d of docs) {
		const row = {
			networkId,
			sessionId: d.sessionId,
			kind: d.kind,
			sourceId: d.sourceId,
			title: d.title.slice(0, 500),
			body: d.body.slice(0, 20_000),
			themes: themeList(d.themes),
			link: d.link,
			createdAt: iso(now)
		};
		if (pg) {
			const cfg = PG_CONFIG[lang];
			await db
				.insertInto('searchDoc')
				.values({
					...row,
					// The title weighs more than the body in the ranking.
					tsv: sql`setweight(to_tsvector(${cfg}::regconfig, ${row.title}), 'A') || setweight(to_tsvector(${cfg}::regconfig, ${row.body + ' ' + d.themes.join(' ')}), 'B')`
				} as never)
				.execute();
		} else {
			const { id } = await db
				.insertInto('searchDoc')
				.values(row)
				.returning('id')
				.executeTakeFirstOrThrow();
			const text = stems(`${row.title} ${row.title} ${row.body} ${d.themes.join(' ')}`, lang);
			await sql`INSERT INTO search_fts (rowid, stems) VALUES (${id}, ${text.join(' ')})`.execute(
				db
			);
		}
	}
}

/** Removes documents: all of a session's (kinds given), or one source's. */
export async function removeDocs(
	db: Db,
	where: { sessionId: string; kinds: SearchKind[] } | { kind: SearchKind; sourceId: string }
) {
	let q = db.selectFrom('searchDoc').select('id');
	q =
		'sessionId' in where
			? q.where('sessionId', '=', where.sessionId).where('kind', 'in', where.kinds)
			: q.where('kind', '=', where.kind).where('sourceId', '=', where.sourceId);
	const ids = (await q.execute()).map((r) => r.id);
	if (!ids.length) return;
	if (!isPostgres(db as Kysely<Database>))
		await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(ids)})`.execute(db);
	await db.deleteFrom('searchDoc').where('id', 'in', ids).execute();
}

const searchInput = z.object({
	q: optionalText(200),
	kind: z.enum(SEARCH_KINDS).or(z.literal('')).default(''),
	theme: optionalText(100),
	session: token().default('')
});
export type SearchInput = z.input<typeof searchInput>;

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
	const pg = isPostgres(ctx.db);
	let rows: {
		kind: string;
		title: string;
		body: string;
		link: string;
		sessionId: string | null;
		themes: string;
	}[];
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the FTS5 and the tsvector query differ in type but share the filtered columns
	const filters = (q: any) => {
		q = q.where('d.networkId', '=', networkId);
		if (input.kind) q = q.where('d.kind', '=', input.kind);
		if (input.session) q = q.where('d.sessionId', '=', input.session);
		if (input.theme) q = q.where('d.themes', 'like', `%,${input.theme.toLowerCase()},%`);
		return q;
	};
	const cols = ['d.kind', 'd.title', 'd.body', 'd.link', 'd.sessionId', 'd.themes'] as const;
	if (pg) {
		const query = sql`websearch_to_tsquery(${PG_CONFIG[lang]}::regconfig, ${input.q})`;
		rows = await filters(
			ctx.db
				.selectFrom('searchDoc as d')
				.select(cols)
				.where(sql<boolean>`d.tsv @@ ${query}`)
				.orderBy(sql`ts_rank(d.tsv, ${query})`, 'desc')
				.orderBy('d.id', 'desc')
				.limit(limit)
		).execute();
	} else {
		const match = ftsQuery(input.q, lang);
		if (!match) return { hits: [], query: input };
		rows = await filters(
			ctx.db
				.selectFrom(sql`search_fts`.as('f'))
				.innerJoin('searchDoc as d', 'd.id', sql`f.rowid` as never)
				.select(cols)
				.where(sql<boolean>`search_fts MATCH ${match}`)
				.orderBy(sql`bm25(search_fts)`)
				.orderBy('d.id', 'desc')
				.limit(limit)
		).execute();
	}
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
