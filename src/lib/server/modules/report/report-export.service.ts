import type { Actor, Ctx } from '../../context.ts';
import { renderDocument, type DocumentFile, type DocumentFormat } from '../../documents/index.ts';
import { readImages } from '../knowledge/index.ts';
import { reportBlocks } from './report.document.ts';
import { assembleReport } from './report.service.ts';

/**
 * The report as a file (Markdown, Word or PDF), for whoever may read it: the draft for the
 * people who work on it, the shared version for the other members. The route sends it.
 */
export async function exportReport(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string,
	format: DocumentFormat
): Promise<DocumentFile> {
	const report = await assembleReport(ctx, actor, networkId, sessionId);
	const blocks = reportBlocks(report, ctx.publicUrl);
	const images =
		format === 'md'
			? new Map()
			: await readImages(
					ctx,
					networkId,
					blocks.flatMap((b) => (b.type === 'image' ? [b.fileId] : []))
				);
	return renderDocument(format, {
		blocks,
		lang: report.lang,
		title: report.session.title,
		images,
		fallback: 'verslag'
	});
}
