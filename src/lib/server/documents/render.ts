import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { log } from '../log.ts';
import {
	DOCUMENT_MIME,
	fileNameOf,
	type Block,
	type DocumentFile,
	type DocumentFormat,
	type DocumentLang,
	type ImageData
} from './blocks.ts';
import { toDocx } from './docx.ts';
import { toMarkdown } from './markdown.ts';
import { toPdf } from './pdf.ts';

/** Where the worker is found from the working directory (the repository, as `npm start` runs it). */
export const DEFAULT_WORKER = 'src/lib/server/documents/worker.mjs';

let pool: Piscina | null | undefined;
/**
 * Word and PDF are made in a worker thread, so a large export never holds up anyone else's
 * requests; documents wait their turn in the pool's queue. Without the worker file (EXPORT_WORKER,
 * or the default), documents are made in-process.
 */
function documentPool(): Piscina | null {
	if (pool !== undefined) return pool;
	const file = path.resolve(process.env.EXPORT_WORKER ?? DEFAULT_WORKER);
	if (!fs.existsSync(file)) {
		log.warn({ file }, 'export worker not found: exports run in the request');
		return (pool = null);
	}
	return (pool = new Piscina({
		filename: pathToFileURL(file).href,
		minThreads: 0,
		maxThreads: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
		idleTimeout: 60_000
	}));
}

/** A Word or PDF file of the blocks, made off the main thread when the worker is there. */
export async function renderExport(
	format: 'docx' | 'pdf',
	blocks: Block[],
	lang: DocumentLang,
	title: string,
	images: ImageData
): Promise<Uint8Array> {
	const p = documentPool();
	if (p)
		return p.run({
			format,
			blocks,
			lang,
			title,
			images: [...images].map(([id, img]) => [
				id,
				{ data: new Uint8Array(img.data), mime: img.mime }
			])
		});
	const out =
		format === 'docx'
			? await toDocx(blocks, lang, title, images)
			: await toPdf(blocks, lang, title, images);
	return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * A document in one of the three formats, with its type and a file name made from the title
 * (`fallback` when the title has no letters to make one of).
 */
export async function renderDocument(
	format: DocumentFormat,
	doc: { blocks: Block[]; lang: DocumentLang; title: string; images?: ImageData; fallback: string }
): Promise<DocumentFile> {
	const bytes =
		format === 'md'
			? new TextEncoder().encode(toMarkdown(doc.blocks))
			: await renderExport(format, doc.blocks, doc.lang, doc.title, doc.images ?? new Map());
	return { bytes, type: DOCUMENT_MIME[format], name: fileNameOf(doc.title, format, doc.fallback) };
}
