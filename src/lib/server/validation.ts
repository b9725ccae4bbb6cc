import { z } from 'zod';
import { DomainError } from './errors.ts';

/** Field errors as i18n keys with their parameters, ready for the GOV.UK error summary. */
export interface FieldError {
	field: string;
	key: string;
	params?: Record<string, string | number>;
}

export class ValidationError extends DomainError {
	constructor(readonly errors: FieldError[]) {
		super('invalid', errors[0]?.key ?? 'error_invalid', errors[0]?.field);
	}
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
	const seen = new Set<string>();
	const out: FieldError[] = [];
	for (const issue of error.issues) {
		const field = issue.path.map(String).join('.') || 'form';
		if (seen.has(field)) continue;
		seen.add(field);
		const key = issue.message.startsWith('error_') ? issue.message : 'error_invalid';
		const params: Record<string, string | number> = {};
		if (issue.code === 'too_big' && typeof issue.maximum === 'number') params.max = issue.maximum;
		if (issue.code === 'too_small' && typeof issue.minimum === 'number') params.min = issue.minimum;
		if (issue.code === 'custom' && issue.params) Object.assign(params, issue.params);
		out.push({ field, key, params });
	}
	return out;
}

/** Parses a use case's input; bad input throws a ValidationError before anything is written. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
	const result = schema.safeParse(raw);
	if (!result.success) throw new ValidationError(toFieldErrors(result.error));
	return result.data;
}

// Text as people type it, checked once for every text field of every contract.
/** C0 and C1 control characters except tab and newline (a carriage return becomes a newline first). */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
const CONTROLS = new RegExp(CONTROL.source, 'gu');
/**
 * What a screen shows as nothing: white space, default-ignorable characters (zero-width
 * space U+200B, Hangul filler U+3164, soft hyphen, bidi controls…), the blank Braille
 * pattern U+2800 and combining marks with nothing to combine with.
 */
const INVISIBLE_ONLY = /^[\s\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}\u2800]*$/u;
/** Bidi embeddings, overrides and isolates: they can make "exe.pdf" read as "fdp.exe". */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;

export const hasControlCharacters = (s: string) => CONTROL.test(s);
export const isInvisibleText = (s: string) => INVISIBLE_ONLY.test(s);
/** For filters and look-ups that answer "nothing found" rather than an error. */
export const withoutControlCharacters = (s: string) =>
	s.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
/** For e-mail subjects and download file names, where a person cannot see them. */
export const withoutBidiControls = (s: string) => s.replace(BIDI_CONTROLS, '');

/**
 * Free text up to `max` characters: line ends made \n, trimmed, and refused with
 * `error_control_chars` when it holds a control character (a NUL breaks PostgreSQL and ends
 * up in exports). Empty is allowed; `.default('')` makes it optional.
 */
export const text = (max: number, opts: { trim?: boolean } = {}) => {
	const s = z.string().overwrite((v) => v.replace(/\r\n?/g, '\n'));
	return (opts.trim === false ? s : s.trim())
		.refine((v) => !hasControlCharacters(v), 'error_control_chars')
		.max(max, 'error_too_long');
};
/** Optional free text: absent is ''. */
export const optionalText = (max: number) => text(max).default('');
/** A name, title or idea: text that shows something, so only spaces or invisible characters is empty. */
export const requiredText = (max: number) =>
	text(max).refine((v) => !isInvisibleText(v), 'error_required');
/** An id or other token from a form or link: never a control character. */
export const token = (max = 64) =>
	z
		.string()
		.max(max, 'error_invalid')
		.refine((v) => !hasControlCharacters(v), 'error_invalid');
