import { createRequire } from 'node:module';
import path from 'node:path';
import {
	fit,
	itemParts,
	LANG_TAG,
	type Block,
	type DocumentLang,
	type ImageData
} from './blocks.ts';

const require = createRequire(import.meta.url);

/** PDF (pdfmake, Roboto): selectable, extractable text with a heading hierarchy. */
export async function toPdf(
	blocks: Block[],
	lang: DocumentLang,
	title: string,
	images: ImageData = new Map()
): Promise<Buffer> {
	const pdfmake = require('pdfmake') as {
		setFonts(f: unknown): void;
		setUrlAccessPolicy(f: (url: string) => boolean): void;
		setLocalAccessPolicy?(f: (path: string) => boolean): void;
		createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
	};
	pdfmake.setFonts(require('pdfmake/fonts/Roboto.js'));
	pdfmake.setUrlAccessPolicy(() => false);
	// Only the fonts pdfmake ships with are read from disk; images come as data URLs.
	pdfmake.setLocalAccessPolicy?.((p) => p.includes(`${path.sep}pdfmake${path.sep}`));
	// pdfmake writes into the document it is given; the caller's blocks stay untouched.
	blocks = structuredClone(blocks);
	const content: unknown[] = [];
	const SIZES = [20, 15, 12.5];
	for (const b of blocks) {
		if (b.type === 'heading')
			content.push({
				text: b.text,
				fontSize: SIZES[b.level - 1],
				bold: true,
				margin: [0, b.level === 1 ? 0 : 12, 0, 6]
			});
		else if (b.type === 'paragraph') content.push({ text: b.text, margin: [0, 0, 0, 6] });
		else if (b.type === 'facts')
			content.push({
				margin: [0, 0, 0, 8],
				stack: b.rows.map(([k, v]) => ({ text: [{ text: `${k}: `, bold: true }, v] }))
			});
		else if (b.type === 'list') {
			// pdfmake nests a list as an item: the text, then its sub-list.
			const items = b.items.map((item) => {
				const { text, items: sub } = itemParts(item);
				return sub.length ? { stack: [text, { ul: sub }] } : text;
			});
			content.push(
				b.ordered ? { ol: items, margin: [0, 0, 0, 6] } : { ul: items, margin: [0, 0, 0, 6] }
			);
		} else if (b.type === 'image') {
			const img = images.get(b.fileId);
			if (img)
				content.push({
					image: `data:${img.mime};base64,${img.data.toString('base64')}`,
					...fit(b, 480),
					margin: [0, 0, 0, 8]
				});
		} else
			content.push({
				margin: [0, 0, 0, 8],
				table: {
					headerRows: 1,
					widths: ['*', 'auto'],
					body: [
						[
							{ text: b.header[0], bold: true },
							{ text: b.header[1], bold: true, alignment: 'right' }
						],
						...b.rows.map(([a, c]) => [a, { text: c, alignment: 'right' }])
					]
				}
			});
	}
	return pdfmake
		.createPdf({
			info: { title, creator: 'Olievlek', lang: LANG_TAG[lang] },
			language: LANG_TAG[lang],
			defaultStyle: { font: 'Roboto', fontSize: 10.5 },
			content
		})
		.getBuffer();
}
