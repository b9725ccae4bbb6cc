import { fail, type ActionFailure } from '@sveltejs/kit';
import { translate } from '#lib/i18n.ts';
import { DomainError } from './errors.ts';
import { ValidationError } from './validation.ts';

export interface FormError {
	field: string;
	message: string;
}
export interface FormState {
	values: Record<string, string>;
	errors: FormError[];
	message?: string;
}

/** Text fields of a form; files and repeated fields are not used by these forms. */
export function formValues(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of data.entries()) if (typeof v === 'string') out[k] = v;
	return out;
}

/**
 * Runs a use case for a form post. Bad input or a refused action comes back as a 4xx with
 * messages in the person's language, the typed values kept; nothing else is caught.
 */
export async function runForm<T>(
	values: Record<string, string>,
	fn: () => Promise<T>
): Promise<T | ActionFailure<FormState>> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof ValidationError) {
			return fail(400, {
				values: withoutSecrets(values),
				errors: e.errors.map((x) => ({ field: x.field, message: translate(x.key, x.params) }))
			});
		}
		if (e instanceof DomainError) {
			return fail(e.status, {
				values: withoutSecrets(values),
				errors: [{ field: e.field ?? 'form', message: translate(e.key, { ...e }) }]
			});
		}
		if (isUniqueViolation(e)) {
			// Two people (or two taps) did the same at once; the database kept one.
			return fail(409, {
				values: withoutSecrets(values),
				errors: [{ field: 'form', message: translate('error_conflict_retry') }]
			});
		}
		throw e;
	}
}

/** SQLite's and PostgreSQL's "this would break a UNIQUE constraint". */
function isUniqueViolation(e: unknown): boolean {
	const code = (e as { code?: string } | null)?.code;
	return (
		code === '23505' ||
		code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
	);
}

function withoutSecrets(values: Record<string, string>) {
	const copy = { ...values };
	for (const k of Object.keys(copy)) if (/password/i.test(k)) delete copy[k];
	return copy;
}

/** Marks a refused form with which of a page's forms it was, so only that one shows the errors. */
export function which<T>(result: T, form: string): T {
	const data = (result as { data?: Record<string, unknown> } | null)?.data;
	if (data && typeof data === 'object') data.which = form;
	return result;
}

/**
 * Several copies of one form on a page (one per item) name their fields with a prefix so ids stay
 * unique: the prefix comes off before the use case sees the values, and goes back onto the
 * fields of any error so the right copy shows it.
 */
export function unprefixed(values: Record<string, string>) {
	const prefix = values._prefix ?? '';
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(values))
		if (k.startsWith(prefix) && k !== '_prefix') out[k.slice(prefix.length)] = v;
	return { prefix, values: { ...out, visibility: values.visibility ?? out.visibility } };
}

export function prefixErrors<T>(result: T, prefix: string): T {
	const data = (result as { data?: { errors?: FormError[] } } | null)?.data;
	if (prefix && data?.errors)
		data.errors = data.errors.map((e) =>
			e.field === 'form' || e.field === 'visibility' ? e : { ...e, field: prefix + e.field }
		);
	return result;
}
