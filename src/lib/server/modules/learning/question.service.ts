import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { sessionHarvest } from '../live/index.ts';
import { listActiveSpanners } from '../network/index.ts';
import * as challenges from './challenge.repository.ts';
import { shaper } from './learning.read.ts';
import { guestsInput, questionEditInput, questionInput } from './learning.schema.ts';
import * as repo from './question.repository.ts';
import { reindexQuestion } from './search.ts';

/**
 * The breakout groups of the theme's session that worked on one of its challenges, with their
 * lines on the first question: the drafts a learning question can be settled from.
 */
export async function themeDrafts(ctx: Ctx, networkId: string, themeId: string) {
	const theme = await challenges.findTheme(ctx.db, networkId, themeId);
	if (!theme?.sessionId) return [];
	const inTheme = new Set(
		(await challenges.listChallenges(ctx.db, networkId))
			.filter((c) => c.themeId === theme.id && c.postitId)
			.map((c) => c.postitId!)
	);
	const harvest = await sessionHarvest(ctx, theme.sessionId);
	return harvest.groups
		.filter((g) => g.postitId && inTheme.has(g.postitId))
		.map((g) => ({ groupId: g.groupId, title: g.title, wording: g.lines.join('\n') }));
}

/**
 * A leader writes a chosen theme's learning question, from a group's draft or anew. The
 * question keeps where it came from: the theme (and so its challenges), the session, the group.
 */
export async function createQuestion(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await shaper(ctx, actor, networkId);
	const input = parseInput(questionInput, raw);
	const theme = await challenges.findTheme(ctx.db, networkId, input.themeId);
	// The theme comes from the page's address: another network's theme is simply not here.
	if (!theme) throw notFound();
	let groupTitle = '';
	if (input.groupId) {
		const draft = (await themeDrafts(ctx, networkId, theme.id)).find(
			(d) => d.groupId === input.groupId
		);
		if (!draft) throw new DomainError('invalid', 'error_learning_group', 'groupId');
		groupTitle = draft.title;
	}
	const id = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertQuestion(trx, {
			id,
			networkId,
			themeId: theme.id,
			wording: input.wording,
			isSettled: input.settled ? 1 : 0,
			sessionId: theme.sessionId,
			groupId: input.groupId || null,
			groupTitle,
			createdBy: m.userId,
			createdAt: now,
			updatedAt: now
		});
		await reindexQuestion(trx, networkId, id, ctx.now());
	});
	return id;
}

/** A leader changes the wording, settles it, or writes the insights' introduction and closing. */
export async function editQuestion(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	questionId: string,
	raw: unknown
) {
	await shaper(ctx, actor, networkId);
	const q = await repo.findQuestion(ctx.db, networkId, questionId);
	if (!q) throw notFound();
	const input = parseInput(questionEditInput, raw);
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateQuestion(trx, q.id, {
			wording: input.wording,
			isSettled: input.settled ? 1 : 0,
			introduction: input.introduction,
			closing: input.closing,
			updatedAt: iso(ctx.now())
		});
		await reindexQuestion(trx, networkId, q.id, ctx.now());
	});
}

/** A leader says which boundary spanners (guests) are asked to give tips on the question. */
export async function setQuestionGuests(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	questionId: string,
	raw: unknown
) {
	await shaper(ctx, actor, networkId);
	const q = await repo.findQuestion(ctx.db, networkId, questionId);
	if (!q) throw notFound();
	const { membershipIds } = parseInput(guestsInput, raw);
	const spanners = new Set(
		(await listActiveSpanners(ctx.db, networkId)).map((mb) => mb.membershipId)
	);
	const ids = [...new Set(membershipIds)];
	if (ids.some((id) => !spanners.has(id)))
		throw new DomainError('invalid', 'error_learning_guest', 'membershipIds');
	await repo.replaceGuests(ctx.db, q.id, ids);
}
