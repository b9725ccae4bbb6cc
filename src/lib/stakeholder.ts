import * as m from '#lib/paraglide/messages.js';

/** The stakeholder map's vocabulary, shared by the server and the pages. */
export const STAKEHOLDER_KINDS = ['person', 'organisation'] as const;
export type StakeholderKind = (typeof STAKEHOLDER_KINDS)[number];
/** Influence and interest: 1 (very little) to 5 (very much). */
export const SCORES = [1, 2, 3, 4, 5] as const;
/** From this score on, influence or interest counts as high (the map's dividing lines). */
export const HIGH_FROM = 3;

/**
 * The four quadrants, named after what to do: much influence and much interest, work closely
 * together; much influence and little interest, keep them satisfied; little influence and much
 * interest, keep them informed; little of both, keep an eye on them.
 */
export const QUADRANTS = ['manage_closely', 'keep_satisfied', 'keep_informed', 'monitor'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export function quadrantOf(influence: number, interest: number): Quadrant {
	const much = influence >= HIGH_FROM;
	const keen = interest >= HIGH_FROM;
	if (much) return keen ? 'manage_closely' : 'keep_satisfied';
	return keen ? 'keep_informed' : 'monitor';
}

const QUADRANT_LABELS: Record<Quadrant, () => string> = {
	manage_closely: m.stakeholder_quadrant_manage_closely,
	keep_satisfied: m.stakeholder_quadrant_keep_satisfied,
	keep_informed: m.stakeholder_quadrant_keep_informed,
	monitor: m.stakeholder_quadrant_monitor
};
export const quadrantLabel = (q: Quadrant) => QUADRANT_LABELS[q]();

const QUADRANT_HINTS: Record<Quadrant, () => string> = {
	manage_closely: m.stakeholder_quadrant_manage_closely_hint,
	keep_satisfied: m.stakeholder_quadrant_keep_satisfied_hint,
	keep_informed: m.stakeholder_quadrant_keep_informed_hint,
	monitor: m.stakeholder_quadrant_monitor_hint
};
export const quadrantHint = (q: Quadrant) => QUADRANT_HINTS[q]();

const KIND_LABELS: Record<StakeholderKind, () => string> = {
	person: m.stakeholder_kind_person,
	organisation: m.stakeholder_kind_organisation
};
export const stakeholderKindLabel = (k: string) => KIND_LABELS[k as StakeholderKind]?.() ?? k;

const SCORE_LABELS = [
	m.stakeholder_score_1,
	m.stakeholder_score_2,
	m.stakeholder_score_3,
	m.stakeholder_score_4,
	m.stakeholder_score_5
];
/** "3 – some", for the selects. */
export const scoreLabel = (n: number) => `${n} – ${SCORE_LABELS[n - 1]?.() ?? ''}`;
