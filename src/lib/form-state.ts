/** Form state as actions hand it back and pages read it; no SvelteKit imports, so tests load it. */
/**
 * One form's state as an action hands it back: the typed values (passwords never), the errors
 * next to their fields, and which of a page's forms it was. `F` is the contract's field names
 * (`FormFields<typeof contract>` on the server), so a page that asks for a field its contract
 * does not have fails svelte-check.
 */
export interface FormError<F extends string = string> {
	field: F | 'form';
	message: string;
}
export interface FormState<F extends string = string, W extends string = string> {
	values: Partial<Record<F, string>>;
	errors: FormError<F>[];
	message?: string;
	which?: W;
}

/**
 * What a page's `form` prop holds: SvelteKit's union of every action's answer, each a
 * `FormState` for its contract or a plain `{ message }`, the keys missing from a member typed
 * `never`. The helpers below take it as it is, no cast.
 */
export interface FormLike {
	values?: Partial<Record<string, string>>;
	errors?: readonly { field: string; message: string }[];
	message?: string;
	which?: string;
}

/**
 * A field of a repeated form, as the page names it: `e1a2b3c4-title` (see `prefixErrors`); the
 * visibility radio group is shared, so it keeps its name.
 */
export type Prefixed<F extends string> = F extends 'visibility' ? F : F | `${string}${F}`;

/** A component's view of a form that may carry its fields `F`. */
export type FormView<F extends string> = {
	values?: Partial<Record<F, string>>;
	errors?: readonly FormError<F>[];
	message?: string;
	which?: string;
};

/** The field names any member of a form union may carry errors for, `'form'` included. */
export type ErrorField<T> = T extends { errors?: infer E }
	? NonNullable<E> extends readonly { field: infer F extends string }[]
		? F
		: never
	: never;
/** The field names any member of a form union may carry values for. */
export type ValueField<T> = T extends { values?: infer V }
	? [NonNullable<V>] extends [never]
		? never
		: Extract<keyof NonNullable<V>, string>
	: never;

export function fieldError<T extends FormLike>(
	form: T | null | undefined,
	field: ErrorField<T>
): string {
	return form?.errors?.find((e) => e.field === field)?.message ?? '';
}

export function fieldValue<T extends FormLike>(
	form: T | null | undefined,
	field: ValueField<T>,
	fallback = ''
): string {
	return form?.values?.[field] ?? fallback;
}

/** The form of a page with several, when it is the one named `w` (`which` on the server). */
export function formFor<T extends FormLike, W extends string>(
	form: T | null | undefined,
	w: W
): Extract<T, { which: W }> | null {
	return form && isFor(form, w) ? form : null;
}
function isFor<T extends FormLike, W extends string>(
	form: T,
	w: W
): form is Extract<T, { which: W }> {
	return form.which === w;
}

/** A form refused before the action ran: a file far over the limit (see `withTooLarge`). */
export type TooLarge = FormState<'file'>;

/**
 * A file far over the limit never reaches the form action: the server sends the page back with
 * `?too-large=1` (scripts/serve.js), and the page shows it as an error on the file field.
 */
export function withTooLarge<T extends FormLike>(
	form: T | null | undefined,
	url: { searchParams: { has(name: string): boolean } },
	message: string
): T | TooLarge | null {
	if (form) return form;
	if (!url.searchParams.has('too-large')) return null;
	return { values: {}, errors: [{ field: 'file', message }] };
}

/** The first message of a refused form's data as `deserialize` hands it back (untyped). */
export function firstErrorMessage(data: unknown): string {
	if (typeof data !== 'object' || data === null || !('errors' in data)) return '';
	const first: unknown = Array.isArray(data.errors) ? data.errors[0] : undefined;
	if (typeof first !== 'object' || first === null || !('message' in first)) return '';
	return typeof first.message === 'string' ? first.message : '';
}
