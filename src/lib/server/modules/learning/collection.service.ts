import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { findMemberByUserId } from '../network/index.ts';
import { sessionIdInNetwork } from '../session/index.ts';
import * as repo from './insight.repository.ts';
import { shaper } from './learning.read.ts';
import {
	collectionInput,
	collectionQuestionsInput,
	publicInput,
	thanksInput
} from './learning.schema.ts';
import * as questions from './question.repository.ts';
import { reindexQuestion } from './search.ts';

/**
 * Collections of learning questions ("Five learning questions"), published to the members and,
 * by an explicit choice, on a public page. A leader makes them.
 */

async function reindexCollection(
	db: Ctx['db'],
	networkId: string,
	collectionId: string,
	now: Date
) {
	for (const q of await questions.listQuestions(db, networkId))
		if (q.collectionId === collectionId) await reindexQuestion(db, networkId, q.id, now);
}

export async function createCollection(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await shaper(ctx, actor, networkId);
	const input = parseInput(collectionInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const id = newId();
	await repo.insertCollection(ctx.db, {
		id,
		networkId,
		title: input.title,
		introduction: input.introduction,
		sessionId,
		publishedAt: null,
		publicAt: null,
		createdBy: m.userId,
		createdAt: iso(ctx.now())
	});
	return id;
}

async function collectionOf(ctx: Ctx, actor: Actor, networkId: string, id: string) {
	await shaper(ctx, actor, networkId);
	const c = await repo.findCollection(ctx.db, networkId, id);
	if (!c) throw notFound();
	return c;
}

export async function editCollection(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown
) {
	const c = await collectionOf(ctx, actor, networkId, id);
	const input = parseInput(collectionInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	await repo.updateCollection(ctx.db, c.id, {
		title: input.title,
		introduction: input.introduction,
		sessionId
	});
}

/** The collection holds exactly these questions of the network, in the order given. */
export async function setCollectionQuestions(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown
) {
	const c = await collectionOf(ctx, actor, networkId, id);
	const { questionIds } = parseInput(collectionQuestionsInput, raw);
	const known = new Set((await questions.listQuestions(ctx.db, networkId)).map((q) => q.id));
	const ids = [...new Set(questionIds)];
	if (ids.some((q) => !known.has(q)))
		throw new DomainError('invalid', 'error_collection_question', 'questionIds');
	await ctx.db.transaction().execute(async (trx) => {
		const before = (await questions.listQuestions(trx, networkId))
			.filter((q) => q.collectionId === c.id)
			.map((q) => q.id);
		await repo.setCollectionQuestions(trx, networkId, c.id, ids);
		for (const q of new Set([...before, ...ids]))
			await reindexQuestion(trx, networkId, q, ctx.now());
	});
}

/** Publishes the collection to the members, or takes it back (then also off the public page). */
export async function publishCollection(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	publish: boolean
) {
	const c = await collectionOf(ctx, actor, networkId, id);
	if (
		publish &&
		!(await questions.listQuestions(ctx.db, networkId)).some((q) => q.collectionId === c.id)
	)
		throw new DomainError('invalid', 'error_collection_empty', 'questionIds');
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateCollection(
			trx,
			c.id,
			publish
				? { publishedAt: c.publishedAt ?? iso(ctx.now()) }
				: { publishedAt: null, publicAt: null }
		);
		await reindexCollection(trx, networkId, c.id, ctx.now());
	});
}

/**
 * Puts a published collection on a public page, after the explicit choice (the box ticked), or
 * takes it off. On the public page only givers who allowed it are named.
 */
export async function setCollectionPublic(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	id: string,
	raw: unknown | null
) {
	const c = await collectionOf(ctx, actor, networkId, id);
	if (raw === null) {
		await repo.updateCollection(ctx.db, c.id, { publicAt: null });
		return;
	}
	parseInput(publicInput, raw);
	if (!c.publishedAt) throw new DomainError('invalid', 'error_collection_not_published');
	await repo.updateCollection(ctx.db, c.id, { publicAt: c.publicAt ?? iso(ctx.now()) });
}

/** A leader records that a member (an experience expert) was thanked or compensated. */
export async function recordThanks(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await shaper(ctx, actor, networkId);
	const input = parseInput(thanksInput, raw);
	if (!(await findMemberByUserId(ctx.db, networkId, input.userId)))
		throw new DomainError('invalid', 'error_thanks_person', 'userId');
	await repo.insertThanks(ctx.db, {
		id: newId(),
		networkId,
		userId: input.userId,
		note: input.note,
		onDay: input.onDay,
		recordedBy: m.userId,
		createdAt: iso(ctx.now())
	});
}
