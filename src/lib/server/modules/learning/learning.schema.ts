import { isRealDate } from '#lib/dates.ts';
import { z } from 'zod';
import { optionalText, requiredText, token } from '../../validation.ts';

/** The roles a tip is given in, and how its giver wants to be credited. */
export const TIP_ROLES = ['peer', 'boundary_spanner', 'experience_expert', 'facilitator'] as const;
/**
 * `name`: by name everywhere, the public page included; `members`: by name for members, by role
 * on the public page; `role`: by role only; `anonymous`: by nobody.
 */
export const TIP_CREDITS = ['name', 'members', 'role', 'anonymous'] as const;
export type TipRole = (typeof TIP_ROLES)[number];
export type TipCredit = (typeof TIP_CREDITS)[number];

/** How many themes the room chooses unless the facilitator says otherwise. */
export const DEFAULT_CHOSEN_THEMES = 5;

const checkbox = z
	.union([z.boolean(), z.string()])
	.default(false)
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');
const optionalId = token().default('');

export const challengeInput = z.object({
	text: requiredText(500),
	organisationId: optionalId,
	anonymous: checkbox
});
export type ChallengeInput = z.input<typeof challengeInput>;

export const themeInput = z.object({ name: requiredText(120) });

/** Puts challenges in a theme (or takes them out: themeId empty); one or many at once. */
export const clusterInput = z.object({
	challengeIds: z.array(token()).min(1, 'error_choose_challenges').max(500),
	themeId: optionalId
});

export const chooseThemesInput = z.object({
	themeIds: z.array(token()).max(50).default([])
});

export const harvestInput = z.object({
	sessionId: token(),
	/** How many themes to preselect, by their dots; the facilitator may change the choice after. */
	choose: z.coerce.number().int().min(0).max(20).default(DEFAULT_CHOSEN_THEMES)
});

export const questionInput = z.object({
	themeId: token().refine((v) => v !== '', 'error_learning_theme_required'),
	wording: requiredText(500),
	groupId: optionalId,
	settled: checkbox
});
export type QuestionInput = z.input<typeof questionInput>;

export const questionEditInput = z.object({
	wording: requiredText(500),
	settled: checkbox,
	introduction: optionalText(4000),
	closing: optionalText(4000)
});

export const guestsInput = z.object({ membershipIds: z.array(token()).max(200).default([]) });

export const tipInput = z.object({
	text: requiredText(1000),
	practice: optionalText(300),
	resourceId: optionalId,
	parentId: optionalId,
	role: z.enum(TIP_ROLES, 'error_tip_role'),
	credit: z.enum(TIP_CREDITS, 'error_tip_credit')
});
export type TipInput = z.input<typeof tipInput>;

export const creditInput = z.object({
	role: z.enum(TIP_ROLES, 'error_tip_role'),
	credit: z.enum(TIP_CREDITS, 'error_tip_credit')
});

export const insightTextInput = z.object({ text: requiredText(2000) });
export const mergeInput = z.object({
	intoId: token().refine((v) => v !== '', 'error_insight_merge_choose')
});
export const moveInput = z.object({ direction: z.enum(['up', 'down'], 'error_invalid') });
export const sectionInput = z.object({ title: requiredText(200) });
export const placeInput = z.object({ sectionId: optionalId });
export const adoptInput = z.object({ insightId: optionalId });

export const collectionInput = z.object({
	title: requiredText(200),
	introduction: optionalText(4000),
	sessionId: optionalId
});
export const collectionQuestionsInput = z.object({
	questionIds: z.array(token()).max(100).default([])
});
/** Making a collection public is an explicit choice: the box must be ticked. */
export const publicInput = z.object({
	confirm: checkbox.refine((v) => v, 'error_public_confirm')
});

export const thanksInput = z.object({
	userId: token(),
	note: requiredText(300),
	onDay: z.string().trim().refine(isRealDate, 'error_date')
});
