import {
	planNextRound,
	planReminders,
	sendDigest,
	sendReminder,
	sweepExpiredClaims
} from '../modules/commitment/index.ts';
import { reindexResources } from '../modules/knowledge/index.ts';
import { reindexLearning } from '../modules/learning/index.ts';
import { planPartnerReviews, sendPartnerReview } from '../modules/partnership/index.ts';
import { indexSession, reindexSessionsOfNetwork } from '../modules/report/index.ts';
import type { MailPayload } from '../mail/mailer.ts';
import type { MailTransport } from '../mail/transport.ts';
import type { JobHandlers } from './worker.ts';

/** What each kind of job does. The worker and `runJobsNow` in tests use this one map. */
export function jobHandlers(deps: { transport: MailTransport }): JobHandlers {
	return {
		mail: (run) => deps.transport.deliver(run, run.payload as MailPayload),
		'index-session': async ({ ctx, payload }) => {
			await indexSession(ctx, (payload as { sessionId: string }).sessionId);
		},
		'index-network': async ({ ctx, payload }) => {
			// After the network's language changed: its sessions, its resources and its learning
			// questions, each by the module that knows what of them goes into the search.
			const { networkId } = payload as { networkId: string };
			await reindexSessionsOfNetwork(ctx, networkId);
			await reindexResources(ctx, networkId);
			await reindexLearning(ctx, networkId);
		},
		// Every hour: reminders for what falls due around now (commitments, and partners to score
		// again), then the next round; and the commitments written on a phone that nobody kept in
		// time are deleted.
		'reminder-plan': async ({ ctx }) => {
			await sweepExpiredClaims(ctx);
			await planReminders(ctx);
			await planPartnerReviews(ctx);
			await planNextRound(ctx);
		},
		reminder: sendReminder,
		'reminder-digest': sendDigest,
		'partner-review': sendPartnerReview
	};
}
