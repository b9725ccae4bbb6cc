import { z } from 'zod';
import { RESOURCE_KIND_VALUES } from '#lib/resource-kinds.ts';
import { optionalText, requiredText, text, token } from '../../validation.ts';

export const RESOURCE_KINDS = RESOURCE_KIND_VALUES;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Themes typed as "taal, toegankelijkheid": trimmed, lower case, no doubles, at most 10. */
export const parseThemes = (s: string) =>
	[
		...new Set(
			s
				.split(',')
				.map((t) => t.trim().toLowerCase().replace(/\s+/g, ' '))
				.filter(Boolean)
		)
	].slice(0, 10);

/** Themes as stored: ",taal,werk,", so one theme is found with LIKE '%,taal,%'. */
export const themeList = (themes: string[]) =>
	themes.length ? `,${themes.map((t) => t.trim().toLowerCase()).join(',')},` : '';

export const resourceInput = z
	.object({
		title: requiredText(200),
		kind: z.enum(RESOURCE_KINDS, 'error_choose_kind'),
		url: text(2000)
			.refine((v) => v === '' || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), 'error_link')
			.default(''),
		description: optionalText(5000),
		themes: text(500)
			.default('')
			.refine((v) => parseThemes(v).every((t) => t.length <= 60), 'error_theme_too_long'),
		sessionId: token().default(''),
		removeFile: token().optional()
	})
	.strip();
export type ResourceInput = z.input<typeof resourceInput>;

export const resourceFilter = z.object({
	kind: z.enum(RESOURCE_KINDS).or(z.literal('')).catch(''),
	theme: text(100).catch(''),
	session: token().catch('')
});
export type ResourceFilter = z.output<typeof resourceFilter>;

export const SEARCH_KINDS = [
	'report',
	'postit',
	'answer',
	'resource',
	'learning_question',
	'tip',
	'insight'
] as const;
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

export const searchInput = z.object({
	q: optionalText(200),
	kind: z.enum(SEARCH_KINDS).or(z.literal('')).default(''),
	theme: optionalText(100),
	session: token().default('')
});
export type SearchInput = z.input<typeof searchInput>;
