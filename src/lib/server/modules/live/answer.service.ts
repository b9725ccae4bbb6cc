import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { AgendaStepTable, StepKind } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { emit } from '../../events.ts';
import { parseInput } from '../../validation.ts';
import * as repo from './answer.repository.ts';
import { hasGroups } from './group.repository.ts';
import { groupOf, stepOfParticipant } from './group.service.ts';
import { answerInput } from './live.schema.ts';
import { requireSameAnonymity } from './live.policy.ts';
import type { Participant } from './live.service.ts';
import { liveSession } from './moderation.service.ts';

/** Steps where people answer questions: for all, or per group when groups were formed. */
export const ANSWER_KINDS: readonly StepKind[] = [
	'checkin',
	'recap',
	'exercise',
	'group_exchange',
	'breakout',
	'checkout'
];
/** The questions of a step: one per line; a check-in's prompt is its one question. */
export function stepQuestions(step: Pick<AgendaStepTable, 'questions' | 'prompt'>): string[] {
	const lines = step.questions
		.split('\n')
		.map((q) => q.trim())
		.filter(Boolean);
	if (lines.length) return lines.slice(0, 50);
	return [step.prompt.trim()];
}

/**
 * Adds one answer line to a question of an open step. With groups, the line belongs to the
 * writer's group (a breakout step always has groups). A repeated client id writes nothing. In an
 * anonymous step no person id is stored with the answer.
 */
export async function addAnswer(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(answerInput, raw);
	// A retry of an answer that was written answers as before, even after the step closed.
	const earlier = await repo.findAnswerByClientId(ctx.db, input.clientId);
	if (earlier && earlier.stepId === stepId) return { id: earlier.id, duplicate: true };
	const step = await stepOfParticipant(ctx, p, stepId);
	if (!ANSWER_KINDS.includes(step.kind)) throw notFound();
	if (step.state !== 'open') throw new DomainError('conflict', 'error_answers_closed');
	requireSameAnonymity(step, input.anonymous);
	if (input.question >= stepQuestions(step).length)
		throw new DomainError('invalid', 'error_invalid', 'question');
	const max = step.maxLength ?? 1000;
	if (input.text.length > max)
		throw Object.assign(new DomainError('invalid', 'error_too_long', 'text'), { max });
	const groupId = await groupOf(ctx, stepId, p.id);
	if (!groupId && (step.kind === 'breakout' || (await hasGroups(ctx.db, stepId))))
		throw new DomainError('conflict', 'error_no_group');
	const id = newId();
	const result = await repo.insertAnswerOnce(ctx.db, {
		id,
		stepId,
		groupId,
		questionIndex: input.question,
		participantId: step.isAnonymous ? null : p.id,
		clientId: input.clientId,
		text: input.text,
		createdAt: iso(ctx.now())
	});
	if (!result.inserted) {
		if (result.duplicate.stepId !== stepId) throw new DomainError('conflict', 'error_invalid');
		return { id: result.duplicate.id, duplicate: true };
	}
	emit('AnswerAdded', { sessionId: p.sessionId, stepId, answerId: id, groupId });
	return { id, duplicate: false };
}

/** Removes one of the participant's own answer lines while the step is open. */
export async function deleteAnswer(ctx: Ctx, p: Participant, stepId: string, answerId: string) {
	const step = await stepOfParticipant(ctx, p, stepId);
	if (step.state !== 'open') throw new DomainError('conflict', 'error_answers_closed');
	if (!(await repo.deleteOwnAnswer(ctx.db, stepId, p.id, answerId))) throw notFound();
	emit('AnswerRemoved', { sessionId: p.sessionId, stepId, answerId });
}

/** Visible answers of a step, oldest first; for one group when `groupId` is given. */
export async function listAnswers(
	ctx: Ctx,
	sessionId: string,
	stepId: string,
	groupId?: string | null
) {
	return repo.listVisibleAnswers(ctx.db, sessionId, stepId, groupId);
}

/** The facilitator hides an answer line (moderation) or shows it again. */
export async function setAnswerHidden(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	answerId: string,
	hidden: boolean
) {
	await liveSession(ctx, actor, networkId, sessionId);
	const row = await repo.findAnswerInSession(ctx.db, sessionId, answerId);
	if (!row) throw notFound();
	if ((row.isHidden === 1) === hidden) return;
	await repo.setAnswerHidden(ctx.db, row.id, hidden);
	emit('AnswerHidden', { sessionId, stepId: row.stepId, answerId: row.id, hidden });
}
