/** What came in on a live step, as the console, the projector and the phones show it. */
export interface AnswerLine {
	id: string;
	text: string;
	mine: boolean;
}
export interface QuestionBlock {
	index: number;
	text: string;
	answers: AnswerLine[];
}
export interface GroupBlock {
	id: string;
	number: number;
	title: string;
	/** Names of the people in the group; empty in an anonymous step, where only the count shows. */
	members: { id: string; name: string }[];
	memberCount: number;
	questions: QuestionBlock[];
}

export type StepResults =
	| { kind: 'none' }
	| {
			kind: 'postits';
			clusters: {
				name: string | null;
				items: { id: string; text: string; merged: string[] }[];
			}[];
			total: number;
	  }
	| {
			kind: 'tally';
			hidden: boolean;
			rows: { id: string; text: string; dots: number }[];
			voters: number;
	  }
	| { kind: 'answers'; anonymous: boolean; questions: QuestionBlock[]; groups: GroupBlock[] }
	| CheckinResults
	| QnaResults
	| PollResults;

/** A Q&A: the questions not hidden, the most wanted first, answered ones last; never who asked. */
export interface QnaResults {
	kind: 'qna';
	anonymous: boolean;
	questions: { id: string; text: string; votes: number; answered: boolean }[];
}

/** A quick poll: how many chose each line (or point of the scale), in the step's order. */
export interface PollResults {
	kind: 'poll';
	scale: boolean;
	choices: { index: number; text: string; count: number }[];
	voters: number;
}

/**
 * A commitment check-in as the room sees it: how many reports of each outcome, how many open
 * commitments the signed-in people in the room keep and how many of those were reported on, and
 * only the lines their writers agreed to show, with no name and no commitment beside them.
 */
export interface CheckinResults {
	kind: 'checkin';
	counts: { kept: number; partly: number; notYet: number };
	open: number;
	reported: number;
	lines: { id: string; text: string }[];
}
