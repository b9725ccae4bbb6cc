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
	| { kind: 'answers'; anonymous: boolean; questions: QuestionBlock[]; groups: GroupBlock[] };
