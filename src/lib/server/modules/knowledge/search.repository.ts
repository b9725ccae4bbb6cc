import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../db/migrations/dialect.ts';
import type { AppLocale, Database } from '../../db/types.ts';
import { themeList, type SearchDoc, type SearchKind } from './knowledge.schema.ts';
import { ftsQuery, PG_CONFIG, stems } from './stem.ts';

/**
 * The search index, the one place where the two databases differ: PostgreSQL ranks a weighted
 * `tsvector` made with its Snowball configuration for the network's language; SQLite keeps
 * Snowball stems made here in an FTS5 table (`search_fts`, rowid = search_doc.id) and ranks
 * with bm25. Callers see the same functions, arguments and rows on both.
 */
type Db = Kysely<Database>;

/** Adds documents to the index in the network's language. */
export async function insertSearchDocs(
	db: Db,
	networkId: string,
	lang: AppLocale,
	docs: SearchDoc[],
	nowIso: string
) {
	const pg = isPostgres(db);
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
			createdAt: nowIso
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
			// The title twice: it weighs more in bm25, as the 'A' weight does on PostgreSQL.
			const text = stems(`${row.title} ${row.title} ${row.body} ${d.themes.join(' ')}`, lang);
			await sql`INSERT INTO search_fts (rowid, stems) VALUES (${id}, ${text.join(' ')})`.execute(
				db
			);
		}
	}
}

/** Removes documents: all of a session's (kinds given), or one source's. */
export async function removeSearchDocs(
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
	if (!isPostgres(db))
		await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(ids)})`.execute(db);
	await db.deleteFrom('searchDoc').where('id', 'in', ids).execute();
}

export interface SearchQuery {
	networkId: string;
	lang: AppLocale;
	q: string;
	kind: SearchKind | '';
	sessionId: string;
	theme: string;
	limit: number;
}

export interface SearchRow {
	kind: string;
	title: string;
	body: string;
	link: string;
	sessionId: string | null;
	themes: string;
}

/**
 * The best matches within one network, best first: only that network's documents are looked
 * at. Words match in their other forms (stems); on SQLite the last word may also be a prefix.
 */
export async function searchDocs(db: Db, s: SearchQuery): Promise<SearchRow[]> {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the FTS5 and the tsvector query differ in type but share the filtered columns
	const filters = (q: any) => {
		q = q.where('d.networkId', '=', s.networkId);
		if (s.kind) q = q.where('d.kind', '=', s.kind);
		if (s.sessionId) q = q.where('d.sessionId', '=', s.sessionId);
		if (s.theme) q = q.where('d.themes', 'like', `%,${s.theme.toLowerCase()},%`);
		return q;
	};
	const cols = ['d.kind', 'd.title', 'd.body', 'd.link', 'd.sessionId', 'd.themes'] as const;
	if (isPostgres(db)) {
		const query = sql`websearch_to_tsquery(${PG_CONFIG[s.lang]}::regconfig, ${s.q})`;
		return filters(
			db
				.selectFrom('searchDoc as d')
				.select(cols)
				.where(sql<boolean>`d.tsv @@ ${query}`)
				.orderBy(sql`ts_rank(d.tsv, ${query})`, 'desc')
				.orderBy('d.id', 'desc')
				.limit(s.limit)
		).execute();
	}
	const match = ftsQuery(s.q, s.lang);
	if (!match) return [];
	return filters(
		db
			.selectFrom(sql`search_fts`.as('f'))
			.innerJoin('searchDoc as d', 'd.id', sql`f.rowid` as never)
			.select(cols)
			.where(sql<boolean>`search_fts MATCH ${match}`)
			.orderBy(sql`bm25(search_fts)`)
			.orderBy('d.id', 'desc')
			.limit(s.limit)
	).execute();
}
