import { isRealDate, isRealTime } from '#lib/dates.ts';
import { z } from 'zod';
import { optionalText, requiredText, token } from '../../validation.ts';

export const VISIBILITIES = ['private', 'coach', 'network'] as const;
export const GOAL_STATES = ['forming', 'set', 'in_progress', 'reached', 'let_go'] as const;
export const CONVERSATION_KINDS = ['planned', 'practised', 'real'] as const;
export const CANVAS_SECTIONS = [
	'jobs',
	'pains',
	'gains',
	'products',
	'relievers',
	'creators'
] as const;

const text = optionalText;
const required = requiredText;
/** Private unless the person explicitly chose otherwise. */
const visibility = z.enum(VISIBILITIES, 'error_visibility').default('private');
const optionalDate = z
	.string()
	.trim()
	.default('')
	.refine((v) => v === '' || isRealDate(v), 'error_date');

export const intentInput = z.object({ text: required(2000), visibility });
export const goalInput = z.object({
	title: required(300),
	why: text(2000),
	who: text(500),
	theme: text(100),
	state: z.enum(GOAL_STATES, 'error_goal_state').default('forming'),
	visibility
});
export const conversationInput = z.object({
	kind: z.enum(CONVERSATION_KINDS, 'error_conversation_kind'),
	heldOn: optionalDate,
	withWhom: required(200),
	howItWent: text(4000),
	feedback: text(4000),
	learned: text(4000),
	nextStep: text(1000),
	sessionId: token().default(''),
	visibility
});
export const reflectionInput = z
	.object({
		sessionId: token().default(''),
		stayed: text(4000),
		willTry: text(4000),
		visibility
	})
	.refine((r) => r.stayed !== '' || r.willTry !== '', {
		message: 'error_reflection_empty',
		path: ['stayed']
	});
export const canvasInput = z.object({ title: required(200), visibility });
export const canvasItemInput = z.object({
	section: z.enum(CANVAS_SECTIONS, 'error_invalid'),
	text: required(300)
});
export const talkInput = z.object({
	memberId: token().min(1, 'error_choose_member'),
	date: z.string().refine(isRealDate, 'error_date'),
	time: z.string().refine(isRealTime, 'error_time'),
	minutes: z.coerce
		.number()
		.int()
		.min(10, 'error_number_range')
		.max(240, 'error_number_range')
		.default(45),
	place: text(500)
});
export const talkMoveInput = talkInput.omit({ memberId: true });
export const talkNotesInput = z.object({
	status: z.enum(['planned', 'held', 'cancelled']).default('planned'),
	sharedNotes: text(10_000),
	nextSteps: text(4000)
});
/** A point on a talk's shared agenda. */
export const agendaItemInput = z.object({ text: required(1000) });
/** The coach's own notes on a talk; the field is named as in the form. */
export const privateNoteInput = z.object({ privateNote: text(10_000) });

/** The member's answer to a coach's proposal, by the button on their page or the mail's link. */
export const coachingAnswerInput = z.object({
	relationId: token().default(''),
	token: token(200).default(''),
	answer: z.enum(['accept', 'decline'], 'error_coaching_answer')
});
export const coachingEndInput = z.object({
	relationId: token().min(1, 'error_required')
});
