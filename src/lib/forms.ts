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
