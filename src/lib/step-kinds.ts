import * as m from '#lib/paraglide/messages.js';
import { STEP_KINDS, type AppLocale, type StepKind } from './domain.ts';

type Msg = (inputs?: Record<string, never>, options?: { locale?: AppLocale }) => string;
const NAMES: Record<StepKind, Msg> = {
	checkin: m.wf_checkin_name,
	recap: m.wf_recap_name,
	input_talk: m.wf_input_talk_name,
	exercise: m.wf_exercise_name,
	group_exchange: m.wf_group_exchange_name,
	postit_round: m.wf_postit_round_name,
	dot_vote: m.wf_dot_vote_name,
	breakout: m.wf_breakout_name,
	checkout: m.wf_checkout_name,
	next_session: m.wf_next_session_name,
	commitment_checkin: m.wf_commitment_checkin_name,
	pair_talk: m.wf_pair_talk_name,
	qna: m.wf_qna_name,
	poll: m.wf_poll_name
};

/** Steps that open and close and take something from the phones; the others are shown only. */
export const INTERACTIVE_KINDS: readonly string[] = [
	'recap',
	'postit_round',
	'dot_vote',
	'checkin',
	'exercise',
	'group_exchange',
	'breakout',
	'checkout',
	'commitment_checkin',
	'qna',
	'poll'
] satisfies StepKind[];

export const kindLabel = (kind: string, locale?: AppLocale) =>
	NAMES[kind as StepKind]?.({}, locale ? { locale } : undefined) ?? kind;
export const KIND_OPTIONS = () => STEP_KINDS.map((value) => ({ value, label: NAMES[value]() }));

export const BUILTIN_PURPOSES: Record<StepKind, () => string> = {
	checkin: m.wf_checkin_purpose,
	recap: m.wf_recap_purpose,
	input_talk: m.wf_input_talk_purpose,
	exercise: m.wf_exercise_purpose,
	group_exchange: m.wf_group_exchange_purpose,
	postit_round: m.wf_postit_round_purpose,
	dot_vote: m.wf_dot_vote_purpose,
	breakout: m.wf_breakout_purpose,
	checkout: m.wf_checkout_purpose,
	next_session: m.wf_next_session_purpose,
	commitment_checkin: m.wf_commitment_checkin_purpose,
	pair_talk: m.wf_pair_talk_purpose,
	qna: m.wf_qna_purpose,
	poll: m.wf_poll_purpose
};
