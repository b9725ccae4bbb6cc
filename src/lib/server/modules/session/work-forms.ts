import * as m from '#lib/paraglide/messages.js';
import type { AppLocale, StepKind } from '../../db/types.ts';

type Msg = (p?: object, o?: { locale?: AppLocale }) => string;

/** The built-in work forms: defaults for a new agenda step of each kind. */
export interface BuiltinWorkForm {
	kind: StepKind;
	minutes: number;
	name: Msg;
	purpose: Msg;
	prompt?: Msg;
	questions?: Msg;
	maxPerPerson?: number;
	maxLength?: number;
	dots?: number;
	tally?: 'live' | 'hidden';
	topItems?: number;
}

export const BUILTIN_WORK_FORMS: Record<StepKind, BuiltinWorkForm> = {
	checkin: {
		kind: 'checkin',
		minutes: 15,
		name: m.wf_checkin_name,
		purpose: m.wf_checkin_purpose,
		prompt: m.wf_checkin_prompt
	},
	// A recap collects answers per word or topic of the last session, one question each.
	recap: {
		kind: 'recap',
		minutes: 10,
		name: m.wf_recap_name,
		purpose: m.wf_recap_purpose,
		prompt: m.wf_recap_prompt,
		questions: m.wf_recap_questions
	},
	input_talk: {
		kind: 'input_talk',
		minutes: 30,
		name: m.wf_input_talk_name,
		purpose: m.wf_input_talk_purpose
	},
	exercise: {
		kind: 'exercise',
		minutes: 30,
		name: m.wf_exercise_name,
		purpose: m.wf_exercise_purpose,
		questions: m.wf_exercise_questions
	},
	group_exchange: {
		kind: 'group_exchange',
		minutes: 30,
		name: m.wf_group_exchange_name,
		purpose: m.wf_group_exchange_purpose,
		questions: m.wf_group_exchange_questions
	},
	postit_round: {
		kind: 'postit_round',
		minutes: 15,
		name: m.wf_postit_round_name,
		purpose: m.wf_postit_round_purpose,
		prompt: m.wf_postit_round_prompt,
		maxPerPerson: 3,
		maxLength: 280
	},
	dot_vote: {
		kind: 'dot_vote',
		minutes: 10,
		name: m.wf_dot_vote_name,
		purpose: m.wf_dot_vote_purpose,
		dots: 5,
		tally: 'live'
	},
	breakout: {
		kind: 'breakout',
		minutes: 45,
		name: m.wf_breakout_name,
		purpose: m.wf_breakout_purpose,
		questions: m.wf_breakout_questions,
		topItems: 3
	},
	checkout: {
		kind: 'checkout',
		minutes: 10,
		name: m.wf_checkout_name,
		purpose: m.wf_checkout_purpose,
		prompt: m.wf_checkout_prompt
	},
	next_session: {
		kind: 'next_session',
		minutes: 5,
		name: m.wf_next_session_name,
		purpose: m.wf_next_session_purpose
	},
	// Talk with a neighbour or the table; nothing is collected.
	pair_talk: {
		kind: 'pair_talk',
		minutes: 10,
		name: m.wf_pair_talk_name,
		purpose: m.wf_pair_talk_purpose,
		prompt: m.wf_pair_talk_prompt
	},
	// Questions for the speaker of an input talk, upvoted by the room.
	qna: {
		kind: 'qna',
		minutes: 15,
		name: m.wf_qna_name,
		purpose: m.wf_qna_purpose,
		prompt: m.wf_qna_prompt,
		maxLength: 280
	},
	// One choice among the lines, or a 1 to 5 scale without lines: a check-in in a few seconds.
	poll: {
		kind: 'poll',
		minutes: 5,
		name: m.wf_poll_name,
		purpose: m.wf_poll_purpose,
		prompt: m.wf_poll_prompt
	},
	commitment_checkin: {
		kind: 'commitment_checkin',
		minutes: 15,
		name: m.wf_commitment_checkin_name,
		purpose: m.wf_commitment_checkin_purpose,
		prompt: m.wf_commitment_checkin_prompt
	}
};

/** The columns of a new step of this kind, in the network's language. */
export function stepDefaults(kind: StepKind, locale: AppLocale) {
	const wf = BUILTIN_WORK_FORMS[kind];
	const o = { locale };
	return {
		kind,
		title: wf.name({}, o),
		minutes: wf.minutes,
		prompt: wf.prompt?.({}, o) ?? '',
		questions: wf.questions?.({}, o) ?? '',
		maxPerPerson: wf.maxPerPerson ?? null,
		maxLength: wf.maxLength ?? null,
		dots: wf.dots ?? null,
		maxDotsPerItem: null,
		tally: wf.tally ?? null,
		topItems: wf.topItems ?? null
	};
}
