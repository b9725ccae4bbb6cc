import type { Ctx } from '../../context.ts';
import { listVisibleAnswers } from './answer.repository.ts';
import { countDotsPerPostit } from './dot.repository.ts';
import { listGroups } from './group.repository.ts';
import { listHarvestSteps, listPostitsWithWriters } from './harvest.repository.ts';

export interface SessionHarvest {
	rounds: {
		stepId: string;
		title: string;
		isAnonymous: boolean;
		/** Sorted by text: the order they came in is not passed on. */
		postits: { id: string; text: string; cluster: string | null; userId: string | null }[];
	}[];
	votes: { stepId: string; sourceStepId: string | null; dots: Map<string, number> }[];
	groups: {
		stepId: string;
		groupId: string;
		title: string;
		postitId: string | null;
		/** The group's lines on the step's first question: the draft of what it was asked to word. */
		lines: string[];
	}[];
}

/**
 * What a session's rounds, votes and groups brought, for the learning module to take over as
 * challenges, themes and draft learning questions. A merged post-it is in the theme of the one
 * it went into. An anonymous round passes on no writer.
 */
export async function sessionHarvest(ctx: Ctx, sessionId: string): Promise<SessionHarvest> {
	const steps = await listHarvestSteps(ctx.db, sessionId);
	const out: SessionHarvest = { rounds: [], votes: [], groups: [] };
	for (const s of steps) {
		if (s.kind === 'postit_round') {
			const rows = await listPostitsWithWriters(ctx.db, s.id);
			const clusterOf = new Map(rows.map((r) => [r.id, r.cluster]));
			out.rounds.push({
				stepId: s.id,
				title: s.title,
				isAnonymous: s.isAnonymous === 1,
				postits: rows.map((r) => ({
					id: r.id,
					text: r.text,
					cluster: (r.mergedIntoId ? clusterOf.get(r.mergedIntoId) : r.cluster) ?? null,
					userId: s.isAnonymous === 1 ? null : (r.userId ?? null)
				}))
			});
		} else if (s.kind === 'dot_vote') {
			out.votes.push({
				stepId: s.id,
				sourceStepId: s.sourceStepId,
				dots: await countDotsPerPostit(ctx.db, s.id)
			});
		} else {
			const [groups, answers] = await Promise.all([
				listGroups(ctx.db, sessionId, s.id),
				listVisibleAnswers(ctx.db, sessionId, s.id)
			]);
			for (const g of groups)
				out.groups.push({
					stepId: s.id,
					groupId: g.id,
					title: g.title,
					postitId: g.postitId,
					lines: answers
						.filter((a) => a.groupId === g.id && a.questionIndex === 0)
						.map((a) => a.text)
				});
		}
	}
	return out;
}
