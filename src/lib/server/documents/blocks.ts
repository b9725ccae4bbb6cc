/**
 * A document as a list of plain blocks, the one shape the Markdown, Word and PDF writers are
 * written from, so the three always say the same. The report and the canvas are made into
 * blocks by their modules; nothing here knows what a report is.
 */
export type Block =
	| { type: 'heading'; level: 1 | 2 | 3; text: string; anchor?: string }
	| { type: 'paragraph'; text: string }
	| { type: 'facts'; rows: [string, string][] }
	| { type: 'list'; ordered: boolean; items: ListItem[] }
	| { type: 'table'; header: [string, string]; rows: [string, string][] }
	| { type: 'image'; fileId: string; alt: string; width: number; height: number; url: string };

/** A list item: a line, or a line with sub-items under it (one level, as tips have sub-tips). */
export type ListItem = string | { text: string; items: string[] };

/** An item's own line and its sub-items, whichever shape it came in. */
export function itemParts(item: ListItem): { text: string; items: string[] } {
	return typeof item === 'string' ? { text: item, items: [] } : item;
}

export const LANG_TAG = { nl: 'nl-NL', en: 'en-GB', fr: 'fr-BE' } as const;
export type DocumentLang = keyof typeof LANG_TAG;

/** The bytes of a document's images, by file id. */
export type ImageData = Map<string, { data: Buffer; mime: string }>;

export type DocumentFormat = 'md' | 'docx' | 'pdf';

export const DOCUMENT_MIME: Record<DocumentFormat, string> = {
	md: 'text/markdown; charset=utf-8',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf'
};

/** A finished document: what a route sends as a download. */
export interface DocumentFile {
	bytes: Uint8Array;
	type: string;
	name: string;
}

/** An image's size on the page: its own, but at most `max` wide. */
export function fit(b: { width: number; height: number }, max: number) {
	const scale = Math.min(1, max / Math.max(1, b.width));
	return { width: Math.round(b.width * scale), height: Math.round(b.height * scale) };
}

/** A file name from a title: ASCII letters, digits and dashes, at most 60, never empty. */
export function fileNameOf(title: string, format: DocumentFormat, fallback: string) {
	const base =
		title
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.replace(/\s+/g, '-')
			.toLowerCase()
			.slice(0, 60) || fallback;
	return `${base}.${format}`;
}
