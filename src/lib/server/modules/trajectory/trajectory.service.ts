import type { Kysely } from 'kysely';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { Database, Visibility } from '../../db/types.ts';
import { DomainError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { sessionIdInNetwork } from '../session/index.ts';
import { conversationInput, goalInput, intentInput, reflectionInput } from './trajectory.schema.ts';
import { requireOwner } from './trajectory.policy.ts';
import { viewer } from './trajectory.read.ts';
import * as repo from './trajectory.repository.ts';

/** The creative intent: one per member and network, written over. */
export async function saveIntent(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(intentInput, raw);
	await repo.upsertIntent(
		ctx.db,
		{ id: newId(), networkId, userId: v.userId, text: input.text, visibility: input.visibility },
		iso(ctx.now())
	);
}

/**
 * The diamond goal: one per member and network. Every save that changes its state, or its
 * words, is a dated line in its history.
 */
export async function saveGoal(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(goalInput, raw);
	const now = iso(ctx.now());
	const event = (goalId: string, change: string) =>
		({ id: newId(), goalId, state: input.state, change, at: now }) as const;
	await ctx.db.transaction().execute(async (trx) => {
		const current = await repo.findGoalOf(trx, networkId, v.userId);
		if (!current) {
			const id = newId();
			await repo.insertGoal(trx, {
				id,
				networkId,
				userId: v.userId,
				...input,
				createdAt: now,
				updatedAt: now
			});
			await repo.insertGoalEvent(trx, event(id, 'created'));
			if (input.visibility === 'network') await repo.insertGoalEvent(trx, event(id, 'shared'));
			return;
		}
		const stateChanged = current.state !== input.state;
		const edited = (['title', 'why', 'who', 'theme'] as const).some((k) => current[k] !== input[k]);
		await repo.updateGoal(trx, current.id, { ...input, updatedAt: now });
		// The moment it is shared with the network is kept: the olievlek counts from there.
		if (input.visibility === 'network' && current.visibility !== 'network')
			await repo.insertGoalEvent(trx, event(current.id, 'shared'));
		if (stateChanged || edited)
			await repo.insertGoalEvent(trx, event(current.id, stateChanged ? 'state' : 'edited'));
	});
}

export async function addConversation(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(conversationInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const now = iso(ctx.now());
	const id = newId();
	await repo.insertConversation(ctx.db, {
		id,
		networkId,
		userId: v.userId,
		...input,
		heldOn: input.heldOn || null,
		sessionId,
		createdAt: now,
		updatedAt: now
	});
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
	requireOwner(v, await repo.findConversation(ctx.db, id));
	const input = parseInput(conversationInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	await repo.updateConversationRow(ctx.db, id, {
		...input,
		heldOn: input.heldOn || null,
		sessionId,
		updatedAt: iso(ctx.now())
	});
}

export async function addReflection(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(reflectionInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const now = iso(ctx.now());
	const id = newId();
	await repo.insertReflection(ctx.db, {
		id,
		networkId,
		userId: v.userId,
		...input,
		sessionId,
		createdAt: now,
		updatedAt: now
	});
	return { id };
}

const VISIBILITIES: readonly string[] = ['private', 'coach', 'network'] satisfies Visibility[];
const isVisibility = (s: string): s is Visibility => VISIBILITIES.includes(s);

/** Changing who may see an item is its own, explicit action. */
export async function setVisibility(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	table: repo.OwnedTable,
	id: string,
	visibility: string
) {
	const v = await viewer(ctx, actor, networkId);
	if (!isVisibility(visibility)) throw new DomainError('invalid', 'error_visibility', 'visibility');
	requireOwner(v, await repo.findOwnership(ctx.db, table, id));
	await ctx.db.transaction().execute(async (trx) => {
		if (table === 'goal' && visibility === 'network') {
			const g = await repo.findGoal(trx, id);
			if (g && g.visibility !== 'network')
				await repo.insertGoalEvent(trx, {
					id: newId(),
					goalId: id,
					state: g.state,
					change: 'shared',
					at: iso(ctx.now())
				});
		}
		await repo.setItemVisibility(trx, table, id, visibility);
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
	requireOwner(v, await repo.findOwnership(ctx.db, table, id));
	await repo.deleteItem(ctx.db, table, id);
}

/**
 * A member leaves (or is removed): their private items are deleted; what they shared stays for
 * the network without their name (what only their coach could see goes too: nobody could read it
 * any more). Their coaching talks, as member or as coach, with agenda, shared notes and the
 * coach's notes, are deleted, being private to the two people in them. Runs in `db`, the
 * caller's transaction.
 */
export async function forgetMember(db: Kysely<Database>, networkId: string, userId: string) {
	await repo.deleteTrajectoryOfMember(db, networkId, userId);
}
