import { browser } from '$app/env';

/** Client-safe helpers for showing a form's state returned by an action. */
export interface FormStateLike {
	values?: Record<string, string>;
	errors?: { field: string; message: string }[];
	message?: string;
}

export function fieldError(form: FormStateLike | null | undefined, field: string): string {
	return form?.errors?.find((e) => e.field === field)?.message ?? '';
}

export function fieldValue(
	form: FormStateLike | null | undefined,
	field: string,
	fallback = ''
): string {
	return form?.values?.[field] ?? fallback;
}

/**
 * A file far over the limit never reaches the form action: the server sends the page back with
 * `?too-large=1` (scripts/serve.js), and the page shows it as an error on the file field.
 */
export function withTooLarge(
	form: FormStateLike | null,
	url: { searchParams: { has(name: string): boolean } },
	message: string
): FormStateLike | null {
	if (form || !url.searchParams.has('too-large')) return form;
	return { errors: [{ field: 'file', message }] };
}

/**
 * The text of a `<textarea>` in the server's HTML. Svelte 5 renders `defaultValue` on an
 * `<input>` and a `<select>`, but leaves a `<textarea>` empty, so a form saved before the script
 * ran (JavaScript off, a slow phone) wiped the stored text. Use it as the element's content next
 * to `defaultValue`: `<textarea defaultValue={v}>{serverText(v)}</textarea>`. In the browser it
 * is `undefined`, which Svelte leaves alone, so hydration keeps what someone already typed and
 * `defaultValue` stays the only thing that sets the text. The leading newline is eaten by the
 * HTML parser, so a value that itself starts with a newline keeps it.
 */
export function serverText(value: string | null | undefined): string | undefined {
	return browser ? undefined : `\n${value ?? ''}`;
}
