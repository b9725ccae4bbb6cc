import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { log } from '../log.ts';
import { withoutBidiControls, withoutControlCharacters } from '../validation.ts';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html: string;
	/** What sort of mail this is (`invitation`, `auth_reset`, …): logged instead of the subject. */
	kind?: string;
	/** Text attachments, such as a calendar file. */
	attachments?: { filename: string; contentType: string; content: string }[];
}

export interface Mailer {
	send(mail: Mail): Promise<void>;
	readonly usesOutbox: boolean;
}

/**
 * What a person reads before opening a mail shows what it says: bidi overrides and isolates
 * (U+202E turns "factuur‮fdp.exe" around) and line breaks are taken out of the subject and
 * the attachments' names, once, here, whichever module wrote the mail.
 */
export function cleanMail(mail: Mail): Mail {
	const line = (s: string) =>
		withoutControlCharacters(withoutBidiControls(s)).replace(/\s+/g, ' ').trim();
	return {
		...mail,
		subject: line(mail.subject),
		attachments: mail.attachments?.map((a) => ({ ...a, filename: line(a.filename) }))
	};
}

/**
 * SMTP when configured; otherwise every mail lands in the outbox table that /outbox lists.
 * Log lines carry the mail's id and kind, never its address or subject (subjects hold names).
 */
export function createMailer(opts: {
	db: Kysely<Database>;
	smtpUrl?: string;
	from: string;
}): Mailer {
	if (opts.smtpUrl) {
		const transport = nodemailer.createTransport(opts.smtpUrl);
		return {
			usesOutbox: false,
			async send(raw) {
				const { kind, ...mail } = cleanMail(raw);
				const id = crypto.randomUUID();
				const host = /@([^>]+)>?$/.exec(opts.from)?.[1] ?? 'olievlek';
				await transport.sendMail({ from: opts.from, ...mail, messageId: `<${id}@${host}>` });
				log.info({ mailId: id, kind: kind ?? 'other' }, 'mail sent');
			}
		};
	}
	return {
		usesOutbox: true,
		async send(raw) {
			const mail = cleanMail(raw);
			const id = crypto.randomUUID();
			await opts.db
				.insertInto('outbox')
				.values({
					id,
					toAddress: mail.to,
					subject: mail.subject,
					text: mail.text,
					html: mail.html,
					attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
					createdAt: new Date().toISOString()
				})
				.execute();
			log.info({ mailId: id, kind: mail.kind ?? 'other' }, 'mail stored in development outbox');
		}
	};
}

export async function listOutbox(db: Kysely<Database>) {
	return db.selectFrom('outbox').selectAll().orderBy('createdAt', 'desc').limit(100).execute();
}

export async function getOutboxMail(db: Kysely<Database>, id: string) {
	return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
