import { newId, type Actor, type Ctx } from '../../context.ts';
import type { StepKind } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { emit } from '../../events.ts';
import { parseInput } from '../../validation.ts';
import { findStepInSession } from '../session/index.ts';
import { hasAnswers, hasWrittenInGroup } from './answer.repository.ts';
import { tally } from './dot.service.ts';
import * as repo from './group.repository.ts';
import { decideGroupChoice } from './live.policy.ts';
import * as live from './live.repository.ts';
import { listPickablePostits, listVisiblePostitsOfSession } from './postit.repository.ts';
import { groupTitleInput, groupsInput } from './live.schema.ts';
import type { Participant } from './live.service.ts';
import { liveSession } from './moderation.service.ts';

export const GROUP_KINDS: readonly StepKind[] = ['breakout', 'group_exchange'];

export async function stepOfParticipant(ctx: Ctx, p: Participant, stepId: string) {
	const step = await live.findStep(ctx.db, p.sessionId, stepId);
	if (!step) throw notFound();
	return step;
}

export async function groupOf(ctx: Ctx, stepId: string, participantId: string) {
	return repo.findGroupOf(ctx.db, stepId, participantId);
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
	if (await hasAnswers(ctx.db, stepId))
		throw new DomainError('conflict', 'error_groups_have_answers');
	// Forming again replaces the groups and who is in them: only when the facilitator says so.
	const existing = await repo.listGroups(ctx.db, sessionId, stepId);
	if (existing.length && input.replace !== '1')
		throw new DomainError('conflict', 'error_groups_confirm_replace', 'replace');

	let items: { postitId: string | null; title: string }[];
	if (input.source === 'count') {
		items = Array.from({ length: input.count }, () => ({ postitId: null, title: '' }));
	} else if (input.source === 'top') {
		const vote = await live.findStepBefore(ctx.db, sessionId, 'dot_vote', step.position);
		if (!vote) throw new DomainError('conflict', 'error_groups_no_vote', 'source');
		const ranked = await tally(ctx, sessionId, vote.id);
		items = ranked.slice(0, input.count).map((r) => ({ postitId: r.id, title: r.text }));
	} else {
		const ids = [...new Set(input.postitIds)];
		const rows = await listVisiblePostitsOfSession(ctx.db, sessionId, ids);
		if (rows.length !== ids.length) throw notFound();
		const byId = new Map(rows.map((r) => [r.id, r.text]));
		items = ids.map((id) => ({ postitId: id, title: byId.get(id)! }));
		// Items worded anew in the room: a commitment rephrased, a theme that came up.
		const worded = input.newItems
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
		if (worded.some((l) => l.length > 120))
			throw new DomainError('invalid', 'error_group_item_too_long', 'newItems');
		items.push(...worded.map((title) => ({ postitId: null, title })));
		if (items.length > 20) throw new DomainError('invalid', 'error_group_count', 'newItems');
	}
	if (items.length === 0) throw new DomainError('conflict', 'error_groups_no_items', 'postitIds');

	const participants =
		input.mode === 'assign' ? await live.listParticipants(ctx.db, sessionId) : [];
	const groups = items.map((item) => ({ id: newId(), postitId: item.postitId, title: item.title }));
	const members = participants.map((p, i) => ({
		groupId: groups[i % groups.length]!.id,
		participantId: p.id
	}));
	// Checked again inside the transaction: an answer written meanwhile must not be lost.
	if (!(await repo.replaceGroups(ctx.db, stepId, groups, members, input.mode)))
		throw new DomainError('conflict', 'error_groups_have_answers');
	const result = { groups: items.length, assigned: participants.length };
	emit('GroupsFormed', { sessionId, stepId, ...result });
	return result;
}

/** Gives a group its title (or a new one), so the room and the report name it. */
export async function renameGroup(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string,
	raw: unknown
) {
	// Who may act first: someone of another network learns nothing, not even what is missing.
	await liveSession(ctx, actor, networkId, sessionId);
	const input = parseInput(groupTitleInput, raw);
	await findStepInSession(ctx, sessionId, stepId);
	const group = await groupInStep(ctx, stepId, input.groupId);
	if (group.title === input.title) return;
	await repo.setGroupTitle(ctx.db, group.id, input.title);
	const groups = await repo.listGroups(ctx.db, sessionId, stepId);
	emit('GroupsFormed', {
		sessionId,
		stepId,
		groups: groups.length,
		assigned: groups.reduce((n, g) => n + g.members.length, 0)
	});
}

/**
 * What the console's group form starts from: the post-its one can pick, with their dots in the
 * vote before the step (most first), and whether answers already hold the groups in place.
 */
export async function groupFormState(
	ctx: Ctx,
	sessionId: string,
	step: { id: string; position: number }
) {
	const pickable = await listPickablePostits(ctx.db, sessionId);
	const vote = await live.findStepBefore(ctx.db, sessionId, 'dot_vote', step.position);
	const dots = new Map(
		vote ? (await tally(ctx, sessionId, vote.id)).map((r) => [r.id, r.dots]) : []
	);
	const withDots = pickable.map((p) => ({ ...p, dots: vote ? (dots.get(p.id) ?? 0) : null }));
	if (vote) withDots.sort((a, b) => (b.dots ?? 0) - (a.dots ?? 0));
	return { pickable: withDots, hasVote: !!vote, locked: await hasAnswers(ctx.db, step.id) };
}

async function groupInStep(ctx: Ctx, stepId: string, groupId: string) {
	const g = await repo.findGroupInStep(ctx.db, stepId, groupId);
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
	const choice = decideGroupChoice({
		groupMode: step.groupMode,
		current,
		chosen: groupId,
		wroteInCurrent:
			!!current && current !== groupId && (await hasWrittenInGroup(ctx.db, stepId, current, p.id))
	});
	if (choice === 'stay') return;
	await repo.putInGroup(ctx.db, stepId, groupId, p.id);
	emit('GroupJoined', { sessionId: p.sessionId, stepId, groupId });
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
	const person = await live.findParticipantInSession(ctx.db, sessionId, participantId);
	if (!person) throw notFound();
	if ((await repo.findGroupOf(ctx.db, stepId, participantId)) === groupId) return;
	await repo.putInGroup(ctx.db, stepId, groupId, participantId);
	emit('GroupJoined', { sessionId, stepId, groupId });
}

/** The groups of a step with their item and members, in order. */
export async function listGroups(ctx: Ctx, sessionId: string, stepId: string) {
	return repo.listGroups(ctx.db, sessionId, stepId);
}
