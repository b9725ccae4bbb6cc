import { browser } from '$app/env';

export * from './form-state.ts';

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
