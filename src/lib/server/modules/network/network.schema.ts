import { z } from 'zod';
import { optionalText, requiredText, text as plainText, token } from '../../validation.ts';
import { isRealDate } from '#lib/dates.ts';
import { LOCALES, ROLES } from '../../db/types.ts';

// Messages are i18n keys (messages/*.json); the form helper translates them.
const text = requiredText;

export const regionList = plainText(2000)
	.default('')
	.transform((s) => [
		...new Set(
			s
				.split(/[\n,]/)
				.map((r) => r.trim())
				.filter(Boolean)
		)
	])
	.pipe(z.array(z.string().max(80, 'error_region_too_long')).max(30, 'error_too_many_regions'));

export const networkInput = z.object({
	name: text(120),
	purpose: text(2000),
	coreValue: text(500),
	language: z.enum(LOCALES, 'error_choose_language'),
	regions: regionList,
	houseRules: optionalText(10000)
});
export type NetworkInput = z.input<typeof networkInput>;

export const networkUpdate = networkInput.extend({ houseRules: text(10000) });

const website = plainText(300)
	.refine((v) => v === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), 'error_website')
	.default('');

export const organisationInput = z.object({
	name: text(160),
	sector: optionalText(80),
	region: optionalText(80),
	website
});
export type OrganisationInput = z.input<typeof organisationInput>;

const optionalId = token()
	.trim()
	.optional()
	.transform((v) => (v ? v : null));

const date = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : null))
	.refine((v) => v === null || isRealDate(v), 'error_date');

export const invitationInput = z.object({
	email: z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(254, 'error_too_long')
		.pipe(z.email('error_email'))
		.transform((e) => e.toLowerCase()),
	role: z.enum(ROLES, 'error_role'),
	organisationId: optionalId,
	guestUntil: date
});
export type InvitationInput = z.input<typeof invitationInput>;

/** The invitation page's form: the house rules ticked (the service is told whether they were). */
export const invitationAnswerInput = z.object({ acceptRules: z.enum(['yes']).optional() });

export const roleChange = z.object({
	membershipId: token().min(1),
	role: z.enum(ROLES, 'error_role')
});

export const memberFilter = z.object({
	organisationId: token().optional().catch(undefined),
	role: z.enum(ROLES).optional().catch(undefined),
	region: plainText(80).optional().catch(undefined)
});
export type MemberFilter = z.infer<typeof memberFilter>;
