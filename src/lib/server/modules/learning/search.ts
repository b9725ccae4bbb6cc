import type { Ctx } from '../../context.ts';
import { indexDocs, removeDocs, type SearchDoc } from '../knowledge/index.ts';
import { findNetwork } from '../network/index.ts';
import * as insights from './insight.repository.ts';
import * as repo from './question.repository.ts';

/**
 * Puts a learning question, its tips and (once its collection is published) its insights into
 * the network's search index, inside the caller's transaction. Only words go in, never a
 * giver's name: every member may read the index, and a credit choice must hold there too.
 */
export async function reindexQuestion(
	db: Ctx['db'],
	networkId: string,
	questionId: string,
	now: Date
) {
	for (const kind of ['learning_question', 'tip', 'insight'] as const)
		await removeDocs(db, { kind, sourceId: questionId });
	const q = await repo.findQuestion(db, networkId, questionId);
	if (!q) return;
	const network = (await findNetwork(db, networkId))!;
	const link = `/networks/${networkId}/learning/questions/${q.id}`;
	const tips = await repo.listTips(db, [q.id]);
	const docs: SearchDoc[] = [
		{
			sessionId: q.sessionId,
			kind: 'learning_question',
			sourceId: q.id,
			title: q.wording,
			body: q.wording,
			themes: [q.themeName],
			link
		},
		...tips.map((t): SearchDoc => ({
			sessionId: t.sessionId,
			kind: 'tip',
			sourceId: q.id,
			title: q.wording,
			body: [t.text, t.practice].filter(Boolean).join('\n'),
			themes: [q.themeName],
			link: `${link}#tip-${t.id}`
		}))
	];
	const collection = q.collectionId
		? await insights.findCollection(db, networkId, q.collectionId)
		: undefined;
	if (collection?.publishedAt) {
		const rows = await insights.listInsights(db, [q.id]);
		if (rows.length)
			docs.push({
				sessionId: q.sessionId,
				kind: 'insight',
				sourceId: q.id,
				title: q.wording,
				body: [q.introduction, ...rows.map((r) => r.text), q.closing].filter(Boolean).join('\n'),
				themes: [q.themeName],
				link: `/networks/${networkId}/learning/collections/${collection.id}#question-${q.id}`
			});
	}
	await indexDocs(db, networkId, network.language, docs, now);
}

/** Every learning question of the network indexed again (after the network's language changed). */
export async function reindexLearning(ctx: Ctx, networkId: string) {
	for (const q of await repo.listQuestions(ctx.db, networkId))
		await ctx.db.transaction().execute((trx) => reindexQuestion(trx, networkId, q.id, ctx.now()));
}
