import type { Actor } from '../../context.ts';
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
			: format === 'docx'
				? await toDocx(blocks, report.lang, title, images)
				: await toPdf(blocks, report.lang, title, images);
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
			'content-disposition': `attachment; filename="${name}.${format}"`,
			'cache-control': 'private, no-store'
		}
	});
}
