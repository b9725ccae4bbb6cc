import { z } from 'zod';
import { optionalText, requiredText, token } from '../../validation.ts';
import { STEP_KINDS } from '../../db/types.ts';
import { isRealDate, isRealTime, joinWallClock } from '#lib/dates.ts';

const text = requiredText;
const optionalInt = (min: number, max: number) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || (Number.isInteger(v) && v >= min && v <= max), {
			message: 'error_number_range',
			params: { min, max }
		});

export const sessionInput = z
	.object({
		title: text(160),
		number: optionalInt(1, 999),
		date: z
			.string()
			.trim()
			.optional()
			.refine((v) => !v || isRealDate(v), 'error_date'),
		time: z
			.string()
			.trim()
			.optional()
			.refine((v) => !v || isRealTime(v), 'error_time'),
		minutes: optionalInt(1, 1440),
		place: optionalText(200),
		hostOrganisationId: token()
			.optional()
			.transform((v) => v || null),
		theme: optionalText(300),
		objectives: optionalText(4000),
		facilitators: z.array(token()).max(20).default([])
	})
	.transform(({ date, time, ...rest }) => ({
		...rest,
		startsAt: date ? joinWallClock(date, time) : null
	}));
export type SessionInput = z.input<typeof sessionInput>;

export const stepInput = z.object({
	title: text(160),
	minutes: optionalInt(1, 600),
	prompt: optionalText(2000),
	questions: optionalText(4000),
	maxPerPerson: optionalInt(1, 50),
	maxLength: optionalInt(10, 2000),
	isAnonymous: z
		.string()
		.optional()
		.transform((v) => (v === 'yes' ? 1 : 0)),
	dots: optionalInt(1, 50),
	maxDotsPerItem: optionalInt(1, 50),
	tally: z
		.enum(['live', 'hidden'])
		.optional()
		.transform((v) => v ?? null),
	topItems: optionalInt(1, 20)
});
export type StepInput = z.input<typeof stepInput>;

export const newStepInput = z.object({ kind: z.enum(STEP_KINDS, 'error_step_kind') });

export const workFormInput = z.object({
	kind: z.enum(STEP_KINDS, 'error_step_kind'),
	name: text(120),
	purpose: text(1000),
	instructions: optionalText(4000),
	defaultMinutes: optionalInt(1, 600)
});
export type WorkFormInput = z.input<typeof workFormInput>;
