import { isRealDate } from '#lib/dates.ts';
import { z } from 'zod';
import { optionalText, requiredText, token } from '../../validation.ts';

export const COMMITMENT_STATES = ['proposed', 'active', 'paused', 'kept', 'let_go'] as const;
export const VISIBILITIES = ['private', 'coach', 'network'] as const;
/** Roles rather than tasks: what part the owner plays. Free text covers the rest. */
export const COMMITMENT_ROLES = [
	'connecting',
	'advocating',
	'initiating',
	'facilitating',
	'informing',
	'supporting',
	'guarding'
] as const;
export const RECURRENCES = ['none', 'weeks', 'session'] as const;
export const CHECKIN_MOMENTS = ['start', 'end'] as const;
/** The five points of a check-in, in the order the form and the comparison show them. */
export const CHECKIN_POINTS = ['time', 'money', 'information', 'organisation', 'quality'] as const;
export const FUNDING_SIZES = ['small', 'medium', 'large'] as const;
export const MAX_CO_OWNERS = 10;

const visibility = z.enum(VISIBILITIES, 'error_visibility').default('private');
const optionalDate = z
	.string()
	.trim()
	.default('')
	.refine((v) => v === '' || isRealDate(v), 'error_date');
const requiredDate = z.string().trim().refine(isRealDate, 'error_date');
/** A checkbox: present ("on") is yes. */
const checkbox = z
	.union([z.boolean(), z.string()])
	.default(false)
	.transform((v) => v === true || v === 'on' || v === 'true');

/**
 * A form sends a list as one checkbox per choice, named `<prefix><value>`; a test or a script
 * may hand the list itself. Either way the contract sees `{ [key]: string[] }`.
 */
export function collectChecked(raw: unknown, prefix: string, key: string): unknown {
	if (!raw || typeof raw !== 'object') return raw;
	const r = raw as Record<string, unknown>;
	if (Array.isArray(r[key])) return r;
	const list = Object.entries(r)
		.filter(([k, v]) => k.startsWith(prefix) && v !== '' && v !== undefined && v !== false)
		.map(([k]) => k.slice(prefix.length));
	return { ...r, [key]: list };
}

export const commitmentInput = z.object({
	title: requiredText(200),
	why: optionalText(2000),
	linkGoal: checkbox,
	firstStep: optionalText(1000),
	needs: optionalText(2000),
	thresholds: optionalText(2000),
	coOwners: z.array(token()).max(MAX_CO_OWNERS, 'error_too_many_co_owners').default([]),
	sessionId: token().default(''),
	visibility
});
export type CommitmentInput = z.output<typeof commitmentInput>;

/** A change of state always says why, in a line. */
export const stateInput = z.object({
	state: z.enum(COMMITMENT_STATES, 'error_commitment_state'),
	reason: requiredText(500)
});

export const planInput = z.object({
	hundredDays: optionalText(2000),
	hundredDaysOn: optionalDate,
	roles: z.array(z.enum(COMMITMENT_ROLES, 'error_invalid')).default([]),
	rolesOther: optionalText(500),
	valuesText: optionalText(2000),
	superpowers: optionalText(2000),
	council: optionalText(2000)
});

export const fundingInput = z.object(
	Object.fromEntries(
		FUNDING_SIZES.flatMap((s) => [
			[`${s}Funds`, optionalText(1000)],
			[`${s}Source`, optionalText(1000)]
		])
	) as Record<
		`${(typeof FUNDING_SIZES)[number]}${'Funds' | 'Source'}`,
		ReturnType<typeof optionalText>
	>
);

/** A sprint of about three months: without an end date it ends 13 weeks after its start. */
export const sprintInput = z
	.object({ startsOn: requiredDate, endsOn: optionalDate })
	.refine((s) => s.endsOn === '' || s.endsOn >= s.startsOn, {
		message: 'error_sprint_end_before_start',
		path: ['endsOn']
	});

export const actionInput = z
	.object({
		title: requiredText(300),
		ownerId: token().min(1, 'error_action_owner'),
		dueOn: optionalDate,
		recurrence: z.enum(RECURRENCES, 'error_invalid').default('none'),
		everyWeeks: z
			.string()
			.trim()
			.default('')
			.refine((v) => v === '' || /^\d{1,2}$/.test(v), 'error_every_weeks')
	})
	.transform((a, c) => {
		const weeks = a.everyWeeks === '' ? null : Number(a.everyWeeks);
		if (a.recurrence === 'weeks' && (weeks === null || weeks < 1 || weeks > 52)) {
			c.addIssue({ code: 'custom', message: 'error_every_weeks', path: ['everyWeeks'] });
			return z.NEVER;
		}
		return { ...a, everyWeeks: a.recurrence === 'weeks' ? weeks : null };
	});

/** Ticking an action: done, tried once more (a recurring action comes back), or not done after all. */
export const actionProgressInput = z.object({
	progress: z.enum(['done', 'attempt', 'undo'], 'error_invalid')
});

const score = z.coerce
	.number('error_score_range')
	.int('error_score_range')
	.min(1, 'error_score_range')
	.max(5, 'error_score_range');
export const checkinInput = z.object({
	moment: z.enum(CHECKIN_MOMENTS, 'error_invalid'),
	...(Object.fromEntries(
		CHECKIN_POINTS.flatMap((p) => [
			[`${p}Score`, score],
			[`${p}Note`, optionalText(500)]
		])
	) as Record<`${(typeof CHECKIN_POINTS)[number]}Score`, typeof score> &
		Record<`${(typeof CHECKIN_POINTS)[number]}Note`, ReturnType<typeof optionalText>>)
});
export type CheckinInput = z.output<typeof checkinInput>;

/** "I can help": a note to the owners of a need. */
export const offerInput = z.object({ note: requiredText(1000) });
/** The owner's answer to an offer: yes please, or thank you (no need now). */
export const offerAnswerInput = z.object({
	offerId: token().min(1, 'error_invalid'),
	answer: z.enum(['accept', 'thank'], 'error_invalid')
});

/** "About which commitment?" on a coaching talk. */
export const talkLinkInput = z.object({
	commitmentId: token().min(1, 'error_talk_commitment_choose')
});
