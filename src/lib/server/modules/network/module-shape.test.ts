import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The four doors of every module: queries live in repositories, services never reach for the
 * SQL tag or a driver, policies decide from what they are handed, a module reads another only
 * through its index (or a schema), and no modules use each other in a circle.
 * (`npm run check:deps` checks the index rule too, on the resolved import graph.)
 */
const MODULES = ['network', 'session', 'trajectory', 'live', 'knowledge', 'report', 'commitment'];
const root = join(import.meta.dirname, '..');
const files = (module: string) =>
	readdirSync(join(root, module))
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
		.map((f) => ({ name: f, text: readFileSync(join(root, module, f), 'utf8') }));

/** Every import of another module's file, relative (`../x/f.ts`) or by alias (`#lib/server/modules/x/f.ts`). */
const OTHER_MODULE = /from '(?:\.\.|[#$]lib\/server\/modules)\/([a-z-]+)\/([^']+)'/g;

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
			[...f.text.matchAll(OTHER_MODULE)]
				.filter(([, other, path]) => other !== module && !/^index\.ts$|\.schema\.ts$/.test(path!))
				.map(([spec]) => `${f.name}: ${spec}`)
		);
		expect(offenders).toEqual([]);
	});

	it('has an index with what other modules may use', () => {
		expect(files(module).some((f) => f.name === 'index.ts')).toBe(true);
	});
});

/** Which modules each module imports, through any of its files (tests left out: they set up state). */
const uses = (module: string) =>
	new Set(
		files(module)
			.flatMap((f) => [...f.text.matchAll(OTHER_MODULE)].map(([, other]) => other!))
			.filter((other) => other !== module && MODULES.includes(other))
	);

/** A circle of modules that use each other, of any length, or null. */
function findCycle(edges: Map<string, Set<string>>): string[] | null {
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (m: string): string[] | null => {
		if (state.get(m) === 'done') return null;
		if (state.get(m) === 'open') return [...path.slice(path.indexOf(m)), m];
		state.set(m, 'open');
		path.push(m);
		for (const next of edges.get(m) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		path.pop();
		state.set(m, 'done');
		return null;
	};
	for (const m of edges.keys()) {
		const cycle = visit(m);
		if (cycle) return cycle;
	}
	return null;
}

/**
 * The known ways back, both for one reason: leaving (or being removed from) a network forgets the
 * member's trajectory and commitments in the same transaction, so network's membership.service
 * calls trajectory's and commitment's index. Every other use of a module by another must point
 * one way.
 */
const KNOWN_BACK_EDGES = ['network -> trajectory', 'network -> commitment'];

describe('the modules', () => {
	const graph = () =>
		new Map(
			MODULES.map((m) => [
				m,
				new Set([...uses(m)].filter((other) => !KNOWN_BACK_EDGES.includes(`${m} -> ${other}`)))
			])
		);

	it('use each other one way: no two (or more) modules import each other in a circle', () => {
		expect(findCycle(graph())).toBeNull();
	});

	it('find a circle of any length when there is one', () => {
		const edges = new Map([
			['a', new Set(['b'])],
			['b', new Set(['c'])],
			['c', new Set(['a'])],
			['d', new Set(['a'])]
		]);
		expect(findCycle(edges)).toEqual(['a', 'b', 'c', 'a']);
		edges.get('c')!.delete('a');
		expect(findCycle(edges)).toBeNull();
	});

	it('still have each known way back (a stale exception hides nothing)', () => {
		for (const edge of KNOWN_BACK_EDGES) {
			const [from, to] = edge.split(' -> ') as [string, string];
			expect(uses(from).has(to), edge).toBe(true);
		}
	});
});
