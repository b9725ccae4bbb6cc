import type { Actor } from '../../context.ts';
import type { Ctx } from '../../context.ts';
import { reportBlocks } from './report.document.ts';
import { toDocx, toMarkdown, toPdf } from './report.export.ts';
import { assembleReport } from './report.service.ts';

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
	const blocks = reportBlocks(report);
	const title = report.session.title;
	const body =
		format === 'md'
			? toMarkdown(blocks)
			: format === 'docx'
				? await toDocx(blocks, report.lang, title)
				: await toPdf(blocks, report.lang, title);
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
			'content-disposition': `attachment; filename="${name}.${format}"`,
			'cache-control': 'private, no-store'
		}
	});
}
