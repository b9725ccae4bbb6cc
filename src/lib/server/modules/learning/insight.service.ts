import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import * as repo from './insight.repository.ts';
import { shaper } from './learning.read.ts';
import {
	adoptInput,
	insightTextInput,
	mergeInput,
	moveInput,
	placeInput,
	sectionInput
} from './learning.schema.ts';
import * as questions from './question.repository.ts';
import { reindexQuestion } from './search.ts';

/**
 * Curating a learning question's tips into its collected insights, by a leader. Nothing is lost:
 * an insight keeps the tips it was made of (a tip is in at most one), every wording it had,
 * and on a merge the other insight's tips and history.
 */

async function questionOf(ctx: Ctx, actor: Actor, networkId: string, questionId: string) {
	const m = await shaper(ctx, actor, networkId);
	const q = await questions.findQuestion(ctx.db, networkId, questionId);
	if (!q) throw notFound();
	return { m, q };
}

async function insightOf(ctx: Ctx, actor: Actor, networkId: string, insightId: string) {
	const m = await shaper(ctx, actor, networkId);
	const insight = await repo.findInsight(ctx.db, networkId, insightId);
	if (!insight) throw notFound();
	return { m, insight };
}

/**
 * Takes tips into the insights: one tip into an existing insight of the same question, or as
 * a new insight worded as the tip; without a tip, every tip (not a sub-tip) not yet taken.
 */
export async function adoptTips(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	questionId: string,
	tipId: string | null,
	raw: unknown = {}
) {
	const { m, q } = await questionOf(ctx, actor, networkId, questionId);
	const { insightId } = parseInput(adoptInput, raw);
	const tips = (await questions.listTips(ctx.db, [q.id])).filter((t) => !t.parentId);
	const all = await repo.listInsights(ctx.db, [q.id]);
	const taken = new Set(
		(
			await repo.listSources(
				ctx.db,
				all.map((i) => i.id)
			)
		).map((s) => s.tipId)
	);
	const chosen = tipId ? tips.filter((t) => t.id === tipId) : tips.filter((t) => !taken.has(t.id));
	if (tipId && !chosen.length) throw notFound();
	if (tipId && taken.has(tipId))
		throw new DomainError('conflict', 'error_insight_tip_taken', 'tipId');
	const into = insightId ? all.find((i) => i.id === insightId) : undefined;
	if (insightId && !into)
		throw new DomainError('invalid', 'error_insight_merge_choose', 'insightId');
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		if (into) {
			await repo.linkTips(
				trx,
				into.id,
				chosen.map((t) => t.id)
			);
		} else {
			let position = await repo.nextInsightPosition(trx, q.id);
			for (const t of chosen) {
				const id = newId();
				await repo.insertInsight(trx, {
					id,
					questionId: q.id,
					sectionId: null,
					position: position++,
					text: t.text,
					createdAt: now,
					updatedAt: now
				});
				await repo.linkTips(trx, id, [t.id]);
				await repo.insertRevision(trx, {
					id: newId(),
					insightId: id,
					text: t.text,
					change: 'created',
					editedBy: m.userId,
					editedAt: now
				});
			}
		}
		await reindexQuestion(trx, networkId, q.id, ctx.now());
	});
	return chosen.length;
}

/** Rewords an insight; the wording before stays in its history. */
export async function editInsight(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	insightId: string,
	raw: unknown
) {
	const { m, insight } = await insightOf(ctx, actor, networkId, insightId);
	const { text } = parseInput(insightTextInput, raw);
	if (text === insight.text) return;
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateInsight(trx, insight.id, { text, updatedAt: now });
		await repo.insertRevision(trx, {
			id: newId(),
			insightId: insight.id,
			text,
			change: 'edited',
			editedBy: m.userId,
			editedAt: now
		});
		await reindexQuestion(trx, networkId, insight.questionId, ctx.now());
	});
}

/**
 * Merges an insight into another of the same question: the other keeps its wording and gains
 * this one's tips and history, with this one's wording recorded as merged in.
 */
export async function mergeInsight(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	insightId: string,
	raw: unknown
) {
	const { m, insight } = await insightOf(ctx, actor, networkId, insightId);
	const { intoId } = parseInput(mergeInput, raw);
	const into = await repo.findInsight(ctx.db, networkId, intoId);
	if (!into || into.id === insight.id)
		throw new DomainError('invalid', 'error_insight_merge_choose', 'intoId');
	if (into.questionId !== insight.questionId)
		throw new DomainError('invalid', 'error_insight_merge_other_question', 'intoId');
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.moveSources(trx, insight.id, into.id);
		await repo.insertRevision(trx, {
			id: newId(),
			insightId: into.id,
			text: insight.text,
			change: 'merged',
			editedBy: m.userId,
			editedAt: now
		});
		await repo.deleteInsight(trx, insight.id);
		await reindexQuestion(trx, networkId, insight.questionId, ctx.now());
	});
}

/** Moves an insight one place up or down in its question's order. */
export async function moveInsight(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	insightId: string,
	raw: unknown
) {
	const { insight } = await insightOf(ctx, actor, networkId, insightId);
	const { direction } = parseInput(moveInput, raw);
	await ctx.db.transaction().execute(async (trx) => {
		const all = await repo.listInsights(trx, [insight.questionId]);
		const at = all.findIndex((i) => i.id === insight.id);
		const other = all[direction === 'up' ? at - 1 : at + 1];
		if (!other) return;
		// Positions are renumbered so that equal ones cannot keep two insights from swapping.
		const order = all.map((i) => i.id);
		[order[at], order[all.indexOf(other)]] = [other.id, insight.id];
		for (const [position, id] of order.entries()) await repo.updateInsight(trx, id, { position });
	});
}

/** Adds a heading to group a question's insights under. */
export async function addSection(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	questionId: string,
	raw: unknown
) {
	const { q } = await questionOf(ctx, actor, networkId, questionId);
	const { title } = parseInput(sectionInput, raw);
	const id = newId();
	const position = (await repo.listSections(ctx.db, [q.id])).length;
	await repo.insertSection(ctx.db, { id, questionId: q.id, title, position });
	return id;
}

/** Removes a heading; its insights stay, under no heading. */
export async function removeSection(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	questionId: string,
	sectionId: string
) {
	const { q } = await questionOf(ctx, actor, networkId, questionId);
	await repo.deleteSection(ctx.db, q.id, sectionId);
}

/** Puts an insight under a heading of its question (or under none). */
export async function placeInsight(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	insightId: string,
	raw: unknown
) {
	const { insight } = await insightOf(ctx, actor, networkId, insightId);
	const { sectionId } = parseInput(placeInput, raw);
	if (sectionId) {
		const sections = await repo.listSections(ctx.db, [insight.questionId]);
		if (!sections.some((s) => s.id === sectionId))
			throw new DomainError('invalid', 'error_insight_section', 'sectionId');
	}
	await repo.updateInsight(ctx.db, insight.id, { sectionId: sectionId || null });
}
