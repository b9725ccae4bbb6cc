import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { Actor } from '../../context.ts';
import { contentDisposition } from '../../content-disposition.ts';
import { log } from '../../log.ts';
import type { Ctx } from '../../context.ts';
import { reportBlocks, type Block } from './report.document.ts';
import { toDocx, toMarkdown, toPdf, type ImageData } from './report.export.ts';
import { assembleReport } from './report.service.ts';

/** The report's images, read once for an export. */
export async function loadImages(ctx: Ctx, networkId: string, blocks: Block[]): Promise<ImageData> {
	const ids = blocks.flatMap((b) => (b.type === 'image' ? [b.fileId] : []));
	if (!ids.length) return new Map();
	const rows = await ctx.db
		.selectFrom('storedFile')
		.select(['id', 'data', 'mime'])
		.where('networkId', '=', networkId)
		.where('id', 'in', ids)
		.execute();
	return new Map(rows.map((r) => [r.id, { data: Buffer.from(r.data), mime: r.mime }]));
}

let pool: Piscina | null | undefined;
/**
 * Word and PDF are made in a worker thread, so a large export never holds up anyone else's
 * requests; exports wait their turn in the pool's queue. The worker file is found from the
 * working directory (the repository, as `npm start` runs it); without it, exports run in-process.
 */
function exportPool(): Piscina | null {
	if (pool !== undefined) return pool;
	const file = path.resolve(
		process.env.EXPORT_WORKER ?? 'src/lib/server/modules/report/export-worker.mjs'
	);
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
	lang: 'nl' | 'en' | 'fr',
	title: string,
	images: ImageData
): Promise<Uint8Array> {
	const p = exportPool();
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
	return format === 'docx'
		? toDocx(blocks, lang, title, images)
		: toPdf(blocks, lang, title, images);
}

const TYPES = {
	md: 'text/markdown; charset=utf-8',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf'
} as const;

/** A report export as a download, for members of the session's network. */
export async function exportReport(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string,
	format: keyof typeof TYPES
) {
	const report = await assembleReport(ctx, actor, networkId, sessionId);
	const blocks = reportBlocks(report, ctx.publicUrl);
	const title = report.session.title;
	const images = format === 'md' ? new Map() : await loadImages(ctx, networkId, blocks);
	const body =
		format === 'md'
			? toMarkdown(blocks)
			: await renderExport(format, blocks, report.lang, title, images);
	const name =
		title
			.normalize('NFKD')
			.replace(/[^\w\s-]/g, '')
			.trim()
			.replace(/\s+/g, '-')
			.toLowerCase()
			.slice(0, 60) || 'verslag';
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: {
			'content-type': TYPES[format],
			'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
			'content-disposition': contentDisposition(`${name}.${format}`),
			'cache-control': 'private, no-store'
		}
	});
}
