import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { AgendaStepTable, StepKind } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { groupOf, stepOfParticipant } from './group.service.ts';
import { answerInput } from './live.schema.ts';
import { requireSameAnonymity, type Participant } from './live.service.ts';
import { liveSession } from './moderation.service.ts';

/** Steps where people answer questions: for all, or per group when groups were formed. */
export const ANSWER_KINDS: readonly StepKind[] = [
	'checkin',
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

async function hasGroups(ctx: Ctx, stepId: string) {
	const row = await ctx.db
		.selectFrom('breakoutGroup')
		.select('id')
		.where('stepId', '=', stepId)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}

/**
 * Adds one answer line to a question of an open step. With groups, the line belongs to the
 * writer's group (a breakout step always has groups). A repeated client id writes nothing. In an
 * anonymous step no person id is stored with the answer.
 */
export async function addAnswer(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(answerInput, raw);
	// A retry of an answer that was written answers as before, even after the step closed.
	const earlier = await ctx.db
		.selectFrom('answer')
		.select(['id', 'stepId'])
		.where('clientId', '=', input.clientId)
		.executeTakeFirst();
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
	if (!groupId && (step.kind === 'breakout' || (await hasGroups(ctx, stepId))))
		throw new DomainError('conflict', 'error_no_group');
	return ctx.db.transaction().execute(async (trx) => {
		const replay = await trx
			.selectFrom('answer')
			.select(['id', 'stepId'])
			.where('clientId', '=', input.clientId)
			.executeTakeFirst();
		if (replay) {
			if (replay.stepId !== stepId) throw new DomainError('conflict', 'error_invalid');
			return { id: replay.id, duplicate: true };
		}
		const id = newId();
		await trx
			.insertInto('answer')
			.values({
				id,
				stepId,
				groupId,
				questionIndex: input.question,
				participantId: step.isAnonymous ? null : p.id,
				clientId: input.clientId,
				text: input.text,
				createdAt: iso(ctx.now())
			})
			.execute();
		return { id, duplicate: false };
	});
}

/** Removes one of the participant's own answer lines while the step is open. */
export async function deleteAnswer(ctx: Ctx, p: Participant, stepId: string, answerId: string) {
	const step = await stepOfParticipant(ctx, p, stepId);
	if (step.state !== 'open') throw new DomainError('conflict', 'error_answers_closed');
	const res = await ctx.db
		.deleteFrom('answer')
		.where('id', '=', answerId)
		.where('stepId', '=', stepId)
		.where('participantId', '=', p.id)
		.executeTakeFirst();
	if (Number(res.numDeletedRows) !== 1) throw notFound();
}

/** Visible answers of a step, oldest first; for one group when `groupId` is given. */
export async function listAnswers(
	ctx: Ctx,
	sessionId: string,
	stepId: string,
	groupId?: string | null
) {
	let q = ctx.db
		.selectFrom('answer as a')
		.innerJoin('agendaStep as s', 's.id', 'a.stepId')
		.select(['a.id', 'a.groupId', 'a.questionIndex', 'a.participantId', 'a.text', 'a.createdAt'])
		.where('s.sessionId', '=', sessionId)
		.where('a.stepId', '=', stepId)
		.where('a.isHidden', '=', 0);
	if (groupId !== undefined)
		q = groupId === null ? q.where('a.groupId', 'is', null) : q.where('a.groupId', '=', groupId);
	return q.orderBy('a.createdAt').orderBy('a.id').execute();
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
	const row = await ctx.db
		.selectFrom('answer as a')
		.innerJoin('agendaStep as s', 's.id', 'a.stepId')
		.select('a.id')
		.where('s.sessionId', '=', sessionId)
		.where('a.id', '=', answerId)
		.executeTakeFirst();
	if (!row) throw notFound();
	await ctx.db
		.updateTable('answer')
		.set({ isHidden: hidden ? 1 : 0 })
		.where('id', '=', row.id)
		.execute();
}
