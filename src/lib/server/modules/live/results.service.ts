import type { Ctx } from '../../context.ts';
import { countVoters, tally } from './dot.service.ts';
import { ANSWER_KINDS, listAnswers, stepQuestions } from './answer.service.ts';
import { checkinResults } from './checkin.service.ts';
import { pollResults, qnaResults } from './qna.service.ts';
import { listGroups } from './group.service.ts';
import type { findStep } from './live.repository.ts';
import { isTallyShown } from './live.policy.ts';
import { listPostits } from './postit.service.ts';
import type { QuestionBlock, StepResults } from '#lib/live-results.ts';

export type { StepResults };

type Step = NonNullable<Awaited<ReturnType<typeof findStep>>>;

/**
 * What came in on a step, shaped for the screens: post-its by theme, the ranked tally, or the
 * answers per question (per group where there are groups). `viewer` narrows it for a phone:
 * a participant sees the tally only when it is public, and in groups only their own group's lines.
 */
export async function stepResults(
	ctx: Ctx,
	sessionId: string,
	step: Step,
	viewer: { participantId: string; groupId: string | null } | null = null
): Promise<StepResults> {
	if (step.kind === 'postit_round') {
		const items = await listPostits(ctx, sessionId, step.id);
		const clusters = new Map<string | null, { id: string; text: string; merged: string[] }[]>();
		for (const i of items) {
			const key = i.cluster ?? null;
			clusters.set(key, [
				...(clusters.get(key) ?? []),
				{ id: i.id, text: i.text, merged: i.merged }
			]);
		}
		const named = [...clusters.entries()]
			.filter(([k]) => k !== null)
			.sort(([a], [b]) => a!.localeCompare(b!));
		const loose = clusters.get(null);
		return {
			kind: 'postits',
			clusters: [...named, ...(loose ? ([[null, loose]] as const) : [])].map(([name, items]) => ({
				name,
				items
			})),
			total: items.length
		};
	}
	if (step.kind === 'dot_vote') {
		if (!step.sourceStepId) return { kind: 'none' };
		const hidden = !isTallyShown(step);
		const [rows, voters] = await Promise.all([
			tally(ctx, sessionId, step.id),
			countVoters(ctx, step.id)
		]);
		return {
			kind: 'tally',
			hidden,
			rows: rows.map((r) => ({ id: r.id, text: r.text, dots: hidden ? 0 : r.dots })),
			voters
		};
	}
	if (step.kind === 'commitment_checkin') return checkinResults(ctx, sessionId, step);
	if (step.kind === 'qna') return qnaResults(ctx, step);
	if (step.kind === 'poll') return pollResults(ctx, step);
	if (!ANSWER_KINDS.includes(step.kind)) return { kind: 'none' };
	const questions = stepQuestions(step);
	const [answers, groups] = await Promise.all([
		listAnswers(ctx, sessionId, step.id, viewer ? viewer.groupId : undefined),
		listGroups(ctx, sessionId, step.id)
	]);
	const block = (groupId: string | null): QuestionBlock[] =>
		questions.map((text, index) => ({
			index,
			text,
			answers: answers
				.filter((a) => a.questionIndex === index && a.groupId === groupId)
				.map((a) => ({
					id: a.id,
					text: a.text,
					mine: !!viewer && a.participantId === viewer.participantId
				}))
		}));
	const visibleGroups = viewer ? groups.filter((g) => g.id === viewer.groupId) : groups;
	// In an anonymous step a group's names beside its lines would name the writers (a group of
	// one names its only member): every screen and export gets the count alone.
	const anonymous = step.isAnonymous === 1;
	return {
		kind: 'answers',
		anonymous,
		questions: groups.length ? [] : block(null),
		groups: visibleGroups.map((g) => ({
			id: g.id,
			number: g.position + 1,
			title: g.title,
			members: anonymous ? [] : g.members,
			memberCount: g.members.length,
			questions: block(g.id)
		}))
	};
}
