import { iso, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { emit } from '../../events.ts';
import { parseInput } from '../../validation.ts';
import { findStepInSession } from '../session/index.ts';
import { clusterInput, clusterManyInput, mergeInput, timerInput } from './live.schema.ts';
import * as live from './live.repository.ts';
import { controlledSession } from './live.service.ts';
import * as repo from './postit.repository.ts';

/** The facilitator's hold on a live session they may run. */
export async function liveSession(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	return controlledSession(ctx, actor, networkId, sessionId, 'run');
}

/** A post-it of one of this session's rounds; anything else is "not found". */
async function postitInSession(ctx: Ctx, sessionId: string, postitId: string) {
	const row = await repo.findPostitInSession(ctx.db, sessionId, postitId);
	if (!row) throw notFound();
	return row;
}

/** Hides a post-it from every screen (moderation), or shows it again; a merge is undone too. */
export async function setPostitHidden(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	postitId: string,
	hidden: boolean
) {
	await liveSession(ctx, actor, networkId, sessionId);
	const row = await postitInSession(ctx, sessionId, postitId);
	if ((row.isHidden === 1) === hidden && (hidden || !row.mergedIntoId)) return;
	await repo.setPostitHidden(ctx.db, row.id, {
		isHidden: hidden ? 1 : 0,
		mergedIntoId: hidden ? row.mergedIntoId : null
	});
	emit('PostitChanged', {
		sessionId,
		stepId: row.stepId,
		postitId: row.id,
		change: hidden ? 'hidden' : 'shown'
	});
}

/**
 * Merges a post-it into another of the same round: it disappears from the screens and its dots
 * count for the other. Showing it again undoes the merge.
 */
export async function mergePostits(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: unknown
) {
	const input = parseInput(mergeInput, raw);
	await liveSession(ctx, actor, networkId, sessionId);
	if (input.postitId === input.intoId)
		throw new DomainError('invalid', 'error_merge_target', 'intoId');
	const source = await postitInSession(ctx, sessionId, input.postitId);
	const target = await postitInSession(ctx, sessionId, input.intoId);
	if (source.stepId !== target.stepId || target.isHidden || source.isHidden)
		throw new DomainError('invalid', 'error_merge_target', 'intoId');
	// What was merged into the source before now belongs to the target.
	await repo.mergePostit(ctx.db, source.id, target.id, iso(ctx.now()));
	emit('PostitChanged', {
		sessionId,
		stepId: source.stepId,
		postitId: source.id,
		change: 'merged'
	});
}

/** Puts a post-it in a theme (cluster); an empty name takes it out. */
export async function setCluster(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: unknown
) {
	const input = parseInput(clusterInput, raw);
	await liveSession(ctx, actor, networkId, sessionId);
	const row = await postitInSession(ctx, sessionId, input.postitId);
	const cluster = input.cluster === '' ? null : input.cluster;
	if (row.cluster === cluster) return;
	await repo.setPostitCluster(ctx.db, row.id, cluster);
	emit('PostitChanged', { sessionId, stepId: row.stepId, postitId: row.id, change: 'clustered' });
}

/**
 * Puts the post-its the facilitator chose into one theme (an empty name takes them out of
 * theirs). Every id is checked before anything changes: one from another session changes none.
 */
export async function clusterPostits(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: unknown
) {
	// Who may act first: someone of another network learns nothing, not even what is missing.
	await liveSession(ctx, actor, networkId, sessionId);
	const input = parseInput(clusterManyInput, raw);
	const rows = [];
	for (const id of new Set(input.postitIds)) rows.push(await postitInSession(ctx, sessionId, id));
	const cluster = input.cluster === '' ? null : input.cluster;
	let changed = 0;
	for (const row of rows) {
		if (row.cluster === cluster) continue;
		await repo.setPostitCluster(ctx.db, row.id, cluster);
		emit('PostitChanged', { sessionId, stepId: row.stepId, postitId: row.id, change: 'clustered' });
		changed += 1;
	}
	return { count: rows.length, changed };
}

/** Starts (or restarts) the session's timer for some minutes; every screen counts down. */
export async function startTimer(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: unknown
) {
	const input = parseInput(timerInput, raw);
	await liveSession(ctx, actor, networkId, sessionId);
	const seconds = input.minutes * 60;
	const endsAt = iso(new Date(ctx.now().getTime() + seconds * 1000));
	await live.setTimer(ctx.db, sessionId, { endsAt, seconds });
	emit('TimerSet', { sessionId, endsAt });
	return { endsAt };
}

export async function stopTimer(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	const session = await liveSession(ctx, actor, networkId, sessionId);
	if (session.timerEndsAt === null) return;
	await live.setTimer(ctx.db, sessionId, null);
	emit('TimerSet', { sessionId, endsAt: null });
}

/** Who is in: display names in the order they joined. */
export async function listParticipants(ctx: Ctx, sessionId: string) {
	return live.listParticipants(ctx.db, sessionId);
}

export { findStepInSession };
