import * as m from '#lib/paraglide/messages.js';

/** The local approach's fixed lists, shared by the server and the pages, with their labels. */
export const PLACE_KINDS = ['municipality', 'community', 'neighbourhood'] as const;
export const STAGES = ['baseline', 'blocks', 'plan', 'under_way', 'review'] as const;
export const SOURCE_KINDS = ['policy', 'figures', 'study', 'other'] as const;
export const INTERVIEW_ROLES = ['municipality', 'community', 'resident', 'other'] as const;
export const CONSENTS = ['none', 'notes', 'quotes'] as const;
export const FINDING_KINDS = ['conclusion', 'improvement'] as const;
export const BLOCK_KINDS = ['rebubbling', 'alliance', 'mediation', 'snapshot'] as const;
export const TENSIONS = ['horizontal', 'vertical'] as const;
export const ACTION_STATUSES = ['planned', 'doing', 'done', 'dropped'] as const;
export const ADDRESSED = ['yes', 'partly', 'no'] as const;

export type BlockKind = (typeof BLOCK_KINDS)[number];

const label =
	<K extends string>(labels: Record<K, () => string>) =>
	(k: string) =>
		labels[k as K]?.() ?? k;

export const placeKindLabel = label({
	municipality: m.local_place_municipality,
	community: m.local_place_community,
	neighbourhood: m.local_place_neighbourhood
});
export const stageLabel = label({
	baseline: m.local_stage_baseline,
	blocks: m.local_stage_blocks,
	plan: m.local_stage_plan,
	under_way: m.local_stage_under_way,
	review: m.local_stage_review
});
export const sourceKindLabel = label({
	policy: m.local_source_policy,
	figures: m.local_source_figures,
	study: m.local_source_study,
	other: m.local_source_other
});
export const interviewRoleLabel = label({
	municipality: m.local_role_municipality,
	community: m.local_role_community,
	resident: m.local_role_resident,
	other: m.local_role_other
});
export const consentLabel = label({
	none: m.local_consent_none,
	notes: m.local_consent_notes,
	quotes: m.local_consent_quotes
});
export const findingKindLabel = label({
	conclusion: m.local_finding_conclusion,
	improvement: m.local_finding_improvement
});
export const blockKindLabel = label({
	rebubbling: m.local_block_rebubbling,
	alliance: m.local_block_alliance,
	mediation: m.local_block_mediation,
	snapshot: m.local_block_snapshot
});
export const blockKindHint = label({
	rebubbling: m.local_block_rebubbling_hint,
	alliance: m.local_block_alliance_hint,
	mediation: m.local_block_mediation_hint,
	snapshot: m.local_block_snapshot_hint
});
export const tensionLabel = label({
	horizontal: m.local_tension_horizontal,
	vertical: m.local_tension_vertical
});
export const actionStatusLabel = label({
	planned: m.local_action_planned,
	doing: m.local_action_doing,
	done: m.local_action_done,
	dropped: m.local_action_dropped
});
export const addressedLabel = label({
	yes: m.local_addressed_yes,
	partly: m.local_addressed_partly,
	no: m.local_addressed_no
});
