import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the house for the report and knowledge modules and the documents: queries only
 * in repositories (the one place the SQLite/PostgreSQL difference lives), no HTTP in modules.
 */
const DIRS = [
	'src/lib/server/modules/report',
	'src/lib/server/modules/knowledge',
	'src/lib/server/documents'
];
const files = DIRS.flatMap((d) =>
	fs
		.readdirSync(d)
		.filter((f) => /\.(ts|mjs)$/.test(f) && !f.endsWith('.test.ts'))
		.map((f) => path.join(d, f))
);
const read = (f: string) => fs.readFileSync(f, 'utf8');
const isRepository = (f: string) => f.endsWith('.repository.ts');

describe('report, knowledge and documents keep to their layers', () => {
	it('every query lives in a repository', () => {
		const query = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/;
		const offenders = files.filter((f) => !isRepository(f) && query.test(read(f)));
		expect(offenders).toEqual([]);
	});

	it('only a repository imports sql, the dialect or a driver', () => {
		const dialect =
			/from '(kysely|pg|better-sqlite3)'|migrations\/dialect\.ts'|import \{[^}]*\bsql\b[^}]*\} from 'kysely'/;
		const offenders = files.filter(
			(f) =>
				!isRepository(f) &&
				read(f)
					.split('\n')
					.some((l) => l.startsWith('import ') && !l.startsWith('import type') && dialect.test(l))
		);
		expect(offenders).toEqual([]);
		// The dialect difference of search is in one file.
		const dialectual = files.filter((f) => read(f).includes('isPostgres('));
		expect(dialectual).toEqual(['src/lib/server/modules/knowledge/search.repository.ts']);
	});

	it('a repository never imports a service, and no module builds an HTTP response', () => {
		expect(
			files.filter((f) => isRepository(f) && /from '[^']*\.service\.ts'/.test(read(f)))
		).toEqual([]);
		expect(files.filter((f) => /new Response\(|@sveltejs\/kit/.test(read(f)))).toEqual([]);
	});
});
