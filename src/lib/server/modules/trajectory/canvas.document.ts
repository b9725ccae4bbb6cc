import * as m from '#lib/paraglide/messages.js';
import { canvasSectionLabel } from '#lib/trajectory.ts';
import type { Ctx, Actor } from '../../context.ts';
import { renderDocument, type Block, type DocumentFile } from '../../documents/index.ts';
import { findNetwork } from '../network/network.repository.ts';
import { getCanvas } from './canvas.service.ts';

type Canvas = Awaited<ReturnType<typeof getCanvas>>;

/** The canvas as blocks: both sides as lists, and which reliever answers which pain. */
export function canvasBlocks({ canvas, sections, fits }: Canvas): Block[] {
	const text = new Map(
		Object.values(sections)
			.flat()
			.map((i) => [i.id, i.text])
	);
	const list = (s: keyof typeof sections): Block[] => [
		{ type: 'heading', level: 3, text: canvasSectionLabel(s) },
		sections[s].length
			? {
					type: 'list',
					ordered: false,
					items: sections[s].map((i) => {
						const answers = fits.filter((f) => f.fromId === i.id).map((f) => text.get(f.toId));
						return answers.length ? `${i.text} → ${answers.join('; ')}` : i.text;
					})
				}
			: { type: 'paragraph', text: '–' }
	];
	return [
		{ type: 'heading', level: 1, text: m.canvas_pdf_title({ title: canvas.title }) },
		{ type: 'heading', level: 2, text: m.canvas_customer() },
		...list('jobs'),
		...list('pains'),
		...list('gains'),
		{ type: 'heading', level: 2, text: m.canvas_value_map() },
		...list('products'),
		...list('relievers'),
		...list('creators')
	];
}

/** The canvas as a one-page PDF, for whoever may see the canvas. */
export async function exportCanvasPdf(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	canvasId: string
): Promise<DocumentFile> {
	const canvas = await getCanvas(ctx, actor, networkId, canvasId);
	const lang = (await findNetwork(ctx.db, networkId))!.language;
	const file = await renderDocument('pdf', {
		blocks: canvasBlocks(canvas),
		lang,
		title: canvas.canvas.title,
		fallback: 'canvas'
	});
	// The file is called after what it is, whatever the canvas's title says.
	return { ...file, name: 'canvas.pdf' };
}
