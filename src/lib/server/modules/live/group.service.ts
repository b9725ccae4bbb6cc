import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { AgendaStepTable, StepKind } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { findStepInSession } from '../session/session.policy.ts';
import { tally } from './dot.service.ts';
import { answerInput, groupsInput } from './live.schema.ts';
import type { Participant } from './live.service.ts';
import { liveSession } from './moderation.service.ts';

/** Steps where people answer questions: for all, or per group when groups were formed. */
export const ANSWER_KINDS: readonly StepKind[] = [
	'checkin',
	'exercise',
	'group_exchange',
	'breakout',
	'checkout'
];
export const GROUP_KINDS: readonly StepKind[] = ['breakout', 'group_exchange'];

/** The questions of a step: one per line; a check-in's prompt is its one question. */
export function stepQuestions(step: Pick<AgendaStepTable, 'questions' | 'prompt'>): string[] {
	const lines = step.questions
		.split('\n')
		.map((q) => q.trim())
		.filter(Boolean);
	if (lines.length) return lines.slice(0, 50);
	return [step.prompt.trim()];
}

async function stepOfParticipant(ctx: Ctx, p: Participant, stepId: string) {
	const step = await ctx.db
		.selectFrom('agendaStep')
		.selectAll()
		.where('sessionId', '=', p.sessionId)
		.where('id', '=', stepId)
		.executeTakeFirst();
	if (!step) throw notFound();
	return step;
}

export async function groupOf(ctx: Ctx, stepId: string, participantId: string) {
	const row = await ctx.db
		.selectFrom('breakoutMember')
		.select('groupId')
		.where('stepId', '=', stepId)
		.where('participantId', '=', participantId)
		.executeTakeFirst();
	return row?.groupId ?? null;
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
	if (input.question >= stepQuestions(step).length)
		throw new DomainError('invalid', 'error_invalid', 'question');
	if (input.text.length > (step.maxLength ?? 1000))
		throw new DomainError('invalid', 'error_too_long', 'text');
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

/**
 * Forms the groups of a breakout (or group exchange) step: on the top K items of the vote
 * before it, on items the facilitator picked, or K numbered groups. With 'assign' everyone who
 * joined is spread over the groups; with 'choose' people pick a group. Groups can be formed
 * again until the first answer is written.
 */
export async function formGroups(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string,
	raw: unknown
) {
	const input = parseInput(groupsInput, raw);
	await liveSession(ctx, actor, networkId, sessionId);
	const step = await findStepInSession(ctx, sessionId, stepId);
	if (!GROUP_KINDS.includes(step.kind)) throw new DomainError('invalid', 'error_groups_kind');
	if (step.state === 'closed') throw new DomainError('conflict', 'error_answers_closed');
	const answered = await ctx.db
		.selectFrom('answer')
		.select('id')
		.where('stepId', '=', stepId)
		.limit(1)
		.executeTakeFirst();
	if (answered) throw new DomainError('conflict', 'error_groups_have_answers');

	let items: { postitId: string | null; title: string }[];
	if (input.source === 'count') {
		items = Array.from({ length: input.count }, () => ({ postitId: null, title: '' }));
	} else if (input.source === 'top') {
		const vote = await ctx.db
			.selectFrom('agendaStep')
			.select('id')
			.where('sessionId', '=', sessionId)
			.where('kind', '=', 'dot_vote')
			.where('sourceStepId', 'is not', null)
			.where('position', '<', step.position)
			.orderBy('position', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (!vote) throw new DomainError('conflict', 'error_groups_no_vote', 'source');
		const ranked = await tally(ctx, sessionId, vote.id);
		items = ranked.slice(0, input.count).map((r) => ({ postitId: r.id, title: r.text }));
	} else {
		const ids = [...new Set(input.postitIds)];
		const rows = ids.length
			? await ctx.db
					.selectFrom('postit as pi')
					.innerJoin('agendaStep as s', 's.id', 'pi.stepId')
					.select(['pi.id', 'pi.text'])
					.where('s.sessionId', '=', sessionId)
					.where('pi.isHidden', '=', 0)
					.where('pi.id', 'in', ids)
					.execute()
			: [];
		if (rows.length !== ids.length) throw notFound();
		const byId = new Map(rows.map((r) => [r.id, r.text]));
		items = ids.map((id) => ({ postitId: id, title: byId.get(id)! }));
	}
	if (items.length === 0) throw new DomainError('conflict', 'error_groups_no_items', 'postitIds');

	const participants =
		input.mode === 'assign'
			? await ctx.db
					.selectFrom('participant')
					.select('id')
					.where('sessionId', '=', sessionId)
					.orderBy('joinedAt')
					.orderBy('id')
					.execute()
			: [];
	await ctx.db.transaction().execute(async (trx) => {
		// Checked again inside the transaction: an answer written meanwhile must not be lost.
		const late = await trx
			.selectFrom('answer')
			.select('id')
			.where('stepId', '=', stepId)
			.limit(1)
			.executeTakeFirst();
		if (late) throw new DomainError('conflict', 'error_groups_have_answers');
		await trx.deleteFrom('breakoutMember').where('stepId', '=', stepId).execute();
		await trx.deleteFrom('breakoutGroup').where('stepId', '=', stepId).execute();
		const groupIds = items.map(() => newId());
		await trx
			.insertInto('breakoutGroup')
			.values(
				items.map((item, i) => ({
					id: groupIds[i]!,
					stepId,
					position: i,
					postitId: item.postitId,
					title: item.title
				}))
			)
			.execute();
		if (participants.length)
			await trx
				.insertInto('breakoutMember')
				.values(
					participants.map((p, i) => ({
						stepId,
						groupId: groupIds[i % groupIds.length]!,
						participantId: p.id
					}))
				)
				.execute();
		await trx
			.updateTable('agendaStep')
			.set({ groupMode: input.mode })
			.where('id', '=', stepId)
			.execute();
	});
	return { groups: items.length, assigned: participants.length };
}

async function groupInStep(ctx: Ctx, stepId: string, groupId: string) {
	const g = await ctx.db
		.selectFrom('breakoutGroup')
		.select('id')
		.where('stepId', '=', stepId)
		.where('id', '=', groupId)
		.executeTakeFirst();
	if (!g) throw notFound();
	return g;
}

/**
 * A participant picks a group. Where people choose, they may switch until the step closes;
 * where the facilitator assigns, only someone without a group (who came in later) picks one.
 */
export async function chooseGroup(ctx: Ctx, p: Participant, stepId: string, groupId: string) {
	const step = await stepOfParticipant(ctx, p, stepId);
	if (!GROUP_KINDS.includes(step.kind)) throw notFound();
	if (step.state === 'closed') throw new DomainError('conflict', 'error_answers_closed');
	await groupInStep(ctx, stepId, groupId);
	const current = await groupOf(ctx, stepId, p.id);
	if (current && step.groupMode === 'assign')
		throw new DomainError('conflict', 'error_group_assigned');
	if (current && current !== groupId) {
		// Once someone wrote in a group they stay there: no hopping from group to group to read
		// what each wrote.
		const wrote = await ctx.db
			.selectFrom('answer')
			.select('id')
			.where('stepId', '=', stepId)
			.where('groupId', '=', current)
			.where('participantId', '=', p.id)
			.limit(1)
			.executeTakeFirst();
		if (wrote) throw new DomainError('conflict', 'error_group_wrote');
	}
	await ctx.db
		.insertInto('breakoutMember')
		.values({ stepId, groupId, participantId: p.id })
		.onConflict((oc) => oc.columns(['stepId', 'participantId']).doUpdateSet({ groupId }))
		.execute();
}

/** The facilitator puts a participant in a group (or moves them to another). */
export async function moveParticipant(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string,
	participantId: string,
	groupId: string
) {
	await liveSession(ctx, actor, networkId, sessionId);
	await findStepInSession(ctx, sessionId, stepId);
	await groupInStep(ctx, stepId, groupId);
	const person = await ctx.db
		.selectFrom('participant')
		.select('id')
		.where('sessionId', '=', sessionId)
		.where('id', '=', participantId)
		.executeTakeFirst();
	if (!person) throw notFound();
	await ctx.db
		.insertInto('breakoutMember')
		.values({ stepId, groupId, participantId })
		.onConflict((oc) => oc.columns(['stepId', 'participantId']).doUpdateSet({ groupId }))
		.execute();
}

/** The groups of a step with their item and members, in order. */
export async function listGroups(ctx: Ctx, sessionId: string, stepId: string) {
	const [groups, members] = await Promise.all([
		ctx.db
			.selectFrom('breakoutGroup as g')
			.innerJoin('agendaStep as s', 's.id', 'g.stepId')
			.select(['g.id', 'g.position', 'g.title', 'g.postitId'])
			.where('s.sessionId', '=', sessionId)
			.where('g.stepId', '=', stepId)
			.orderBy('g.position')
			.execute(),
		ctx.db
			.selectFrom('breakoutMember as bm')
			.innerJoin('participant as p', 'p.id', 'bm.participantId')
			.select(['bm.groupId', 'p.id', 'p.displayName'])
			.where('bm.stepId', '=', stepId)
			.where('p.sessionId', '=', sessionId)
			.orderBy('p.joinedAt')
			.orderBy('p.id')
			.execute()
	]);
	return groups.map((g) => ({
		...g,
		members: members
			.filter((m) => m.groupId === g.id)
			.map((m) => ({ id: m.id, name: m.displayName }))
	}));
}
