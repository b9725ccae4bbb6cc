import { z } from 'zod';
import { CHECKIN_OUTCOMES } from '../../db/types.ts';
import { requiredText, text, token } from '../../validation.ts';

/** No 0/O, 1/I/L: codes are read off a projector and typed on a phone. */
export const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const joinInput = z.object({
	code: z
		.string()
		.trim()
		.transform((c) => c.toUpperCase().replace(/[\s-]/g, ''))
		.pipe(z.string().regex(new RegExp(`^[${JOIN_ALPHABET}]{6}$`), 'error_join_code')),
	displayName: requiredText(60)
});

const clientId = token(100).trim().min(8, 'error_invalid');

/**
 * The mode the phone showed when the person wrote ("1": anonymous, "0": named). A post written
 * under a promise the step no longer keeps is refused instead of being stored the other way.
 */
const anonymousClaim = z.enum(['0', '1']).optional();

export const postitInput = z.object({
	clientId,
	text: requiredText(2000),
	anonymous: anonymousClaim
});

export const dotInput = z.object({ clientId, postitId: token().min(1) });

export const answerInput = z.object({
	clientId,
	question: z.coerce.number().int().min(0, 'error_invalid').max(49, 'error_invalid'),
	text: requiredText(2000),
	anonymous: anonymousClaim
});

export const clusterInput = z.object({
	postitId: token().min(1),
	cluster: text(60)
});

/** Several post-its chosen on the console, put in one theme (or taken out of theirs). */
export const clusterManyInput = z.object({
	postitIds: z.array(token().min(1)).min(1, 'error_choose_postits').max(500, 'error_invalid'),
	cluster: text(60)
});

export const mergeInput = z.object({
	postitId: token().min(1, 'error_required'),
	intoId: token().min(1, 'error_merge_target')
});

export const timerInput = z.object({
	minutes: z.coerce
		.number({ error: 'error_timer_minutes' })
		.int('error_timer_minutes')
		.min(1, 'error_timer_minutes')
		.max(180, 'error_timer_minutes')
});

export const groupsInput = z.object({
	source: z.enum(['top', 'pick', 'count']),
	count: z.coerce
		.number({ error: 'error_group_count' })
		.int('error_group_count')
		.min(1, 'error_group_count')
		.max(20, 'error_group_count'),
	postitIds: z.array(token().min(1)).max(20).default([]),
	/** Items the facilitator words anew in the room, one per line (with "pick"). */
	newItems: text(2000).default(''),
	mode: z.enum(['assign', 'choose']),
	/** "Yes, replace the groups there are": needed when the step has groups already. */
	replace: z.enum(['1']).optional()
});

/** A group's title, given or changed on the console. */
export const groupTitleInput = z.object({
	groupId: token().min(1),
	title: requiredText(120)
});

/** A report on one of the participant's own commitments in a commitment check-in. */
export const checkinInput = z.object({
	clientId,
	commitmentId: token().min(1, 'error_invalid'),
	outcome: z.enum(CHECKIN_OUTCOMES, 'error_checkin_outcome'),
	line: text(280).default(''),
	/** The checkbox "show my line on the screen": present means yes. */
	showLine: z
		.string()
		.optional()
		.transform((v) => v !== undefined && v !== '' && v !== '0')
});

/** A question sent in a Q&A step. */
export const questionInput = z.object({
	clientId,
	text: requiredText(2000),
	anonymous: anonymousClaim
});

/** An upvote given ("1") or taken back ("0"): a state, so a repeated tap changes nothing. */
export const upvoteInput = z.object({
	questionId: token().min(1, 'error_invalid'),
	up: z.enum(['0', '1'], 'error_invalid')
});

/** The facilitator marks a question answered (or not), or hides it (or shows it again). */
export const questionStateInput = z.object({
	questionId: token().min(1, 'error_invalid'),
	answered: z.enum(['0', '1']).optional(),
	hidden: z.enum(['0', '1']).optional()
});

/** A choice in a quick poll: the number of the line chosen (from 0), or a scale point. */
export const pollInput = z.object({
	choice: z.coerce
		.number({ error: 'error_poll_choice' })
		.int('error_poll_choice')
		.min(0, 'error_poll_choice')
		.max(49, 'error_poll_choice')
});
