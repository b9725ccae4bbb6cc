/** What other modules may use of the commitment module: read functions and types. */
export { getCommitment, listCommitments } from './commitment.read.ts';
export { forgetMemberCommitments } from './commitment.service.ts';
export type { CommitmentState } from '../../db/types.ts';
export {
	planNextRound,
	planReminders,
	reminderPreference,
	saveReminderPreference,
	sendDigest,
	sendReminder,
	startReminderPlanning
} from './reminder.service.ts';
export { commitmentsOfCoachees } from './coach.read.ts';
export { exportCommitment } from './commitment.document.ts';
export { draftFromSession, type CommitmentDraft } from './draft.read.ts';
export { sessionFollowUp } from './follow-up.read.ts';
export { dropWaitingClaims, fulfilWaitingClaims, sweepExpiredClaims } from './claim.service.ts';
export { talkProgress, talksAbout } from './progress.read.ts';
// The stakeholder map makes a next move an action of one of the member's own commitments.
export { addAction } from './plan.service.ts';
