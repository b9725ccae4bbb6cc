import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase, TEST_DB } from '../testing/db.ts';
import { log } from '../log.ts';
import type { Ctx } from '../context.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { runJobsWith } from '../jobs/worker.ts';
import { createMailer, listOutbox, type Mail } from './mailer.ts';
import { createTransport } from './transport.ts';

const mail = {
	to: 'anna.de.vries@example.org',
	subject: 'Uitnodiging voor Netwerk van Anna de Vries',
	text: 'Hallo Anna',
	html: '<p>Hallo Anna</p>',
	kind: 'invitation'
};

describe(`mail log lines [${TEST_DB}]`, () => {
	let fresh: Awaited<ReturnType<typeof freshDatabase>>;
	beforeAll(async () => {
		fresh = await freshDatabase();
	});
	afterAll(() => fresh.drop());

	const logged = () => {
		const spy = vi.spyOn(log, 'info');
		return {
			lines: () => spy.mock.calls.map((c) => JSON.stringify(c)),
			done: () => spy.mockRestore()
		};
	};

	/** Queues the mail as the app does, and has the worker deliver it. */
	const sendAndDeliver = async (m: Mail, smtpUrl?: string) => {
		const db = fresh.database.db;
		const ctx = { db, now: () => new Date() } as Ctx;
		await createMailer({ db, usesOutbox: !smtpUrl }).send(m);
		const transport = createTransport({ db, smtpUrl, from: 'Olievlek <noreply@o.test>' });
		await runJobsWith(ctx, jobHandlers({ transport }));
	};

	it('the development outbox logs the mail id and kind, never the address or subject', async () => {
		const spy = logged();
		await sendAndDeliver(mail);
		const [stored] = await listOutbox(fresh.database.db);
		const lines = spy.lines();
		spy.done();
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(stored!.id);
		expect(lines[0]).toContain('invitation');
		expect(lines[0]).not.toMatch(/Anna|example\.org|Uitnodiging/);
	});

	it('SMTP logs the message id it sent and the kind, never the address or subject', async () => {
		const sent: { messageId?: string; to?: string }[] = [];
		const fake = { sendMail: async (m: { messageId?: string; to?: string }) => void sent.push(m) };
		const create = vi.spyOn(nodemailer, 'createTransport').mockReturnValue(fake as never);
		const spy = logged();
		await sendAndDeliver({ ...mail, key: 'smtp-log' }, 'smtp://localhost:25');
		const lines = spy.lines();
		spy.done();
		create.mockRestore();
		expect(sent[0]?.to).toBe(mail.to);
		const id = /^<([\w-]+)@o\.test>$/.exec(sent[0]?.messageId ?? '')?.[1];
		expect(id).toBeDefined();
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain(id);
		expect(lines[0]).not.toMatch(/Anna|example\.org|Uitnodiging/);
	});
});
