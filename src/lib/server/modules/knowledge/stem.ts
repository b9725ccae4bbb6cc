import snowball from 'snowball-stemmers';
import type { AppLocale } from '../../db/types.ts';

/**
 * Words to their Snowball stems, so "gemeenten" finds "gemeente" and "bibliothèques" finds
 * "bibliothèque". SQLite's FTS5 has no Dutch or French stemmer of its own, so the index holds
 * stems made here; PostgreSQL's `dutch`/`french`/`english` configurations are the same
 * Snowball algorithms, and highlighting uses these on both databases.
 */
const ALGORITHM: Record<AppLocale, string> = { nl: 'dutch', en: 'english', fr: 'french' };
export const PG_CONFIG: Record<AppLocale, string> = { nl: 'dutch', en: 'english', fr: 'french' };

const stemmers = new Map<AppLocale, { stem(w: string): string }>();
function stemmer(lang: AppLocale) {
	let s = stemmers.get(lang);
	if (!s) stemmers.set(lang, (s = snowball.newStemmer(ALGORITHM[lang])));
	return s;
}

const WORD = /[\p{L}\p{N}]+/gu;
const plain = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '');

/** The stem of one word, lower case and without accents (as FTS5's tokenizer folds them). */
export function stemWord(word: string, lang: AppLocale): string {
	return plain(stemmer(lang).stem(word.toLowerCase()));
}

export function stems(text: string, lang: AppLocale): string[] {
	return [...text.matchAll(WORD)].map((m) => stemWord(m[0], lang));
}

/** The searcher's words as an FTS5 query: every stem must occur, the last one may be a prefix. */
export function ftsQuery(q: string, lang: AppLocale): string | null {
	const words = [...new Set(stems(q, lang))].slice(0, 12);
	if (!words.length) return null;
	return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

export interface Segment {
	text: string;
	mark: boolean;
}

/**
 * A short piece of `text` around the first word that matches, as segments to render (never
 * HTML): the matching words are marked.
 */
export function highlight(text: string, q: string, lang: AppLocale, width = 220): Segment[] {
	const wanted = new Set(stems(q, lang));
	const hits: [number, number][] = [];
	for (const m of text.matchAll(WORD))
		if (wanted.has(stemWord(m[0], lang))) hits.push([m.index, m.index + m[0].length]);
	let start = 0;
	if (hits.length && hits[0]![0] > width / 3)
		start = Math.max(0, hits[0]![0] - Math.floor(width / 3));
	let end = Math.min(text.length, start + width);
	// Cut at spaces, and say it was cut.
	if (start > 0) start = text.indexOf(' ', start) + 1 || start;
	if (end < text.length)
		end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
	const out: Segment[] = [];
	let at = start;
	for (const [a, b] of hits) {
		if (a < at || b > end) continue;
		if (a > at) out.push({ text: text.slice(at, a), mark: false });
		out.push({ text: text.slice(a, b), mark: true });
		at = b;
	}
	if (at < end) out.push({ text: text.slice(at, end), mark: false });
	if (start > 0) out.unshift({ text: '… ', mark: false });
	if (end < text.length) out.push({ text: ' …', mark: false });
	return out;
}
