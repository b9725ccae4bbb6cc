import { z } from 'zod';
import { isInvisibleText, text, token } from '../../validation.ts';

/** What the facilitator changed: laid over the captured data when the report is assembled. */
export interface ReportEdits {
	intro: string;
	closing: string;
	/** Steps whose section is left out. */
	hidden: string[];
	/** A note per step, shown under its heading. */
	notes: Record<string, string>;
	/** Images with their (required) alternative text, after the introduction or in a section. */
	images: ReportImage[];
	/** Sections in the facilitator's order (step ids); steps not listed follow in agenda order. */
	order: string[];
	/** A section's heading as the facilitator rewrote it. */
	titles: Record<string, string>;
}

export interface ReportImage {
	fileId: string;
	alt: string;
	/** The section it belongs to; null: after the introduction. */
	stepId: string | null;
	width: number;
	height: number;
}

export const EMPTY_EDITS: ReportEdits = {
	intro: '',
	closing: '',
	hidden: [],
	notes: {},
	images: [],
	order: [],
	titles: {}
};

/** A stored version's content; anything unreadable counts as nothing edited. */
export function parseEdits(json: string): ReportEdits {
	try {
		return { ...EMPTY_EDITS, ...(JSON.parse(json) as Partial<ReportEdits>) };
	} catch {
		return EMPTY_EDITS;
	}
}

const prose = text(20_000, { trim: false });
export const reportEditInput = z.object({
	baseVersion: z.coerce.number().int().min(0),
	intro: prose.default(''),
	closing: prose.default(''),
	hidden: z.array(token()).max(200).default([]),
	notes: z.record(token(), prose).default({}),
	order: z.array(token()).max(200).default([]),
	titles: z.record(token(), text(200, { trim: false })).default({}),
	/** "up:<stepId>" or "down:<stepId>": move that section one place, and save. */
	move: token(80).default('')
});

export const reportImageInput = z.object({
	baseVersion: z.coerce.number().int().min(0),
	alt: text(300).refine((v) => !isInvisibleText(v), 'error_alt_required'),
	stepId: token().default('')
});

/** The address a participant leaves on the thank-you screen to receive the report. */
export const reportSubscribeInput = z.object({
	email: z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(254, 'error_too_long')
		.pipe(z.email('error_email'))
		.transform((e) => e.toLowerCase())
});
