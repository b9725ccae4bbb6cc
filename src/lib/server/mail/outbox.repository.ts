import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/** What the outbox keeps of a mail. */
export interface OutboxMail {
	to: string;
	subject: string;
	text: string;
	html: string;
	attachments?: unknown[];
}

/** The development outbox: every mail the app would have sent, for people trying it out. */

export function listOutboxRows(db: Kysely<Database>) {
	return db.selectFrom('outbox').selectAll().orderBy('createdAt', 'desc').limit(100).execute();
}

export function findOutboxRow(db: Kysely<Database>, id: string) {
	return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stores a mail under its job's id; a job run again after a crash stores nothing twice. */
export async function storeOutboxMail(db: Kysely<Database>, id: string, mail: OutboxMail) {
	await db
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
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
}
