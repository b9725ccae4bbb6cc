import type { AgendaStep, Session } from '../../db/types.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { canDesignSessions } from '../session/index.ts';

type SessionStatus = Session['status'];
type GroupMode = AgendaStep['groupMode'];

/**
 * Who may do what in a live session, decided from the facts handed in: the facilitator's
 * controls, a participant's own post-its and group, what a phone may see, and the dot budget.
 */

/**
 * The facilitator's controls: the people who design sessions open a session live, run it
 * (steps, timer, groups, moderation: hiding, merging, theming) and close it. Running needs a live
 * session; opening one that was closed is refused (a closed session's report is being written).
 */
export function allowLiveControl(
	facts: { role: string; status: SessionStatus },
	action: 'open' | 'run' | 'close'
): void {
	if (!canDesignSessions(facts.role)) throw forbidden();
	if (action === 'open' && facts.status === 'closed')
		throw new DomainError('conflict', 'error_session_closed');
	if (action === 'run' && facts.status !== 'live')
		throw new DomainError('conflict', 'error_session_not_live');
}

/** A step that takes input right now: of the kind asked for, and open. */
export function allowInputOnStep(step: { kind: string; state: string } | undefined, kind: string) {
	if (!step || step.kind !== kind) throw notFound();
	if (step.state !== 'open')
		throw new DomainError(
			'conflict',
			kind === 'dot_vote'
				? 'error_vote_closed'
				: kind === 'commitment_checkin'
					? 'error_checkin_closed'
					: kind === 'qna' || kind === 'poll'
						? 'error_step_closed'
						: 'error_round_closed'
		);
}

/**
 * Refuses input written under a mode the step no longer has: a phone that showed "anonymous"
 * must not have its text stored with a name, nor the other way round.
 */
export function requireSameAnonymity(step: { isAnonymous: number }, claim: '0' | '1' | undefined) {
	if (claim !== undefined && claim !== (step.isAnonymous === 1 ? '1' : '0'))
		throw new DomainError('conflict', 'error_anonymity_changed');
}

/**
 * A post-it is the participant's own: by participant id, or (in an anonymous round, where the
 * row holds no person) by the hash of the edit secret the phone was given.
 */
export function isOwnPostit(
	row: { participantId: string | null; authorSecretHash: string | null },
	who: { participantId: string; editSecretHash: string | null }
): boolean {
	if (row.participantId !== null) return row.participantId === who.participantId;
	return (
		row.authorSecretHash !== null &&
		who.editSecretHash !== null &&
		row.authorSecretHash === who.editSecretHash
	);
}

/**
 * A participant picks a group. Where people choose, they may switch until the step closes, but
 * not away from a group they wrote in (no hopping from group to group to read what each wrote);
 * where the facilitator assigns, only someone without a group (who came in later) picks one.
 */
export function decideGroupChoice(facts: {
	groupMode: GroupMode;
	current: string | null;
	chosen: string;
	wroteInCurrent: boolean;
}): 'stay' | 'move' {
	if (facts.current && facts.groupMode === 'assign')
		throw new DomainError('conflict', 'error_group_assigned');
	if (facts.current === facts.chosen) return 'stay';
	if (facts.current && facts.wroteInCurrent) throw new DomainError('conflict', 'error_group_wrote');
	return 'move';
}

/** The counts of a vote are for everyone when the tally is live, and for all once the vote closed. */
export const isTallyShown = (step: { tally: string | null; state: string }) =>
	step.tally !== 'hidden' || step.state === 'closed';

// The dot budget, as a rule over facts, so both halves of `spendDot` (the PostgreSQL transaction
// and the SQLite group commit, each in its own repository) decide in exactly one way.

export interface DotRow {
	id: string;
	participantId: string;
	sessionId: string;
	stepId: string;
	postitId: string;
	clientId: string;
	createdAt: string;
}

/** What was found when a dot came in, read under the participant's lock (or in the group commit). */
export interface DotFacts {
	replay: { id: string; participantId: string } | undefined;
	step:
		| {
				kind: string;
				state: string;
				dots: number | null;
				maxDotsPerItem: number | null;
				sourceStepId: string | null;
		  }
		| undefined;
	/** The post-it is visible in the voted round. */
	postitInRound: boolean;
	spent: { all: number; here: number };
}

export type DotOutcome =
	| { spent: { id: string; duplicate: boolean } }
	| {
			refused:
				'another_participant' | 'not_found' | 'vote_closed' | 'no_dots_left' | 'dots_per_item';
	  };

/**
 * The dot budget, written once for both databases: a replay answers as before (even after the
 * vote closed), then the vote must be open, the post-it in its round, and the participant under
 * the budget and the maximum per post-it.
 */
export function decideDot(row: Pick<DotRow, 'id' | 'participantId'>, f: DotFacts): DotOutcome {
	if (f.replay)
		return f.replay.participantId === row.participantId
			? { spent: { id: f.replay.id, duplicate: true } }
			: { refused: 'another_participant' };
	if (!f.step || f.step.kind !== 'dot_vote') return { refused: 'not_found' };
	if (f.step.state !== 'open') return { refused: 'vote_closed' };
	if (!f.postitInRound) return { refused: 'not_found' };
	if (f.spent.all >= (f.step.dots ?? 5)) return { refused: 'no_dots_left' };
	if (f.step.maxDotsPerItem && f.spent.here >= f.step.maxDotsPerItem)
		return { refused: 'dots_per_item' };
	return { spent: { id: row.id, duplicate: false } };
}
