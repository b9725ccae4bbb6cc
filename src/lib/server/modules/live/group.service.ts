import { newId, type Actor, type Ctx } from '../../context.ts';
import type { StepKind } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { findStepInSession } from '../session/session.policy.ts';
import { tally } from './dot.service.ts';
import { groupsInput } from './live.schema.ts';
import type { Participant } from './live.service.ts';
import { liveSession } from './moderation.service.ts';

export const GROUP_KINDS: readonly StepKind[] = ['breakout', 'group_exchange'];

export async function stepOfParticipant(ctx: Ctx, p: Participant, stepId: string) {
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
