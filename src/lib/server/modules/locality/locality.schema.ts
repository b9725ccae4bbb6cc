import { isRealDate } from '#lib/dates.ts';
import {
	ACTION_STATUSES,
	ADDRESSED,
	BLOCK_KINDS,
	CONSENTS,
	FINDING_KINDS,
	INTERVIEW_ROLES,
	PLACE_KINDS,
	SOURCE_KINDS,
	STAGES,
	TENSIONS
} from '#lib/locality.ts';
import { z } from 'zod';
import { optionalText, requiredText, text, token } from '../../validation.ts';

const checkbox = z
	.union([z.boolean(), z.string()])
	.default(false)
	.transform((v) => v === true || v === 'on' || v === 'true' || v === '1');
const date = z.string().trim().refine(isRealDate, 'error_date');
const optionalDate = text(10)
	.default('')
	.refine((v) => v === '' || isRealDate(v), 'error_date');
const link = text(2000)
	.refine((v) => v === '' || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), 'error_link')
	.default('');
const optionalId = token().default('');
/** Lines of a textarea: each trimmed, empty ones dropped. */
const lines = (v: string) =>
	v
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);

/** A local approach: the place, the people involved, its stage, and how it is scored. */
export const approachInput = z.object({
	name: requiredText(200),
	placeKind: z.enum(PLACE_KINDS, 'error_local_place_kind'),
	people: optionalText(2000),
	stage: z.enum(STAGES, 'error_local_stage').default('baseline'),
	frameworkId: optionalId
});

/** A new approach also dates its first snapshot (empty: today). */
export const startInput = approachInput.extend({ takenOn: optionalDate });

/** A network's own indicator framework: a name, its levels (lowest first) and its indicators. */
export const frameworkInput = z.object({
	name: requiredText(200),
	levels: text(1000)
		.refine((v) => lines(v).length >= 2 && lines(v).length <= 5, 'error_local_levels')
		.refine((v) => lines(v).every((l) => l.length <= 100), 'error_local_levels'),
	indicators: text(6000)
		.refine((v) => lines(v).length >= 1 && lines(v).length <= 30, 'error_local_indicators')
		.refine((v) => lines(v).every((l) => l.length <= 200), 'error_local_indicators')
});
export const splitLines = lines;

export const snapshotInput = z.object({ takenOn: date, summary: optionalText(4000) });

export const sourceInput = z.object({
	kind: z.enum(SOURCE_KINDS, 'error_local_source_kind'),
	title: requiredText(300),
	line: optionalText(1000),
	link
});

export const interviewInput = z.object({
	interviewee: requiredText(200),
	role: z.enum(INTERVIEW_ROLES, 'error_local_role'),
	heldOn: date,
	consent: z.enum(CONSENTS, 'error_local_consent')
});

/** Changing an interview: deleting its notes (consent narrowed to none) needs a tick to confirm. */
export const interviewEditInput = interviewInput.extend({ confirm: checkbox });

/** A coded note of an interview: its themes as a comma-separated list; a quote needs consent. */
export const noteInput = z.object({
	text: requiredText(4000),
	themes: text(500)
		.default('')
		.refine((v) => v.split(',').every((t) => t.trim().length <= 60), 'error_local_themes'),
	quote: checkbox
});
export const themesOf = (v: string) => [
	...new Set(
		v
			.split(',')
			.map((t) => t.trim().toLowerCase())
			.filter(Boolean)
	)
];

/** A conclusion or improvement point, resting on the interviews and sources ticked with it. */
export const findingInput = z.object({
	findingKind: z.enum(FINDING_KINDS, 'error_local_finding_kind'),
	text: requiredText(2000)
});

/** A building block chosen for the approach, with the reason from the conclusions. */
export const blockInput = z.object({
	kind: z.enum(BLOCK_KINDS, 'error_local_block_kind'),
	title: optionalText(200),
	reason: requiredText(2000)
});

/** The details of a block: an alliance's principles; a mediation's tension, parties and outcome. */
export const blockDetailsInput = z.object({
	title: optionalText(200),
	reason: requiredText(2000),
	principles: optionalText(4000),
	tension: z.enum(['', ...TENSIONS], 'error_local_tension').default(''),
	parties: optionalText(2000),
	outcome: optionalText(4000),
	mediatorId: optionalId
});

export const agreementInput = z.object({ what: requiredText(1000), who: optionalText(200) });
export const mediationNoteInput = z.object({ text: requiredText(4000) });

export const actionInput = z
	.object({
		blockId: token(),
		action: requiredText(300),
		owner: optionalText(200),
		stakeholders: optionalText(1000),
		startsOn: optionalDate,
		dueOn: optionalDate,
		status: z.enum(ACTION_STATUSES, 'error_local_status').default('planned')
	})
	.refine((v) => !v.startsOn || !v.dueOn || v.startsOn <= v.dueOn, {
		message: 'error_local_due_before_start',
		path: ['dueOn']
	});
export const actionStatusInput = z.object({
	actionId: token(),
	status: z.enum(ACTION_STATUSES, 'error_local_status')
});

export const addressedChoice = z.enum(ADDRESSED, 'error_local_addressed');
export const MAX_THEMES_SHOWN = 12;
