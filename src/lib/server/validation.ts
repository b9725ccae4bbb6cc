import type { z } from 'zod';
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
