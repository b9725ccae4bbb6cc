/** Blocks → Word, PDF, Markdown, in a worker thread: what the report and the canvas use. */
export {
	DOCUMENT_MIME,
	fileNameOf,
	type Block,
	type DocumentFile,
	type DocumentFormat,
	type DocumentLang,
	type ImageData,
	type ListItem
} from './blocks.ts';
export { toDocx } from './docx.ts';
export { toMarkdown } from './markdown.ts';
export { toPdf } from './pdf.ts';
export { DEFAULT_WORKER, renderDocument, renderExport } from './render.ts';
