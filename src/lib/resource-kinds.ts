import * as m from '#lib/paraglide/messages.js';
import type { AppLocale } from './domain.ts';

/** The kinds of resource in the knowledge base, as the lists and filters name them. */
export const RESOURCE_KIND_VALUES = [
	'watch_tip',
	'reading_tip',
	'good_practice',
	'tool',
	'contact'
] as const;

type Msg = (inputs?: Record<string, never>, options?: { locale?: AppLocale }) => string;
const NAMES: Record<(typeof RESOURCE_KIND_VALUES)[number], Msg> = {
	watch_tip: m.resource_kind_watch_tip,
	reading_tip: m.resource_kind_reading_tip,
	good_practice: m.resource_kind_good_practice,
	tool: m.resource_kind_tool,
	contact: m.resource_kind_contact
};

export const resourceKindLabel = (kind: string, locale?: AppLocale) =>
	NAMES[kind as keyof typeof NAMES]?.({}, locale ? { locale } : undefined) ?? kind;
export const RESOURCE_KIND_OPTIONS = () =>
	RESOURCE_KIND_VALUES.map((value) => ({ value, label: NAMES[value]() }));
