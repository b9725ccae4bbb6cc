import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import type { JobRun } from '../jobs/worker.ts';
import { log } from '../log.ts';
import type { MailPayload } from './mailer.ts';
import { storeOutboxMail } from './outbox.repository.ts';

/** Delivers one `mail` job: over SMTP, or into the development outbox. */
export interface MailTransport {
	readonly usesOutbox: boolean;
	deliver(run: JobRun, mail: MailPayload): Promise<void>;
}

/**
 * Log lines carry the mail's id (the job's id) and kind, never its address or subject
 * (subjects hold names).
 *
 * Exactly once: the development outbox row and the job's done mark are one transaction, and
 * the row's id is the job's, so a job run again after a kill -9 cannot store a second copy.
 * SMTP cannot share a transaction: the Message-ID is the job's id, the same on every attempt,
 * and is recorded on the job as it is marked done. A kill between the SMTP server's "250 OK"
 * and that mark sends the mail again with the same Message-ID, which receiving servers and
 * mail programs take as the same message.
 */
export function createTransport(opts: {
	db: Kysely<Database>;
	smtpUrl?: string;
	from: string;
}): MailTransport {
	if (opts.smtpUrl) {
		const transport = nodemailer.createTransport(opts.smtpUrl);
		const host = /@([^>]+)>?$/.exec(opts.from)?.[1] ?? 'olievlek';
		return {
			usesOutbox: false,
			async deliver(run, { kind, ...mail }) {
				const messageId = `<${run.job.id}@${host}>`;
				await transport.sendMail({ from: opts.from, ...mail, messageId });
				await run.complete(run.ctx.db, messageId, { clearPayload: true });
				log.info({ mailId: run.job.id, kind: kind ?? 'other' }, 'mail sent');
			}
		};
	}
	return {
		usesOutbox: true,
		async deliver(run, mail) {
			const id = run.job.id;
			await run.ctx.db.transaction().execute(async (trx) => {
				await storeOutboxMail(trx, id, mail);
				await run.complete(trx, id, { clearPayload: true });
			});
			log.info({ mailId: id, kind: mail.kind ?? 'other' }, 'mail stored in development outbox');
		}
	};
}
