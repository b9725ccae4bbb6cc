import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { canvasSectionLabel } from '#lib/trajectory.ts';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { findNetwork } from '#lib/server/modules/network/network.repository.ts';
import type { Block } from '#lib/server/modules/report/report.document.ts';
import { renderExport } from '#lib/server/modules/report/report.http.ts';
import { getCanvas } from '#lib/server/modules/trajectory/canvas.service.ts';
import type { RequestHandler } from './$types';

/** The canvas as a one-page PDF: both sides as lists, and which reliever answers which pain. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const c = ctx();
		const { canvas, sections, fits } = await getCanvas(
			c,
			locals.actor,
			params.networkId,
			params.canvasId
		);
		const lang = (await findNetwork(c.db, params.networkId))!.language;
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
		const blocks: Block[] = [
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
		const pdf = await renderExport('pdf', blocks, lang, canvas.title, new Map());
		return new Response(new Uint8Array(pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': 'attachment; filename="canvas.pdf"',
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (e instanceof DomainError) error(e.status, m.error_not_found());
		throw e;
	}
};
