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
