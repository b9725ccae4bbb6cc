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
	members: { id: string; name: string }[];
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
	| { kind: 'answers'; questions: QuestionBlock[]; groups: GroupBlock[] };
