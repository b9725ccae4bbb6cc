import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { log } from '../log.ts';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html: string;
	/** Text attachments, such as a calendar file. */
	attachments?: { filename: string; contentType: string; content: string }[];
}

export interface Mailer {
	send(mail: Mail): Promise<void>;
	readonly usesOutbox: boolean;
}

/** SMTP when configured; otherwise every mail lands in the outbox table that /outbox lists. */
export function createMailer(opts: {
	db: Kysely<Database>;
	smtpUrl?: string;
	from: string;
}): Mailer {
	if (opts.smtpUrl) {
		const transport = nodemailer.createTransport(opts.smtpUrl);
		return {
			usesOutbox: false,
			async send(mail) {
				await transport.sendMail({ from: opts.from, ...mail });
				log.info({ subject: mail.subject }, 'mail sent');
			}
		};
	}
	return {
		usesOutbox: true,
		async send(mail) {
			await opts.db
				.insertInto('outbox')
				.values({
					id: crypto.randomUUID(),
					toAddress: mail.to,
					subject: mail.subject,
					text: mail.text,
					html: mail.html,
					attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
					createdAt: new Date().toISOString()
				})
				.execute();
			log.info({ subject: mail.subject }, 'mail stored in development outbox');
		}
	};
}

export async function listOutbox(db: Kysely<Database>) {
	return db.selectFrom('outbox').selectAll().orderBy('createdAt', 'desc').limit(100).execute();
}

export async function getOutboxMail(db: Kysely<Database>, id: string) {
	return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
