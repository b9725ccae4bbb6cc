import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, TEST_DB, type TestWorld } from '../testing/db.ts';
import { contentDisposition } from '../content-disposition.ts';
import { runJobsNow } from '../jobs/run-now.ts';
import { createMailer } from './mailer.ts';

describe(`what a person reads before opening a mail or a download [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('takes bidi overrides, isolates and line breaks out of every subject and attachment name', async () => {
		const mailer = createMailer({ db: w.ctx.db, usesOutbox: true });
		await mailer.send({
			to: 'amal@example.org',
			subject: 'Verslag: Taal\u202Efdp.exe\u202C \u2066en\u2069 meer\r\nBcc: x@example.org',
			text: 'Tekst \u202E blijft',
			html: '<p>x</p>',
			attachments: [{ filename: 'sessie\u202Escі.ics', contentType: 'text/calendar', content: 'x' }]
		});
		await runJobsNow(w.ctx);
		const [stored] = await w.ctx.db.selectFrom('outbox').selectAll().execute();
		expect(stored!.subject).toBe('Verslag: Taalfdp.exe en meer Bcc: x@example.org');
		expect(stored!.subject).not.toMatch(/[\u202A-\u202E\u2066-\u2069\r\n]/);
		expect(JSON.parse(stored!.attachments!)[0].filename).toBe('sessiescі.ics');
		// The body is the writer's text and is left alone.
		expect(stored!.text).toBe('Tekst \u202E blijft');
	});

	it('gives downloads a file name without bidi or control characters', () => {
		const header = contentDisposition('Verslag \u202Efdp.exe\u2069\u0000.pdf');
		expect(header).toBe(
			`attachment; filename="Verslag fdp.exe.pdf"; filename*=UTF-8''Verslag%20fdp.exe.pdf`
		);
		expect(contentDisposition('Zoë "x".png', { inline: true })).toBe(
			`inline; filename="Zo_ _x_.png"; filename*=UTF-8''Zo%C3%AB%20%22x%22.png`
		);
		expect(contentDisposition('\u202E')).toBe(
			`attachment; filename="download"; filename*=UTF-8''download`
		);
	});
});
