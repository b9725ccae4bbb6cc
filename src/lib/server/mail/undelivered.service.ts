import type { Actor, Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import { enqueue } from '../jobs/index.ts';
import { findFailedMail, listUndeliveredMail, retireJob } from '../jobs/queue.repository.ts';
import { requireCoordinator } from '../modules/network/index.ts';
import type { MailPayload } from './mailer.ts';

/**
 * The network's mail that could not be delivered (after every retry), with the reason, and how
 * many mails still wait for their turn. For the network's coordinators.
 */
export async function listUndelivered(ctx: Ctx, actor: Actor | null, networkId: string) {
	await requireCoordinator(ctx, actor, networkId);
	const { failed, queued } = await listUndeliveredMail(ctx.db, networkId);
	return {
		queued,
		failed: failed.map((j) => {
			const mail = JSON.parse(j.payload) as Partial<MailPayload>;
			return {
				id: j.id,
				to: mail.to ?? '',
				subject: mail.subject ?? '',
				kind: mail.kind ?? 'other',
				reason: j.lastError ?? '',
				attempts: j.attempts,
				failedAt: j.doneAt ?? j.createdAt
			};
		})
	};
}

/** Sends a failed mail again, as a new job; the failed one leaves the list. */
export async function resendMail(ctx: Ctx, actor: Actor, networkId: string, jobId: string) {
	await requireCoordinator(ctx, actor, networkId);
	const now = ctx.now();
	await ctx.db.transaction().execute(async (trx) => {
		const job = await findFailedMail(trx, networkId, jobId);
		if (!job) throw notFound();
		await enqueue(
			trx,
			{ kind: 'mail', key: `resend:${job.id}`, networkId, payload: JSON.parse(job.payload) },
			now
		);
		await retireJob(trx, job.id, now);
	});
}
