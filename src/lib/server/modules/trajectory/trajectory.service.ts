import type { Kysely, Transaction } from 'kysely';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { Database } from '../../db/types.ts';
import { DomainError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { conversationInput, goalInput, intentInput, reflectionInput } from './trajectory.schema.ts';
import { requireOwner, viewer } from './trajectory.policy.ts';
import { sessionIdInNetwork } from '../session/session.policy.ts';

/** The creative intent: one per member and network, written over. */
export async function saveIntent(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(intentInput, raw);
	const now = iso(ctx.now());
	await ctx.db
		.insertInto('intent')
		.values({
			id: newId(),
			networkId,
			userId: v.userId,
			text: input.text,
			visibility: input.visibility,
			updatedAt: now
		})
		.onConflict((oc) =>
			oc
				.columns(['networkId', 'userId'])
				.doUpdateSet({ text: input.text, visibility: input.visibility, updatedAt: now })
		)
		.execute();
}

/**
 * The diamond goal: one per member and network. Every save that changes its state, or its
 * words, is a dated line in its history.
 */
export async function saveGoal(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(goalInput, raw);
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		const current = await trx
			.selectFrom('goal')
			.selectAll()
			.where('networkId', '=', networkId)
			.where('userId', '=', v.userId)
			.executeTakeFirst();
		if (!current) {
			const id = newId();
			await trx
				.insertInto('goal')
				.values({ id, networkId, userId: v.userId, ...input, createdAt: now, updatedAt: now })
				.execute();
			await trx
				.insertInto('goalEvent')
				.values({ id: newId(), goalId: id, state: input.state, change: 'created', at: now })
				.execute();
			if (input.visibility === 'network')
				await trx
					.insertInto('goalEvent')
					.values({ id: newId(), goalId: id, state: input.state, change: 'shared', at: now })
					.execute();
			return;
		}
		const stateChanged = current.state !== input.state;
		const edited = (['title', 'why', 'who', 'theme'] as const).some((k) => current[k] !== input[k]);
		await trx
			.updateTable('goal')
			.set({ ...input, updatedAt: now })
			.where('id', '=', current.id)
			.execute();
		// The moment it is shared with the network is kept: the olievlek counts from there.
		if (input.visibility === 'network' && current.visibility !== 'network')
			await trx
				.insertInto('goalEvent')
				.values({ id: newId(), goalId: current.id, state: input.state, change: 'shared', at: now })
				.execute();
		if (stateChanged || edited)
			await trx
				.insertInto('goalEvent')
				.values({
					id: newId(),
					goalId: current.id,
					state: input.state,
					change: stateChanged ? 'state' : 'edited',
					at: now
				})
				.execute();
	});
}

export async function addConversation(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(conversationInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const now = iso(ctx.now());
	const id = newId();
	await ctx.db
		.insertInto('conversation')
		.values({
			id,
			networkId,
			userId: v.userId,
			...input,
			heldOn: input.heldOn || null,
			sessionId,
			createdAt: now,
			updatedAt: now
		})
		.execute();
	return { id };
}

export async function updateConversation(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown
) {
	const v = await viewer(ctx, actor, networkId);
	requireOwner(
		v,
		await ctx.db.selectFrom('conversation').selectAll().where('id', '=', id).executeTakeFirst()
	);
	const input = parseInput(conversationInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	await ctx.db
		.updateTable('conversation')
		.set({ ...input, heldOn: input.heldOn || null, sessionId, updatedAt: iso(ctx.now()) })
		.where('id', '=', id)
		.execute();
}

export async function addReflection(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(reflectionInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const now = iso(ctx.now());
	const id = newId();
	await ctx.db
		.insertInto('reflection')
		.values({
			id,
			networkId,
			userId: v.userId,
			...input,
			sessionId,
			createdAt: now,
			updatedAt: now
		})
		.execute();
	return { id };
}

type OwnedTable = 'intent' | 'goal' | 'conversation' | 'reflection' | 'canvas';

/** Changing who may see an item is its own, explicit action. */
export async function setVisibility(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	table: OwnedTable,
	id: string,
	visibility: string
) {
	const v = await viewer(ctx, actor, networkId);
	if (!['private', 'coach', 'network'].includes(visibility))
		throw new DomainError('invalid', 'error_visibility', 'visibility');
	requireOwner(
		v,
		await ctx.db
			.selectFrom(table)
			.select(['networkId', 'userId'])
			.where('id', '=', id)
			.executeTakeFirst()
	);
	await ctx.db.transaction().execute(async (trx) => {
		if (table === 'goal' && visibility === 'network') {
			const g = await trx
				.selectFrom('goal')
				.select(['state', 'visibility'])
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			if (g.visibility !== 'network')
				await trx
					.insertInto('goalEvent')
					.values({ id: newId(), goalId: id, state: g.state, change: 'shared', at: iso(ctx.now()) })
					.execute();
		}
		await trx
			.updateTable(table)
			.set({ visibility: visibility as 'private' })
			.where('id', '=', id)
			.execute();
	});
}

/** Deletes one of the viewer's own items (its history and links go with it). */
export async function deleteOwnItem(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	table: 'conversation' | 'reflection' | 'canvas',
	id: string
) {
	const v = await viewer(ctx, actor, networkId);
	requireOwner(
		v,
		await ctx.db
			.selectFrom(table)
			.select(['networkId', 'userId'])
			.where('id', '=', id)
			.executeTakeFirst()
	);
	await ctx.db.deleteFrom(table).where('id', '=', id).execute();
}

/**
 * A member leaves (or is removed): their private items are deleted; what they shared stays for
 * the network without their name (what only their coach could see goes too: nobody could read it
 * any more). Their coaching talks, as member or as coach, with agenda, shared notes and the
 * coach's notes, are deleted, being private to the two people in them.
 */
export async function forgetMember(
	db: Kysely<Database> | Transaction<Database>,
	networkId: string,
	userId: string
) {
	for (const t of ['intent', 'goal', 'canvas', 'conversation', 'reflection'] as const) {
		await db
			.deleteFrom(t)
			.where('networkId', '=', networkId)
			.where('userId', '=', userId)
			.where('visibility', 'in', ['private', 'coach'])
			.execute();
		await db
			.updateTable(t)
			.set({ userId: null })
			.where('networkId', '=', networkId)
			.where('userId', '=', userId)
			.execute();
	}
	await db
		.deleteFrom('coachingTalk')
		.where('networkId', '=', networkId)
		.where((eb) => eb.or([eb('memberId', '=', userId), eb('coachId', '=', userId)]))
		.execute();
	await db
		.deleteFrom('coachingRelation')
		.where('networkId', '=', networkId)
		.where((eb) => eb.or([eb('memberId', '=', userId), eb('coachId', '=', userId)]))
		.execute();
}
