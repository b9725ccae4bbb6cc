/**
 * The dot budget as a rule over facts, so both halves of `spendDot` (the PostgreSQL transaction
 * in dot.repository.ts and the SQLite group commit in dot-batch.repository.ts) decide in exactly one way.
 */
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
