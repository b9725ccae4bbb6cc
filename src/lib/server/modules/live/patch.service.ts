import type { AnswerLines, Audience, Patches, PhonePatch, ScreenPatch } from '#lib/live-patch.ts';
import type { Ctx } from '../../context.ts';
import * as repo from './live.repository.ts';
import { ANSWER_KINDS } from './answer.service.ts';
import { tally } from './dot.service.ts';
import { listGroups } from './group.service.ts';
import { isTallyShown } from './live.policy.ts';
import { freshStepScreen } from './phone.service.ts';
import { stepResults } from './results.service.ts';

/**
 * The state a live change brings to each audience, built once per change, however many screens
 * there are. Each audience gets what its own page load would show, and no more:
 * - phones (`PhonePatch`): the current step's state, the screen of a new step while nobody has
 *   done anything in it (what any phone's load of it shows), the tally while it is shown (no
 *   text, no voter; hidden until the vote closes when the facilitator said so), the number of
 *   people in the room, the timer, and the lines of an answer step: everyone's without groups,
 *   in groups each group's to its own members only (`groups`). Never a name, never an author:
 *   what a phone cannot be sent whole (groups formed or chosen, check-backs, the end of the
 *   session) makes it load again through its own permission-checked page.
 * - screens (`ScreenPatch`, the console and the projector, for those who run the session): the
 *   tally with its texts and voters, an answer step's results, how many are in, the timer; the
 *   rest loads again (there are a few of these screens, not thousands; the console loads to
 *   list a newcomer's name).
 */
export async function livePatches(
	ctx: Ctx,
	sessionId: string,
	topics: readonly string[],
	/** The audiences with an open stream here: nobody else's patch is built (a screen that
	 * replays it later finds "load again" instead). */
	audiences: ReadonlySet<Audience> = new Set(['phone', 'screen'])
): Promise<Patches> {
	const has = (t: string) => topics.includes(t);
	const { session, step } = await repo.findPhoneSession(ctx.db, sessionId);
	const phone: PhonePatch = {};
	const screen: ScreenPatch = {};
	const current = { id: step?.id ?? null, state: step?.state ?? null };
	if (has('step')) {
		phone.step = current;
		screen.step = current;
		// A new step nobody has done anything in yet reaches the phones whole (the hub leaves it
		// out when the phones' chain already carried this step).
		if (audiences.has('phone')) {
			const view = await freshStepScreen(ctx, sessionId);
			if (view) phone.view = view;
		}
	}
	const isVote = step?.kind === 'dot_vote' && !!step.sourceStepId;
	const isAnswers = !!step && ANSWER_KINDS.includes(step.kind);
	// A post-it hidden or merged during a vote changes the list the phones vote on.
	// `resync`: an instance restarted and may have missed announcing a change.
	const loadAgain = ['ended', 'groups', 'checkins', 'resync'].some(has);
	if (loadAgain || (has('postits') && isVote)) phone.reload = true;
	if (loadAgain || has('postits') || (has('answers') && !isAnswers)) screen.reload = true;
	let groups: Patches['groups'];
	if (step && isAnswers && (has('answers') || has('groups') || has('step'))) {
		// The lines of the step: a phone sees its own group's, or everyone's without groups.
		const results = await stepResults(ctx, sessionId, step);
		if (results.kind === 'answers') {
			const linesOf = (
				groupId: string | null,
				questions: typeof results.questions
			): AnswerLines => ({
				stepId: step.id,
				groupId,
				questions: questions.map((q) => ({
					index: q.index,
					answers: q.answers.map((a) => ({ id: a.id, text: a.text }))
				}))
			});
			if (has('answers') && audiences.has('screen')) screen.results = { stepId: step.id, results };
			if (!results.groups.length) {
				if (has('answers')) phone.answers = linesOf(null, results.questions);
				groups = { of: {}, lines: {} };
			} else {
				// Who is in which group stays on the server: it picks each phone's lines.
				const of: Record<string, string> = {};
				for (const g of await listGroups(ctx, sessionId, step.id))
					for (const member of g.members) of[member.id] = g.id;
				groups = {
					of,
					lines: has('answers')
						? Object.fromEntries(results.groups.map((g) => [g.id, linesOf(g.id, g.questions)]))
						: {}
				};
			}
		}
	}
	if (step && isVote && (has('dots') || has('step'))) {
		const countsOf = (rows: { id: string; dots: number }[]) =>
			Object.fromEntries(rows.map((r) => [r.id, r.dots]));
		if (audiences.has('screen')) {
			const results = await stepResults(ctx, sessionId, step);
			screen.results = { stepId: step.id, results };
			if (results.kind === 'tally')
				phone.totals = results.hidden ? null : { stepId: step.id, counts: countsOf(results.rows) };
		} else
			phone.totals = isTallyShown(step)
				? { stepId: step.id, counts: countsOf(await tally(ctx, sessionId, step.id)) }
				: null;
	}
	const isQnaOrPoll = step?.kind === 'qna' || step?.kind === 'poll';
	if (step && isQnaOrPoll && (has('qna') || has('poll') || has('step'))) {
		// The questions and their upvotes, or the poll's counts: the same for every phone and
		// screen (no author, no voter, nothing hidden); each phone knows its own from its page.
		const results = await stepResults(ctx, sessionId, step);
		phone.results = { stepId: step.id, results };
		screen.results = { stepId: step.id, results };
	}
	if (has('participants')) {
		// A count, never the names: with 5,000 joins a list in every message would be megabytes.
		const count = await repo.countParticipants(ctx.db, sessionId);
		phone.participants = count;
		screen.participants = count;
	}
	if (has('timer')) {
		phone.timerEndsAt = session.timerEndsAt;
		screen.timerEndsAt = session.timerEndsAt;
	}
	return {
		phone: audiences.has('phone') ? phone : { reload: true },
		screen: audiences.has('screen') ? screen : { reload: true },
		...(groups && audiences.has('phone') ? { groups } : {})
	};
}
