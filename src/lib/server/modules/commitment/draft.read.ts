import type { Actor, Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { stepResults } from '../live/index.ts';
import { reportIsShared } from '../report/index.ts';
import { canDesignSessions, findSessionInNetwork, findStepInSession } from '../session/index.ts';
import { viewer } from '../trajectory/index.ts';

/**
 * Born in the room: a post-it (of a round or a dot vote) or a breakout group's answers become the
 * draft of a commitment in one step. The item's text is the title; a group's answers to its
 * first, second and third question fill the first step, the needs and the thresholds. Only what
 * the person could read anyway: the session is live (they are in the room), its report is shared,
 * or they design sessions.
 */
export interface CommitmentDraft {
	title: string;
	firstStep: string;
	needs: string;
	thresholds: string;
	sessionId: string;
	source: string;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** `source`: "postit:<stepId>:<postitId>" or "group:<stepId>:<groupId>". */
export async function draftFromSession(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string,
	source: string
): Promise<CommitmentDraft> {
	const v = await viewer(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	const readable =
		session.status === 'live' ||
		canDesignSessions(v.role) ||
		(await reportIsShared(ctx, sessionId));
	if (!readable) throw notFound();
	const [kind, stepId = '', itemId = ''] = source.split(':');
	const step = await findStepInSession(ctx, sessionId, stepId);
	const results = await stepResults(ctx, sessionId, step);
	const base = { firstStep: '', needs: '', thresholds: '', sessionId, source };
	if (kind === 'postit') {
		const text =
			results.kind === 'postits'
				? results.clusters.flatMap((c) => c.items).find((i) => i.id === itemId)?.text
				: results.kind === 'tally'
					? results.rows.find((r) => r.id === itemId)?.text
					: undefined;
		if (text === undefined) throw notFound();
		return { ...base, title: clip(text, 200) };
	}
	if (kind === 'group' && results.kind === 'answers') {
		const group = results.groups.find((g) => g.id === itemId);
		if (!group) throw notFound();
		const answer = (i: number) =>
			clip(group.questions[i]?.answers.map((a) => a.text).join('\n') ?? '', 1000);
		return {
			...base,
			title: clip(group.title || step.title, 200),
			firstStep: answer(0),
			needs: answer(1),
			thresholds: answer(2)
		};
	}
	throw notFound();
}
