import type { FormLike } from './form-state.ts';

/**
 * A page with several forms reads the one the server answered (`which`): its errors, its done
 * message, one field's error and what was typed. `get` returns the page's `form` prop, read at
 * each call, so templates stay reactive.
 */
export function pageForms(get: () => FormLike | null | undefined) {
	const of = (w: string) => {
		const f = get();
		return f && f.which === w ? f : null;
	};
	return {
		errors: (w: string) => of(w)?.errors ?? [],
		done: (w: string) => of(w)?.message ?? '',
		error: (w: string, field: string) =>
			of(w)?.errors?.find((e) => e.field === field)?.message ?? '',
		value: (w: string, field: string, fallback = '') => of(w)?.values?.[field] ?? fallback
	};
}
