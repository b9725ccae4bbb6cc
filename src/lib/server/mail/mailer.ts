import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { enqueue } from '../jobs/index.ts';
import { findOutboxRow, listOutboxRows } from './outbox.repository.ts';
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
	/**
	 * The mail's idempotency key (`invite:<invitationId>:<sendNo>`): sending the same key again
	 * is one mail. A fresh key when left out.
	 */
	key?: string;
	/** The network the mail is about: its coordinators see it when it cannot be delivered. */
	networkId?: string | null;
	/**
	 * Its place in the queue, when not now: a reminder's mail takes its reminder's moment, so it
	 * goes out right after it instead of behind every reminder still waiting.
	 */
	queueAt?: Date;
}

export interface Mailer {
	/**
	 * Queues the mail as a job, in `db` when given (the caller's transaction: the mail goes out
	 * only if the change that causes it commits). Never talks to SMTP: a worker delivers it.
	 */
	send(mail: Mail, db?: Kysely<Database>): Promise<void>;
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

/** The payload of a `mail` job: the cleaned mail, without its key. */
export type MailPayload = Omit<Mail, 'key' | 'networkId' | 'queueAt'>;

/**
 * The app's mailer: every mail becomes a `mail` job (see jobs/handlers.ts), delivered by the
 * worker over SMTP when SMTP_URL is set, else into the development outbox that /outbox lists.
 * A request never waits for, or fails because of, the SMTP server.
 */
export function createMailer(opts: {
	db: Kysely<Database>;
	usesOutbox: boolean;
	now?: () => Date;
}): Mailer {
	return {
		usesOutbox: opts.usesOutbox,
		async send(raw, db) {
			const { key, networkId, queueAt, ...mail } = cleanMail(raw);
			await enqueue(
				db ?? opts.db,
				{
					kind: 'mail',
					key: key ?? `mail:${crypto.randomUUID()}`,
					networkId: networkId ?? null,
					payload: mail satisfies MailPayload,
					runAt: queueAt
				},
				opts.now?.()
			);
		}
	};
}

export function listOutbox(db: Kysely<Database>) {
	return listOutboxRows(db);
}

export function getOutboxMail(db: Kysely<Database>, id: string) {
	return findOutboxRow(db, id);
}
