import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every string a person reads lives in messages/; Dutch is the source and English and French
// must be complete. A key used in the code but missing from the catalogue fails here.
type Variants = [{ match: Record<string, string> }];
/**
 * A message is a string, or (plural forms) a list with one object of variants; for these
 * checks a message with variants reads as all its variants side by side.
 */
const flat = (v: string | Variants) =>
	typeof v === 'string' ? v : Object.values(v[0]!.match).join(' | ');
const load = (l: string) =>
	Object.fromEntries(
		Object.entries(
			JSON.parse(fs.readFileSync(path.resolve('messages', `${l}.json`), 'utf8')) as Record<
				string,
				string | Variants
			>
		).map(([k, v]) => [k, k === '$schema' ? String(v) : flat(v)])
	);
const catalogs = { nl: load('nl'), en: load('en'), fr: load('fr') };
const keysOf = (c: Record<string, string>) =>
	Object.keys(c)
		.filter((k) => k !== '$schema')
		.sort();

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return p.includes('paraglide') ? [] : sourceFiles(p);
		return /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
	});
}

describe('message catalogues', () => {
	it('English and French have exactly the Dutch keys, none empty', () => {
		const nl = keysOf(catalogs.nl);
		expect(keysOf(catalogs.en)).toEqual(nl);
		expect(keysOf(catalogs.fr)).toEqual(nl);
		for (const [locale, c] of Object.entries(catalogs)) {
			for (const k of nl) expect(c[k]?.trim(), `${locale}.${k}`).toBeTruthy();
		}
	});

	it('placeholders match across languages', () => {
		const params = (s: string) =>
			[...new Set([...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]))].sort();
		for (const k of keysOf(catalogs.nl)) {
			expect(params(catalogs.en[k]!), `en.${k}`).toEqual(params(catalogs.nl[k]!));
			expect(params(catalogs.fr[k]!), `fr.${k}`).toEqual(params(catalogs.nl[k]!));
		}
	});

	it('every message the code uses exists', () => {
		const used = new Set<string>();
		for (const file of sourceFiles(path.resolve('src'))) {
			const text = fs.readFileSync(file, 'utf8');
			if (!text.includes('paraglide/messages')) {
				for (const x of text.matchAll(/'(error_[a-z_]+)'/g)) used.add(x[1]!);
				continue;
			}
			for (const x of text.matchAll(/\bm\.([a-z][a-z0-9_]*)\(/g)) used.add(x[1]!);
			for (const x of text.matchAll(/'(error_[a-z_]+)'/g)) used.add(x[1]!);
		}
		const missing = [...used].filter((k) => !(k in catalogs.nl));
		expect(missing).toEqual([]);
		expect(used.size).toBeGreaterThan(100);
	});
});
