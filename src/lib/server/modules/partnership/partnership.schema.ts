import { isRealDate } from '#lib/dates.ts';
import { PARTNER_KINDS } from '#lib/partnership.ts';
import { z } from 'zod';
import { optionalText, requiredText, text } from '../../validation.ts';

export { DIMENSIONS, LEVELS, PARTNER_KINDS, type Dimension } from '#lib/partnership.ts';

const checkbox = z
	.union([z.boolean(), z.string()])
	.default(false)
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

export const partnerInput = z.object({
	name: requiredText(200),
	kind: z.enum(PARTNER_KINDS, 'error_partner_kind'),
	together: optionalText(1000),
	since: optionalText(40),
	contact: optionalText(200),
	notes: optionalText(4000),
	prospective: checkbox,
	why: optionalText(1000),
	reviewMonths: z.coerce
		.number('error_partner_review')
		.int('error_partner_review')
		.min(1, 'error_partner_review')
		.max(60, 'error_partner_review')
		.default(12)
});
export type PartnerInput = z.input<typeof partnerInput>;

const level = z.coerce
	.number('error_partner_level')
	.int('error_partner_level')
	.min(1, 'error_partner_level')
	.max(4, 'error_partner_level');

/** One evaluation: a level and a line of evidence per dimension, and the conversation to have. */
export const evaluationInput = z.object({
	evaluatedOn: z.string().trim().refine(isRealDate, 'error_date'),
	'level-diversity': level,
	'level-equal_opportunity': level,
	'level-accessibility': level,
	'level-inclusion': level,
	'evidence-diversity': optionalText(1000),
	'evidence-equal_opportunity': optionalText(1000),
	'evidence-accessibility': optionalText(1000),
	'evidence-inclusion': optionalText(1000),
	ask: optionalText(2000),
	offer: optionalText(2000),
	talkOn: text(10)
		.default('')
		.refine((v) => v === '' || isRealDate(v), 'error_date')
});
export type EvaluationInput = z.input<typeof evaluationInput>;

/** A link for the partner's own view: whom it is for, and how many days it stays open. */
export const partnerLinkInput = z.object({
	respondent: optionalText(200),
	days: z.coerce
		.number('error_partner_link_days')
		.int('error_partner_link_days')
		.min(1, 'error_partner_link_days')
		.max(90, 'error_partner_link_days')
		.default(30)
});
export type PartnerLinkInput = z.input<typeof partnerLinkInput>;

/** The partner's own view through a link: the same scale, a line per dimension, and a name. */
export const partnerViewInput = z.object({
	respondent: requiredText(200),
	'level-diversity': level,
	'level-equal_opportunity': level,
	'level-accessibility': level,
	'level-inclusion': level,
	'evidence-diversity': optionalText(1000),
	'evidence-equal_opportunity': optionalText(1000),
	'evidence-accessibility': optionalText(1000),
	'evidence-inclusion': optionalText(1000),
	offer: optionalText(2000)
});
export type PartnerViewInput = z.input<typeof partnerViewInput>;

/** Whether the organisation shares its partner-level scores with the network. */
export const sharingInput = z.object({ share: checkbox });

/** How long a partner link stays open unless the organisation chooses otherwise. */
export const PARTNER_LINK_DAYS = 30;
/** Open links a partner may have at once (one per contact, a few contacts). */
export const MAX_OPEN_PARTNER_LINKS = 5;
