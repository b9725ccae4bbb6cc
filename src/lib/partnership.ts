import * as m from '#lib/paraglide/messages.js';

/** The kinds of partner an inventory knows, and the step plan's four dimensions. */
export const PARTNER_KINDS = [
	'cultural',
	'social',
	'education',
	'community',
	'business',
	'government',
	'other'
] as const;
export const DIMENSIONS = ['diversity', 'equal_opportunity', 'accessibility', 'inclusion'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The scale: 1 (not yet) to 4 (part of how we work together); each level has a plain label. */
export const LEVELS = [1, 2, 3, 4] as const;

const KINDS: Record<string, () => string> = {
	cultural: m.partner_kind_cultural,
	social: m.partner_kind_social,
	education: m.partner_kind_education,
	community: m.partner_kind_community,
	business: m.partner_kind_business,
	government: m.partner_kind_government,
	other: m.partner_kind_other
};
export const partnerKindLabel = (k: string) => KINDS[k]?.() ?? k;

const DIMENSION_LABELS: Record<Dimension, () => string> = {
	diversity: m.dimension_diversity,
	equal_opportunity: m.dimension_equal_opportunity,
	accessibility: m.dimension_accessibility,
	inclusion: m.dimension_inclusion
};
export const dimensionLabel = (d: string) => DIMENSION_LABELS[d as Dimension]?.() ?? d;

const DIMENSION_QUESTIONS: Record<Dimension, () => string> = {
	diversity: m.dimension_diversity_question,
	equal_opportunity: m.dimension_equal_opportunity_question,
	accessibility: m.dimension_accessibility_question,
	inclusion: m.dimension_inclusion_question
};
export const dimensionQuestion = (d: Dimension) => DIMENSION_QUESTIONS[d]();

/** What each level looks like, per dimension, in plain words. */
const LEVEL_LABELS: Record<Dimension, [() => string, () => string, () => string, () => string]> = {
	diversity: [m.level_diversity_1, m.level_diversity_2, m.level_diversity_3, m.level_diversity_4],
	equal_opportunity: [
		m.level_equal_opportunity_1,
		m.level_equal_opportunity_2,
		m.level_equal_opportunity_3,
		m.level_equal_opportunity_4
	],
	accessibility: [
		m.level_accessibility_1,
		m.level_accessibility_2,
		m.level_accessibility_3,
		m.level_accessibility_4
	],
	inclusion: [m.level_inclusion_1, m.level_inclusion_2, m.level_inclusion_3, m.level_inclusion_4]
};
export const levelLabel = (d: Dimension, level: number) => LEVEL_LABELS[d][level - 1]?.() ?? '';
