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
	| CheckinResults;

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
