import { createHmac } from 'node:crypto';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { AgendaStepTable } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { emit } from '../../events.ts';
import { parseInput } from '../../validation.ts';
import type { PollResults, QnaResults } from '#lib/live-results.ts';
import { pollInput, questionInput, questionStateInput, upvoteInput } from './live.schema.ts';
import { allowInputOnStep, requireSameAnonymity } from './live.policy.ts';
import * as live from './live.repository.ts';
import type { Participant } from './live.service.ts';
import { liveSession } from './moderation.service.ts';
import * as repo from './qna.repository.ts';

export const QNA_KIND = 'qna';
export const POLL_KIND = 'poll';
/** A poll without lines of its own is a scale of this many points. */
export const SCALE_POINTS = 5;

/**
 * The key a phone's upvote or poll choice is kept under: derived from the phone's own secret
 * (`slotSeed`, never stored) and what is voted on. One vote per phone; the database alone
 * cannot tell whose.
 */
const voterKey = (p: Participant, what: string) =>
	createHmac('sha256', p.slotSeed).update(`olievlek vote ${what}`).digest('base64url');

async function openStep(ctx: Ctx, p: Participant, stepId: string, kind: string) {
	const step = await live.findStep(ctx.db, p.sessionId, stepId);
	allowInputOnStep(step, kind);
	return step!;
}

/**
 * A phone sends a question to the speaker. In an anonymous step no person id is stored with it;
 * a repeated client id writes nothing.
 */
export async function askQuestion(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(questionInput, raw);
	const earlier = await repo.findQuestionByClientId(ctx.db, input.clientId);
	if (earlier && earlier.stepId === stepId) return { id: earlier.id, duplicate: true };
	const step = await openStep(ctx, p, stepId, QNA_KIND);
	requireSameAnonymity(step, input.anonymous);
	const max = step.maxLength ?? 280;
	if (input.text.length > max)
		throw Object.assign(new DomainError('invalid', 'error_too_long', 'text'), { max });
	const id = newId();
	const result = await repo.insertQuestionOnce(ctx.db, {
		id,
		stepId,
		participantId: step.isAnonymous === 1 ? null : p.id,
		clientId: input.clientId,
		text: input.text,
		createdAt: iso(ctx.now())
	});
	if (!result.inserted) {
		if (result.duplicate.stepId !== stepId) throw new DomainError('conflict', 'error_invalid');
		return { id: result.duplicate.id, duplicate: true };
	}
	emit('QuestionChanged', { sessionId: p.sessionId, stepId });
	return { id, duplicate: false };
}

/** Gives or takes back this phone's upvote on a question; the same tap twice is one upvote. */
export async function upvoteQuestion(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(upvoteInput, raw);
	await openStep(ctx, p, stepId, QNA_KIND);
	const q = await repo.findQuestionInSession(ctx.db, p.sessionId, input.questionId);
	if (!q || q.stepId !== stepId || q.isHidden === 1) throw notFound();
	await repo.setUpvote(ctx.db, q.id, voterKey(p, q.id), input.up === '1');
	emit('QuestionChanged', { sessionId: p.sessionId, stepId });
	return { up: input.up === '1' };
}

/** The facilitator marks a question answered or not, hides it or shows it again. */
export async function setQuestionState(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: unknown
) {
	await liveSession(ctx, actor, networkId, sessionId);
	const input = parseInput(questionStateInput, raw);
	const q = await repo.findQuestionInSession(ctx.db, sessionId, input.questionId);
	if (!q) throw notFound();
	const flags = {
		...(input.answered ? { isAnswered: Number(input.answered) } : {}),
		...(input.hidden ? { isHidden: Number(input.hidden) } : {})
	};
	if (!Object.keys(flags).length) return;
	await repo.setQuestionFlags(ctx.db, q.id, flags);
	emit('QuestionChanged', { sessionId, stepId: q.stepId });
}

/** What every screen may show of a Q&A: the questions not hidden, their upvotes, answered or not. */
export async function qnaResults(
	ctx: Ctx,
	step: { id: string; isAnonymous: number }
): Promise<QnaResults> {
	const rows = await repo.listQuestions(ctx.db, step.id);
	return {
		kind: 'qna',
		anonymous: step.isAnonymous === 1,
		questions: rows.map((r) => ({
			id: r.id,
			text: r.text,
			votes: r.votes,
			answered: r.isAnswered === 1
		}))
	};
}

/** The questions the facilitator hid, to show them again (the console only). */
export async function hiddenQuestions(ctx: Ctx, stepId: string) {
	return (await repo.listQuestions(ctx.db, stepId, { hidden: true })).map((r) => ({
		id: r.id,
		text: r.text
	}));
}

/** This phone's part of a Q&A: the questions it upvoted and, in a named step, those it sent. */
export async function ownQna(ctx: Ctx, p: Participant, stepId: string) {
	const rows = await repo.listQuestions(ctx.db, stepId);
	const upvoted = await repo.upvotedOf(
		ctx.db,
		rows.map((r) => ({ questionId: r.id, voterKey: voterKey(p, r.id) }))
	);
	return {
		upvoted: rows.filter((r) => upvoted.has(r.id)).map((r) => r.id),
		asked: rows.filter((r) => r.participantId === p.id).map((r) => r.id)
	};
}

/** The choices of a poll: its lines, or the points of a scale when it has none. */
export function pollChoices(step: Pick<AgendaStepTable, 'questions'>) {
	const lines = step.questions
		.split('\n')
		.map((q) => q.trim())
		.filter(Boolean)
		.slice(0, 50);
	if (lines.length) return { scale: false, choices: lines };
	return {
		scale: true,
		choices: Array.from({ length: SCALE_POINTS }, (_, i) => String(i + 1))
	};
}

/** A phone's choice in a quick poll; choosing again changes it. */
export async function votePoll(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(pollInput, raw);
	const step = await openStep(ctx, p, stepId, POLL_KIND);
	if (input.choice >= pollChoices(step).choices.length)
		throw new DomainError('invalid', 'error_poll_choice', 'choice');
	await repo.setPollChoice(ctx.db, stepId, voterKey(p, `poll ${stepId}`), input.choice);
	emit('PollVoted', { sessionId: p.sessionId, stepId });
	return { choice: input.choice };
}

export async function ownPollChoice(ctx: Ctx, p: Participant, stepId: string) {
	return repo.findPollChoice(ctx.db, stepId, voterKey(p, `poll ${stepId}`));
}

/** How many chose each line (or scale point), and how many voted. */
export async function pollResults(
	ctx: Ctx,
	step: Pick<AgendaStepTable, 'id' | 'questions'>
): Promise<PollResults> {
	const { scale, choices } = pollChoices(step);
	const counts = await repo.pollCounts(ctx.db, step.id);
	return {
		kind: 'poll',
		scale,
		choices: choices.map((text, index) => ({ index, text, count: counts.get(index) ?? 0 })),
		voters: [...counts.values()].reduce((a, b) => a + b, 0)
	};
}
