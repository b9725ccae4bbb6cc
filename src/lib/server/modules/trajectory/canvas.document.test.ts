import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { exportCanvasPdf } from './canvas.document.ts';
import { addCanvasItem, createCanvas, linkFit } from './canvas.service.ts';

describe(`the canvas as a PDF [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('lists both sides with the fits, as a file named canvas.pdf, for its owner only', async () => {
		const cora = await createPerson(w, 'Cora');
		const { id: n } = await createNetwork(w.ctx, cora, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Canvas ${crypto.randomUUID()}`
		});
		const olga = await createPerson(w, 'Olga');
		await addMember(w, cora, n, olga);
		const canvas = await createCanvas(w.ctx, olga, n, { title: 'Mijn directeur' });
		const pain = await addCanvasItem(w.ctx, olga, n, canvas.id, {
			section: 'pains',
			text: 'Geen tijd'
		});
		const reliever = await addCanvasItem(w.ctx, olga, n, canvas.id, {
			section: 'relievers',
			text: 'Kant-en-klaar plan'
		});
		await linkFit(w.ctx, olga, n, canvas.id, { fromId: reliever.id, toId: pain.id });
		const file = await exportCanvasPdf(w.ctx, olga, n, canvas.id);
		expect(file).toMatchObject({ type: 'application/pdf', name: 'canvas.pdf' });
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(file.bytes)), {
			mergePages: true
		});
		expect(text).toContain('Mijn directeur');
		// The reliever with the pain it answers (Roboto has no arrow glyph: the PDF shows a gap).
		expect(text).toMatch(/Kant-en-klaar plan\s.{0,2}\s?Geen tijd/);
		// A private canvas is not found by another member.
		await expect(exportCanvasPdf(w.ctx, cora, n, canvas.id)).rejects.toBeInstanceOf(DomainError);
	});
});
