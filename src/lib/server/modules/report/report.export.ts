import { createRequire } from 'node:module';
import path from 'node:path';
import {
	AlignmentType,
	Document,
	HeadingLevel,
	ImageRun,
	LevelFormat,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type { Block } from './report.document.ts';

const LANG_TAG = { nl: 'nl-NL', en: 'en-GB', fr: 'fr-BE' } as const;
type Lang = keyof typeof LANG_TAG;

/** The bytes of the report's images, by file id. */
export type ImageData = Map<string, { data: Buffer; mime: string }>;

/** An image's size on the page: its own, but at most `max` wide. */
function fit(b: { width: number; height: number }, max: number) {
	const scale = Math.min(1, max / Math.max(1, b.width));
	return { width: Math.round(b.width * scale), height: Math.round(b.height * scale) };
}

/** Markdown: user text is escaped, so a post-it cannot become a link, a heading or HTML. */
export function toMarkdown(blocks: Block[]): string {
	const esc = (t: string) =>
		t
			.replace(/\r?\n/g, ' ')
			.replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1')
			.replace(/^(\s*)(-|\d+\.)/, '$1\\$2');
	const out: string[] = [];
	for (const b of blocks) {
		if (b.type === 'heading') out.push(`${'#'.repeat(b.level)} ${esc(b.text)}`);
		else if (b.type === 'paragraph')
			out.push(
				b.text
					.split(/\r?\n/)
					.map((l) => esc(l))
					.join('  \n')
			);
		else if (b.type === 'facts')
			out.push(b.rows.map(([k, v]) => `- **${esc(k)}:** ${esc(v)}`).join('\n'));
		else if (b.type === 'list')
			out.push(b.items.map((t, i) => `${b.ordered ? `${i + 1}.` : '-'} ${esc(t)}`).join('\n'));
		else if (b.type === 'image') out.push(`![${esc(b.alt)}](<${b.url}>)`);
		else
			out.push(
				[
					`| ${esc(b.header[0])} | ${esc(b.header[1])} |`,
					'| --- | ---: |',
					...b.rows.map(([a, c]) => `| ${esc(a)} | ${esc(c)} |`)
				].join('\n')
			);
	}
	return out.join('\n\n') + '\n';
}

/**
 * Word: real heading styles (navigable, and read as headings by screen readers), real lists,
 * a table with a header row for the vote counts, and the document language set.
 */
export async function toDocx(
	blocks: Block[],
	lang: Lang,
	title: string,
	images: ImageData = new Map()
): Promise<Buffer> {
	const children: (Paragraph | Table)[] = [];
	let listInstance = 0;
	const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];
	for (const b of blocks) {
		if (b.type === 'heading')
			children.push(new Paragraph({ text: b.text, heading: HEADINGS[b.level - 1] }));
		else if (b.type === 'paragraph')
			for (const line of b.text.split(/\r?\n/)) children.push(new Paragraph({ text: line }));
		else if (b.type === 'facts')
			for (const [k, v] of b.rows)
				children.push(
					new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] })
				);
		else if (b.type === 'list') {
			listInstance++;
			for (const t of b.items)
				children.push(
					b.ordered
						? new Paragraph({
								text: t,
								numbering: { reference: 'ordered', level: 0, instance: listInstance }
							})
						: new Paragraph({ text: t, bullet: { level: 0 } })
				);
		} else if (b.type === 'image') {
			const img = images.get(b.fileId);
			if (!img) continue;
			// The alternative text goes into the picture's own description, as Word reads it out.
			children.push(
				new Paragraph({
					children: [
						new ImageRun({
							type: img.mime === 'image/png' ? 'png' : 'jpg',
							data: img.data,
							transformation: fit(b, 600),
							altText: { name: b.alt.slice(0, 60), title: b.alt, description: b.alt }
						})
					]
				})
			);
		} else {
			const cell = (text: string, opts: { bold?: boolean; right?: boolean } = {}) =>
				new TableCell({
					children: [
						new Paragraph({
							alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
							children: [new TextRun({ text, bold: opts.bold })]
						})
					]
				});
			children.push(
				new Table({
					width: { size: 100, type: WidthType.PERCENTAGE },
					rows: [
						new TableRow({
							tableHeader: true,
							children: [
								cell(b.header[0], { bold: true }),
								cell(b.header[1], { bold: true, right: true })
							]
						}),
						...b.rows.map(
							([a, c]) => new TableRow({ children: [cell(a), cell(c, { right: true })] })
						)
					]
				})
			);
		}
	}
	const doc = new Document({
		creator: 'Olievlek',
		title,
		styles: { default: { document: { run: { language: { value: LANG_TAG[lang] } } } } },
		numbering: {
			config: [
				{
					reference: 'ordered',
					levels: [
						{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }
					]
				}
			]
		},
		sections: [{ children }]
	});
	return Packer.toBuffer(doc);
}

const require = createRequire(import.meta.url);

/** PDF (pdfmake, Roboto): selectable, extractable text with a heading hierarchy. */
export async function toPdf(
	blocks: Block[],
	lang: Lang,
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
		else if (b.type === 'list')
			content.push(
				b.ordered ? { ol: b.items, margin: [0, 0, 0, 6] } : { ul: b.items, margin: [0, 0, 0, 6] }
			);
		else if (b.type === 'image') {
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
