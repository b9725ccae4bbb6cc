import { fail, isActionFailure, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import type { FormError, FormState, Prefixed } from '#lib/form-state.ts';
import { translate } from '#lib/i18n.ts';
import { DomainError } from './errors.ts';
import { ValidationError } from './validation.ts';

export type { FormError, FormState } from '#lib/form-state.ts';

/** A form's text fields as posted, by name; a use case parses them with its contract. */
export type FormValues = Record<string, string>;

/** Keys of every member of a union, not just the shared ones. */
type KeysOf<T> = T extends unknown ? LiteralKeys<keyof T> : never;
/** Named keys only: `z.object({})` types as a record of every string, which names no field. */
type LiteralKeys<K> = K extends string ? (string extends K ? never : K) : never;
/** The field names of a zod contract: `FormFields<typeof organisationInput>`. */
export type FormFields<S extends z.ZodType> = KeysOf<z.input<S>>;

/** Contract fields a page names differently (two forms with an e-mail field on one page). */
type Renames<S extends z.ZodType> = { readonly [K in FormFields<S>]?: string };
/** The names a page's fields carry: the contract's, with the renamed ones under their new name. */
export type PageFields<S extends z.ZodType, R extends Renames<S>> =
	Exclude<FormFields<S>, keyof R> | Extract<R[keyof R], string>;

/** A form without fields of its own (a button): errors go to the form as a whole. */
export const noFields = z.object({});

/** The file input of a form with an upload: its errors (too large, wrong type) go next to it. */
export const fileField = z.object({ file: z.unknown() });

/** Text fields of a form; files and repeated fields are not used by these forms. */
export function formValues(data: FormData): FormValues {
	const out: FormValues = {};
	for (const [k, v] of data.entries()) if (typeof v === 'string') out[k] = v;
	return out;
}

/** The top-level field names a contract accepts, read from the schema itself. */
export function contractFields(schema: z.core.$ZodType): string[] {
	if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
	if (schema instanceof z.ZodPipe) return contractFields(schema.in);
	if (schema instanceof z.ZodUnion) return [...new Set(schema.options.flatMap(contractFields))];
	if (schema instanceof z.ZodIntersection)
		return [...contractFields(schema.def.left), ...contractFields(schema.def.right)];
	return [];
}

/**
 * Runs a use case for a form post. Bad input or a refused action comes back as a 4xx with
 * messages in the person's language and the typed values kept (never a password); nothing else
 * is caught. The contract names the fields: an error on anything it does not have goes to the
 * form as a whole, so the field names a page reads are the contract's (after `rename`).
 */
export function runForm<S extends z.ZodType, T, const R extends Renames<S> = Record<never, string>>(
	contract: S,
	values: FormValues,
	fn: () => Promise<T>,
	rename?: R
): Promise<T | ActionFailure<FormState<PageFields<S, R>>>>;
export async function runForm<T>(
	contract: z.ZodType,
	values: FormValues,
	fn: () => Promise<T>,
	rename: Partial<Record<string, string>> = {}
): Promise<T | ActionFailure<FormState>> {
	const names = new Map<string, string>();
	for (const k of contractFields(contract)) names.set(k, rename[k] ?? k);
	const refuse = (status: number, errors: FormError[]) =>
		fail(status, {
			values: keptValues(values, names),
			errors: errors.map(({ field, message }): FormError => {
				if (field === 'form') return { field, message };
				return { field: names.get(field.split('.')[0] ?? field) ?? 'form', message };
			})
		});
	try {
		return await fn();
	} catch (e) {
		if (e instanceof ValidationError)
			return refuse(
				400,
				e.errors.map((x) => ({ field: x.field, message: translate(x.key, x.params) }))
			);
		if (e instanceof DomainError)
			return refuse(e.status, [{ field: e.field ?? 'form', message: translate(e.key, { ...e }) }]);
		// Two people (or two taps) did the same at once; the database kept one.
		if (isUniqueViolation(e))
			return refuse(409, [{ field: 'form', message: translate('error_conflict_retry') }]);
		throw e;
	}
}

/** The values to show again: the contract's fields under the page's names, never a password. */
function keptValues(values: FormValues, names: Map<string, string>) {
	const out: FormValues = {};
	for (const name of names.values()) {
		const v = values[name];
		if (v !== undefined && !/password/i.test(name)) out[name] = v;
	}
	return out;
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

/** Whether an action's answer is a refused form (then its `data` is the form's state). */
export function isRefused<R>(result: R): result is Extract<R, ActionFailure<unknown>> {
	return isActionFailure(result);
}

/** A refused form's data with the form's name on it. */
type Named<R, W extends string> =
	R extends ActionFailure<infer X> ? ActionFailure<X & { which: W }> : R;

/** Marks a refused form with which of a page's forms it was, so only that one shows the errors. */
export function which<R, W extends string>(result: R, form: W): Named<R, W> {
	const data = failureData(result);
	if (data) data.which = form;
	return named(result);
}
// The data was just given its `which`; the type follows.
function named<R, W extends string>(result: R): Named<R, W> {
	return result as Named<R, W>;
}

/** The data of a refused form, to add to; `null` for anything else. */
function failureData(result: unknown): Record<string, unknown> | null {
	if (!isActionFailure(result)) return null;
	const data: unknown = Reflect.get(result, 'data');
	return isRecord(data) ? data : null;
}

function isRecord(x: unknown): x is Record<string, unknown> {
	return typeof x === 'object' && x !== null;
}

/**
 * Several copies of one form on a page (one per item) name their fields with a prefix so ids stay
 * unique: the prefix comes off before the use case sees the values, and goes back onto the
 * fields of any error so the right copy shows it.
 */
export function unprefixed(values: FormValues) {
	const prefix = values._prefix ?? '';
	const out: FormValues = {};
	for (const [k, v] of Object.entries(values))
		if (k.startsWith(prefix) && k !== '_prefix') out[k.slice(prefix.length)] = v;
	const visibility = values.visibility ?? out.visibility;
	return { prefix, values: visibility === undefined ? out : { ...out, visibility } };
}

type PrefixedResult<R> =
	R extends ActionFailure<FormState<infer F> & infer X>
		? ActionFailure<Omit<X, 'values' | 'errors'> & FormState<Prefixed<F>>>
		: R;

export function prefixErrors<R>(result: R, prefix: string): PrefixedResult<R> {
	const data = prefix ? failureData(result) : null;
	if (data) {
		const keep = (f: string) => f === 'form' || f === 'visibility';
		if (Array.isArray(data.errors))
			data.errors = data.errors.map((e: FormError) =>
				keep(e.field) ? e : { ...e, field: prefix + e.field }
			);
		if (isRecord(data.values))
			data.values = Object.fromEntries(
				Object.entries(data.values).map(([k, v]) => [keep(k) ? k : prefix + k, v])
			);
	}
	return prefixed(result);
}
// The fields were just given their prefix; the type follows.
function prefixed<R>(result: R): PrefixedResult<R> {
	return result as PrefixedResult<R>;
}

/** A refused form with more of what was typed kept: fields a contract holds as a record. */
type WithValues<R, K extends string> =
	R extends ActionFailure<FormState<infer F> & infer X>
		? ActionFailure<Omit<X, 'values' | 'errors'> & FormState<F | K>>
		: R;

/**
 * Keeps fields the contract reads as one record or list (a report's `note:<stepId>` fields become
 * its `notes`, `coOwner_<id>` boxes its `coOwners`) in a refused form's values, so what the person
 * typed stays in them; never a password. `K` names them for the page, as a template type.
 */
export function keepTyped<R, K extends string>(
	result: R,
	typed: Readonly<Record<string, string>>
): WithValues<R, K> {
	const data = failureData(result);
	if (data && isRecord(data.values))
		for (const [k, v] of Object.entries(typed))
			if (typeof v === 'string' && !/password/i.test(k)) data.values[k] = v;
	return withValues(result);
}
// The values were just added; the type follows.
function withValues<R, K extends string>(result: R): WithValues<R, K> {
	return result as WithValues<R, K>;
}

/**
 * One of a page's many small forms in one line: reads the post, runs the use case, and answers
 * with the form's name and either its errors or a sentence of what was done, for the page to
 * show beside that form only.
 */
export async function namedAction<W extends string>(
	request: Request,
	contract: z.ZodType | ((values: FormValues) => z.ZodType),
	form: W,
	run: (values: FormValues) => Promise<unknown>,
	done: (result: unknown) => string
) {
	const values = formValues(await request.formData());
	const named = typeof contract === 'function' ? contract(values) : contract;
	const result = await runForm(named, values, async () => ({
		which: form,
		message: done(await run(values))
	}));
	return which(result, form);
}

/**
 * A contract for a form with a field per item (a checkbox `finding-<id>`, a level `level-<id>`)
 * and errors on a group of them (`basis`): the posted item fields and the group names join the
 * contract's, so what was ticked or typed comes back after an error, and the group's error
 * stands next to its fieldset instead of at the top only.
 */
export function withItems(contract: z.ZodType, prefixes: string[], groups: string[] = []) {
	return (values: FormValues) => {
		const items = Object.keys(values).filter((k) => prefixes.some((p) => k.startsWith(p)));
		const shape = Object.fromEntries([...items, ...groups].map((k) => [k, z.unknown()]));
		return contract.and(z.object(shape));
	};
}

/** The ids of a list posted as one checkbox per choice, named `<prefix><id>`. */
export function ticked(values: FormValues, prefix: string) {
	return Object.keys(values)
		.filter((k) => k.startsWith(prefix))
		.map((k) => k.slice(prefix.length));
}
