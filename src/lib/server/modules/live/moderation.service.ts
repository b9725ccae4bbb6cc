import { iso, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import {
	findSessionInNetwork,
	findStepInSession,
	requireSessionDesigner
} from '../session/session.policy.ts';
import { clusterInput, mergeInput, timerInput } from './live.schema.ts';

/** The facilitator's hold on a live session they may run. */
export async function liveSession(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	await requireSessionDesigner(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	if (session.status !== 'live') throw new DomainError('conflict', 'error_session_not_live');
	return session;
}

/** A post-it of one of this session's rounds; anything else is "not found". */
async function postitInSession(ctx: Ctx, sessionId: string, postitId: string) {
	const row = await ctx.db
		.selectFrom('postit as pi')
		.innerJoin('agendaStep as s', 's.id', 'pi.stepId')
		.select(['pi.id', 'pi.stepId', 'pi.isHidden', 'pi.mergedIntoId'])
		.where('s.sessionId', '=', sessionId)
		.where('pi.id', '=', postitId)
		.executeTakeFirst();
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
	await ctx.db
		.updateTable('postit')
		.set({ isHidden: hidden ? 1 : 0, mergedIntoId: hidden ? row.mergedIntoId : null })
		.where('id', '=', row.id)
		.execute();
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
	await ctx.db.transaction().execute(async (trx) => {
		// What was merged into the source before now belongs to the target.
		await trx
			.updateTable('postit')
			.set({ mergedIntoId: target.id })
			.where('mergedIntoId', '=', source.id)
			.execute();
		await trx
			.updateTable('postit')
			.set({ isHidden: 1, mergedIntoId: target.id, updatedAt: iso(ctx.now()) })
			.where('id', '=', source.id)
			.execute();
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
	await ctx.db
		.updateTable('postit')
		.set({ cluster: input.cluster === '' ? null : input.cluster })
		.where('id', '=', row.id)
		.execute();
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
	await ctx.db
		.updateTable('networkSession')
		.set({ timerEndsAt: endsAt, timerSeconds: seconds })
		.where('id', '=', sessionId)
		.execute();
	return { endsAt };
}

export async function stopTimer(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	await liveSession(ctx, actor, networkId, sessionId);
	await ctx.db
		.updateTable('networkSession')
		.set({ timerEndsAt: null, timerSeconds: null })
		.where('id', '=', sessionId)
		.execute();
}

/** Who is in: display names in the order they joined. */
export async function listParticipants(ctx: Ctx, sessionId: string) {
	return ctx.db
		.selectFrom('participant')
		.select(['id', 'displayName', 'joinedAt'])
		.where('sessionId', '=', sessionId)
		.orderBy('joinedAt')
		.orderBy('id')
		.execute();
}

export { findStepInSession };
