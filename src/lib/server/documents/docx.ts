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
import {
	fit,
	itemParts,
	LANG_TAG,
	type Block,
	type DocumentLang,
	type ImageData
} from './blocks.ts';

/**
 * Word: real heading styles (navigable, and read as headings by screen readers), real lists,
 * a table with a header row for the vote counts, and the document language set.
 */
export async function toDocx(
	blocks: Block[],
	lang: DocumentLang,
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
			for (const item of b.items) {
				const { text, items } = itemParts(item);
				children.push(
					b.ordered
						? new Paragraph({
								text,
								numbering: { reference: 'ordered', level: 0, instance: listInstance }
							})
						: new Paragraph({ text, bullet: { level: 0 } })
				);
				// Sub-items are bullets one level in, under an ordered item as under a bullet.
				for (const t of items) children.push(new Paragraph({ text: t, bullet: { level: 1 } }));
			}
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
