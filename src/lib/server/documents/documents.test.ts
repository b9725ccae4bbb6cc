import fs from 'node:fs';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_WORKER,
	renderDocument,
	renderExport,
	toDocx,
	toMarkdown,
	toPdf,
	type Block
} from './index.ts';
import renderInWorker from './worker.mjs';

const blocks: Block[] = [
	{ type: 'heading', level: 1, text: 'Oogst van de bieb' },
	{ type: 'facts', rows: [['Netwerk', 'Taal voor iedereen']] },
	{ type: 'list', ordered: false, items: ['Voorleesuurtje', 'Taalcafé'] },
	{ type: 'table', header: ['Post-it', 'Stippen'], rows: [['Taalcafé', '7']] }
];

const pdfText = async (bytes: Uint8Array) =>
	(await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text;

describe('documents: blocks to Word, PDF and Markdown', () => {
	it('the worker thread is at the default path EXPORT_WORKER falls back to', () => {
		expect(fs.existsSync(DEFAULT_WORKER)).toBe(true);
		expect(DEFAULT_WORKER).toBe('src/lib/server/documents/worker.mjs');
	});

	it('the worker file itself writes Word and PDF from the blocks', async () => {
		const job = { blocks, lang: 'nl' as const, title: 'Oogst', images: [] };
		const docx = await renderInWorker({ ...job, format: 'docx' });
		const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
		expect(xml).toContain('Voorleesuurtje');
		expect(await pdfText(await renderInWorker({ ...job, format: 'pdf' }))).toContain(
			'Oogst van de bieb'
		);
	});

	it('a document comes as bytes with its type and a file name made from the title', async () => {
		const md = await renderDocument('md', {
			blocks,
			lang: 'nl',
			title: 'Oogst: de bieb!',
			fallback: 'verslag'
		});
		expect(md.type).toBe('text/markdown; charset=utf-8');
		expect(md.name).toBe('oogst-de-bieb.md');
		expect(new TextDecoder().decode(md.bytes)).toContain('# Oogst van de bieb');
		const pdf = await renderDocument('pdf', {
			blocks,
			lang: 'fr',
			title: '‮«»',
			fallback: 'verslag'
		});
		expect(pdf.type).toBe('application/pdf');
		expect(pdf.name).toBe('verslag.pdf');
		expect(await pdfText(pdf.bytes)).toContain('Taalcafé');
		const docx = await renderExport('docx', blocks, 'en', 'x', new Map());
		expect(docx).toBeInstanceOf(Uint8Array);
		expect((await JSZip.loadAsync(docx)).file('word/document.xml')).not.toBeNull();
	});

	it('a list item can carry sub-items, one level in, in all three formats', async () => {
		const nested: Block[] = [
			{
				type: 'list',
				ordered: true,
				items: [
					{ text: 'Werk met sleutelfiguren', items: ['Vraag wie al vertrouwd is', 'Betaal ze'] },
					'Hou de drempel laag'
				]
			}
		];
		expect(toMarkdown(nested)).toBe(
			'1. Werk met sleutelfiguren\n   - Vraag wie al vertrouwd is\n   - Betaal ze\n2. Hou de drempel laag\n'
		);
		const xml = await (
			await JSZip.loadAsync(await toDocx(nested, 'nl', 'x'))
		)
			.file('word/document.xml')!
			.async('string');
		// The sub-tip is a paragraph of its own at list level 1, after its tip, before the next.
		const sub = xml.indexOf('Betaal ze');
		expect(sub).toBeGreaterThan(xml.indexOf('Werk met sleutelfiguren'));
		expect(sub).toBeLessThan(xml.indexOf('Hou de drempel laag'));
		const subParagraph = xml.slice(xml.lastIndexOf('<w:p>', sub), sub);
		expect(subParagraph).toMatch(/<w:ilvl w:val="1"\/>/);
		const text = await pdfText(await toPdf(nested, 'nl', 'x'));
		expect(text.indexOf('Vraag wie al vertrouwd is')).toBeGreaterThan(
			text.indexOf('Werk met sleutelfiguren')
		);
		expect(text.indexOf('Hou de drempel laag')).toBeGreaterThan(text.indexOf('Betaal ze'));
	});
});
