import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The four doors of the network, session, trajectory and commitment modules: queries live in repositories,
 * services never reach for the SQL tag or a driver, policies decide from what they are handed,
 * and a module reads another only through its index.
 */
const MODULES = ['network', 'session', 'trajectory', 'commitment'];
const root = join(import.meta.dirname, '..');
const files = (module: string) =>
	readdirSync(join(root, module))
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
		.map((f) => ({ name: f, text: readFileSync(join(root, module, f), 'utf8') }));

const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(|sql`/;
const DRIVER = /from '(better-sqlite3|pg|kysely\/helpers\/[^']+)'|\bsqlite\b|dialect/;
const KYSELY_VALUE = /^import (?!type )[^;]*from 'kysely'/m;

describe.each(MODULES)('the %s module', (module) => {
	it('keeps every query in a repository', () => {
		const offenders = files(module)
			.filter((f) => !f.name.endsWith('.repository.ts'))
			.filter((f) => QUERY.test(f.text))
			.map((f) => f.name);
		expect(offenders).toEqual([]);
	});

	it('has services and read functions that never import the SQL tag, a driver or the dialect', () => {
		const offenders = files(module)
			.filter((f) => !f.name.endsWith('.repository.ts'))
			.filter((f) => KYSELY_VALUE.test(f.text) || DRIVER.test(f.text))
			.map((f) => f.name);
		expect(offenders).toEqual([]);
	});

	it('has a policy that decides from facts: no context, no database, nothing awaited', () => {
		const policy = files(module).find((f) => f.name === `${module}.policy.ts`);
		expect(policy).toBeDefined();
		// The re-exports below the marker keep old import paths working; they define nothing here.
		const own = policy!.text.split('// Read functions that used to live here')[0]!;
		expect(own).not.toMatch(/\bCtx\b|\bctx\b|\bdb\.|\bawait\b|\.(repository|read)\.ts/);
	});

	it('reads other modules through their index, never their repository, policy or read file', () => {
		const offenders = files(module).flatMap((f) =>
			[...f.text.matchAll(/from '\.\.\/([a-z-]+)\/([^']+)'/g)]
				.filter(([, other, path]) => other !== module && !/^index\.ts$|\.schema\.ts$/.test(path!))
				.map(([spec]) => `${f.name}: ${spec}`)
		);
		expect(offenders).toEqual([]);
	});

	it('has an index with what other modules may use', () => {
		expect(files(module).some((f) => f.name === 'index.ts')).toBe(true);
	});
});

/**
 * Leaving a network forgets the member's trajectory and commitments in the same transaction (see
 * membership.service).
 */
const KNOWN_CYCLES = ['network <-> trajectory', 'commitment <-> network'];

it('has no two of these modules importing each other', () => {
	const uses = (module: string) =>
		new Set(
			files(module).flatMap((f) =>
				[...f.text.matchAll(/from '\.\.\/([a-z-]+)\//g)].map(([, other]) => other!)
			)
		);
	const cycles = MODULES.flatMap((a) =>
		MODULES.filter((b) => a < b && uses(a).has(b) && uses(b).has(a)).map((b) => `${a} <-> ${b}`)
	);
	expect(cycles.filter((c) => !KNOWN_CYCLES.includes(c))).toEqual([]);
});
