import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as compiled from './paraglide/messages.js';

/**
 * Every message that shows a number, found from the catalogues (so a new one is covered by
 * default), rendered through the compiled messages with 0, 1, 2 and 5 in every language.
 * French says "0 participant·e", English "0 participants": the form follows Intl.PluralRules,
 * never a "1" written into the text.
 */
const LOCALES = ['nl', 'en', 'fr'] as const;
type Locale = (typeof LOCALES)[number];
type Variants = [{ declarations?: string[]; selectors?: string[]; match: Record<string, string> }];
type Catalogue = Record<string, string | Variants>;
const catalogues = Object.fromEntries(
	LOCALES.map((l) => [
		l,
		JSON.parse(fs.readFileSync(path.resolve('messages', `${l}.json`), 'utf8')) as Catalogue
	])
) as Record<Locale, Catalogue>;
const render = compiled as unknown as Record<
	string,
	(inputs: Record<string, unknown>, options: { locale: Locale }) => string
>;

/** Inputs that are numbers by their name, and any input a message declares as `: plural`. */
const NUMERIC_NAME =
	/^(count|n|max|min|left|budget|used|total|days|hours|minutes|weeks|months|set|progress|reached|percent|size|number|version|from)$|(Count|Total|Max|Min)$/;
/** Numbers that name a thing rather than count it ("group 3", "version 4"): no plural form. */
const LABELS = new Set(['number', 'version', 'from']);
/** Unit symbols are the same for one and many ("1 MB", "5 MB"). */
const UNIT = /^(%|min\.?|MB|Mo|kB|ko|GB|Go)$/;
const VALUES = [0, 1, 2, 5];

const patternsOf = (v: string | Variants) =>
	typeof v === 'string' ? [v] : Object.values(v[0].match);
const inputsOf = (v: string | Variants) => {
	const names = new Set<string>();
	for (const p of patternsOf(v)) for (const x of p.matchAll(/\{(\w+)\}/g)) names.add(x[1]!);
	if (typeof v !== 'string')
		for (const d of v[0].declarations ?? []) {
			const input = /^input (\w+)$/.exec(d);
			if (input) names.add(input[1]!);
		}
	return names;
};
/** The inputs whose plural category picks the variant: `local xPlural = x: plural` and selected. */
const pluralSelected = (v: string | Variants) => {
	if (typeof v === 'string') return new Set<string>();
	const selectors = new Set(v[0].selectors ?? []);
	const out = new Set<string>();
	for (const d of v[0].declarations ?? []) {
		const local = /^local (\w+) = (\w+): plural\b/.exec(d);
		if (local && selectors.has(local[1]!)) out.add(local[2]!);
	}
	return out;
};
const declaredPlural = (v: string | Variants) =>
	typeof v === 'string'
		? []
		: (v[0].declarations ?? []).flatMap((d) => /^local \w+ = (\w+): plural\b/.exec(d)?.[1] ?? []);

const numericMessages = Object.keys(catalogues.nl)
	.filter((k) => k !== '$schema')
	.map((key) => {
		const numeric = new Set<string>();
		for (const l of LOCALES) {
			const v = catalogues[l][key]!;
			for (const x of inputsOf(v)) if (NUMERIC_NAME.test(x)) numeric.add(x);
			for (const x of declaredPlural(v)) numeric.add(x);
		}
		const all = new Set(LOCALES.flatMap((l) => [...inputsOf(catalogues[l][key]!)]));
		return { key, numeric: [...numeric].sort(), others: [...all].filter((x) => !numeric.has(x)) };
	})
	.filter((m) => m.numeric.length > 0);

/** Every assignment of 0, 1, 2 and 5 to the message's numbers. */
function* assignments(names: string[]): Generator<Record<string, number>> {
	if (!names.length) return yield {};
	const [first, ...rest] = names;
	for (const tail of assignments(rest)) for (const v of VALUES) yield { ...tail, [first!]: v };
}
const inputs = (m: (typeof numericMessages)[number], numbers: Record<string, number>) => ({
	...Object.fromEntries(m.others.map((x) => [x, 'X'])),
	...numbers
});
const digits = (s: string) => [...s.matchAll(/\d+/g)].map((x) => Number(x[0])).sort();

describe('numbers in messages', () => {
	it('finds the messages that show a number', () => {
		const keys = numericMessages.map((m) => m.key);
		for (const k of [
			'live_participants',
			'dots_total',
			'postits_left',
			'dots_left',
			'error_too_long'
		])
			expect(keys).toContain(k);
		expect(keys.length).toBeGreaterThan(30);
	});

	it('chooses its words by plural form wherever a word follows a count', () => {
		const missing: string[] = [];
		for (const m of numericMessages)
			for (const l of LOCALES) {
				const v = catalogues[l][m.key]!;
				const selected = pluralSelected(v);
				for (const x of m.numeric) {
					if (LABELS.has(x) || selected.has(x)) continue;
					// A number standing alone ("Your dots: 3", "(3)") or before a unit has no word to agree with.
					const followers = patternsOf(v).flatMap((p) =>
						[...p.matchAll(new RegExp(`\\{${x}\\}\\+?\\s*([^\\s{}.,:;!?)]+)`, 'gu'))].map(
							(f) => f[1]!
						)
					);
					if (followers.some((w) => !UNIT.test(w))) missing.push(`${l}.${m.key} {${x}}`);
				}
			}
		expect(missing).toEqual([]);
	});

	it('shows exactly the numbers it is given, with 0, 1, 2 and 5, in every language', () => {
		const wrong: string[] = [];
		for (const m of numericMessages)
			for (const numbers of assignments(m.numeric))
				for (const locale of LOCALES) {
					const out = render[m.key]!(inputs(m, numbers), { locale });
					const given = Object.values(numbers).sort();
					if (JSON.stringify(digits(out)) !== JSON.stringify(given))
						wrong.push(`${locale}.${m.key} ${JSON.stringify(numbers)} → ${out}`);
				}
		expect(wrong).toEqual([]);
	});

	it('never puts the singular form next to a number that takes the plural', () => {
		const wrong: string[] = [];
		for (const m of numericMessages)
			for (const locale of LOCALES) {
				const rules = new Intl.PluralRules(locale);
				for (const x of pluralSelected(catalogues[locale][m.key]!)) {
					// The other numbers stay at 7 (plural everywhere), so the words that change are x's.
					const at = (v: number) =>
						render[m.key]!(
							inputs(m, { ...Object.fromEntries(m.numeric.map((n) => [n, 7])), [x]: v }),
							{ locale }
						);
					const shape = (v: number) => at(v).replace(new RegExp(`(?<!\\d)${v}(?!\\d)`), '#');
					const singular = shape(1);
					const plural = shape(5);
					if (singular === plural) continue; // the same words for one and many: nothing to tell
					for (const v of VALUES) {
						const expected = rules.select(v) === 'one' ? singular : plural;
						if (shape(v) !== expected) wrong.push(`${locale}.${m.key} {${x}}=${v} → ${at(v)}`);
					}
				}
			}
		expect(wrong).toEqual([]);
	});

	it('has a form for every plural category of every language, so no count shows the message key', () => {
		const gaps: string[] = [];
		for (const m of numericMessages)
			for (const locale of LOCALES)
				for (const x of pluralSelected(catalogues[locale][m.key]!))
					for (const v of [0, 1, 2, 5, 21, 100, 1_000_000]) {
						const numbers = { ...Object.fromEntries(m.numeric.map((n) => [n, 7])), [x]: v };
						const out = render[m.key]!(inputs(m, numbers), { locale });
						if (out === m.key) gaps.push(`${locale}.${m.key} {${x}}=${v}`);
					}
		expect(gaps).toEqual([]);
	});
});
