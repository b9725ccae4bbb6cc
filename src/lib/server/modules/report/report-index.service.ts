import type { Ctx } from '../../context.ts';
import { indexDocs, removeDocs, type SearchDoc } from '../knowledge/index.ts';
import { stepResults } from '../live/index.ts';
import { findNetwork } from '../network/index.ts';
import { reportState, versionEdits } from './report-state.service.ts';
import {
	findSessionForIndex,
	listClosedSessionIds,
	listStepsForIndex
} from './report.repository.ts';

/**
 * Puts what a session produced into the network's search index: its report (title, theme,
 * objectives, the facilitator's introduction, notes and closing), every post-it that is shown
 * (hidden ones are left out, merged ones count with the one they joined) and every visible
 * answer. Nothing carries a name. Only a shared report is searchable, as it was shared: a draft
 * (and what the session captured, which the draft shows) stays out of members' search until
 * the facilitator shares it. Called when the session ends and when its report is shared.
 */
export async function indexSession(ctx: Ctx, sessionId: string) {
	const session = await findSessionForIndex(ctx.db, sessionId);
	if (!session) return;
	const network = (await findNetwork(ctx.db, session.networkId))!;
	const steps = await listStepsForIndex(ctx.db, sessionId);
	const state = await reportState(ctx, sessionId);
	if (state.publishedVersion === null) {
		await removeDocs(ctx.db, { sessionId, kinds: ['report', 'postit', 'answer'] });
		return;
	}
	const edits = await versionEdits(ctx, sessionId, state.publishedVersion);
	const report = `/networks/${session.networkId}/sessions/${sessionId}/report`;
	const themes = session.theme ? [session.theme] : [];
	const title = session.number ? `${session.number}. ${session.title}` : session.title;
	const docs: SearchDoc[] = [
		{
			sessionId,
			kind: 'report',
			sourceId: sessionId,
			title,
			body: [
				session.theme,
				session.objectives,
				edits.intro,
				// Sections the facilitator left out of the report stay out of the search too.
				...Object.entries(edits.notes)
					.filter(([id]) => !edits.hidden.includes(id))
					.map(([, note]) => note),
				edits.closing,
				...steps
					.filter((s) => !edits.hidden.includes(s.id))
					.map((s) => `${edits.titles[s.id] ?? s.title}. ${s.prompt}`)
			]
				.filter(Boolean)
				.join('\n'),
			themes,
			link: report
		}
	];
	for (const step of steps) {
		if (edits.hidden.includes(step.id)) continue;
		const r = await stepResults(ctx, sessionId, step);
		const where = `${title}: ${step.title}`;
		const link = `${report}#step-${step.id}`;
		if (r.kind === 'postits')
			for (const c of r.clusters)
				for (const p of c.items)
					docs.push({
						sessionId,
						kind: 'postit',
						sourceId: p.id,
						title: where,
						body: [p.text, ...p.merged].join('\n'),
						themes: c.name ? [...themes, c.name] : themes,
						link
					});
		if (r.kind === 'answers') {
			const blocks = [
				...r.questions.map((q) => ({ q, group: '' })),
				...r.groups.flatMap((g) => g.questions.map((q) => ({ q, group: g.title })))
			];
			for (const { q, group } of blocks)
				for (const a of q.answers)
					docs.push({
						sessionId,
						kind: 'answer',
						sourceId: a.id,
						title: [where, group, q.text].filter(Boolean).join(' – '),
						body: a.text,
						themes,
						link
					});
		}
	}
	await ctx.db.transaction().execute(async (trx) => {
		await removeDocs(trx, { sessionId, kinds: ['report', 'postit', 'answer'] });
		await indexDocs(trx, session.networkId, network.language, docs, ctx.now());
	});
}

/**
 * After the network's language changed: every closed session indexed again (the knowledge
 * module indexes its resources again itself, see `reindexResources`).
 */
export async function reindexSessionsOfNetwork(ctx: Ctx, networkId: string) {
	for (const id of await listClosedSessionIds(ctx.db, networkId)) await indexSession(ctx, id);
}
