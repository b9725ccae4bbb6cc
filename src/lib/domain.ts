/** Domain vocabularies shared by the server and the pages; the database checks the same sets. */
export const ROLES = [
	'coordinator',
	'facilitator',
	'participant',
	'boundary_spanner',
	'experience_expert'
] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['nl', 'en', 'fr'] as const;
export type AppLocale = (typeof LOCALES)[number];

export const STEP_KINDS = [
	'checkin',
	'recap',
	'input_talk',
	'exercise',
	'group_exchange',
	'postit_round',
	'dot_vote',
	'breakout',
	'checkout',
	'next_session',
	'commitment_checkin',
	'pair_talk',
	'qna',
	'poll'
] as const;
export type StepKind = (typeof STEP_KINDS)[number];
