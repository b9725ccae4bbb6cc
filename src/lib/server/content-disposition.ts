import { withoutBidiControls, withoutControlCharacters } from './validation.ts';

/**
 * The Content-Disposition of a download, with a file name a person can trust: no bidi
 * overrides or isolates (U+202E makes "verslag‮fdp.exe" show as "verslagexe.pdf"), no
 * control characters, an ASCII fallback and the full name in UTF-8 (RFC 6266).
 */
export function contentDisposition(name: string, opts: { inline?: boolean } = {}): string {
	const clean =
		withoutControlCharacters(withoutBidiControls(name))
			.replace(/[\n\t]/g, ' ')
			.trim() || 'download';
	const ascii = clean.replace(/[^\x20-\x7e]|["\\]/g, '_');
	const utf8 = encodeURIComponent(clean).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `${opts.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
