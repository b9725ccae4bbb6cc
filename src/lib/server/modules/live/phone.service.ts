import type { Ctx } from '../../context.ts';
import { ANSWER_KINDS } from './answer.service.ts';
import { CHECKIN_KIND, checkinPhone } from './checkin.service.ts';
import { ownDots, tally } from './dot.service.ts';
import { GROUP_KINDS, groupOf, listGroups } from './group.service.ts';
import { isTallyShown } from './live.policy.ts';
import { findPhoneSession, stepHasContributions } from './live.repository.ts';
import type { Participant } from './live.service.ts';
import { listPostits, ownPostits } from './postit.service.ts';
import {
	ownPollChoice,
	ownQna,
	pollResults,
	POLL_KIND,
	QNA_KIND,
	qnaResults
} from './qna.service.ts';
import { stepResults } from './results.service.ts';
import { findNetwork } from '../network/index.ts';

/**
 * The network's house rules, one tap away on the phone: joining the room means accepting them.
 * Only the network's name and its rules, which anyone invited may read before joining.
 */
export async function roomRules(ctx: Ctx, p: Participant) {
	const { session } = await findPhoneSession(ctx.db, p.sessionId);
	const network = await findNetwork(ctx.db, session.networkId);
	return { name: network?.name ?? '', houseRules: network?.houseRules ?? '' };
}

/** What a participant's phone shows: the session, the current step, and what they may do there. */
export async function participantView(ctx: Ctx, p: Participant) {
	return findPhoneSession(ctx.db, p.sessionId);
}

/**
 * The participant's phone: only the current step, and what they can do in it. `editSecrets` are
 * the secrets of this browser's anonymous post-its: in an anonymous round nothing links a post-it
 * to its writer in the database, the browser recognises its own by them.
 */
export async function phoneScreen(ctx: Ctx, p: Participant, editSecrets: Map<string, string>) {
	const { session, step } = await participantView(ctx, p);
	const base = {
		session: { id: session.id, title: session.title, timerEndsAt: session.timerEndsAt },
		answers: null,
		choose: null,
		checkin: null,
		qna: null,
		poll: null
	};
	if (!step) return { ...base, step: null, postits: null, vote: null };
	const view = {
		id: step.id,
		kind: step.kind,
		title: step.title,
		prompt: step.prompt,
		questions: step.questions,
		state: step.state,
		maxPerPerson: step.maxPerPerson ?? 3,
		maxLength: step.maxLength ?? (step.kind === 'postit_round' ? 280 : 1000),
		isAnonymous: step.isAnonymous === 1
	};
	if (step.kind === CHECKIN_KIND) {
		const checkin = await checkinPhone(ctx, p, step.id);
		return { ...base, step: { ...view, maxLength: 280 }, postits: null, vote: null, checkin };
	}
	if (step.kind === QNA_KIND) {
		const [results, own] = await Promise.all([qnaResults(ctx, step), ownQna(ctx, p, step.id)]);
		const qna = { results, ...own };
		return {
			...base,
			step: { ...view, maxLength: step.maxLength ?? 280 },
			postits: null,
			vote: null,
			qna
		};
	}
	if (step.kind === POLL_KIND) {
		const [results, choice] = await Promise.all([
			pollResults(ctx, step),
			ownPollChoice(ctx, p, step.id)
		]);
		return { ...base, step: view, postits: null, vote: null, poll: { results, choice } };
	}
	if (step.kind === 'postit_round') {
		const postits = await ownPostits(ctx, p, step, editSecrets);
		return { ...base, step: view, postits, vote: null };
	}
	if (step.kind === 'dot_vote' && step.sourceStepId) {
		const [items, myDots] = await Promise.all([
			listPostits(ctx, session.id, step.sourceStepId),
			ownDots(ctx, p, step.id)
		]);
		const showTally = isTallyShown(step);
		const counts = showTally
			? new Map((await tally(ctx, session.id, step.id)).map((r) => [r.id, r.dots]))
			: null;
		return {
			...base,
			step: view,
			postits: null,
			vote: {
				budget: step.dots ?? 5,
				spent: myDots.length,
				items: items.map((i) => ({
					id: i.id,
					text: i.text,
					mine: myDots.filter((d) => d.postitId === i.id).length,
					lastDotId: myDots.find((d) => d.postitId === i.id)?.id ?? null,
					total: counts ? (counts.get(i.id) ?? 0) : null
				}))
			}
		};
	}
	if (ANSWER_KINDS.includes(step.kind)) {
		const groupId = await groupOf(ctx, step.id, p.id);
		const results = await stepResults(ctx, session.id, step, { participantId: p.id, groupId });
		// In a step with groups, someone without a group first picks one.
		const groups = GROUP_KINDS.includes(step.kind)
			? await listGroups(ctx, session.id, step.id)
			: [];
		const choose =
			groups.length && (!groupId || step.groupMode === 'choose')
				? groups.map((g) => ({
						id: g.id,
						number: g.position + 1,
						title: g.title,
						members: g.members.length,
						mine: g.id === groupId
					}))
				: null;
		return {
			...base,
			step: view,
			postits: null,
			vote: null,
			answers:
				results.kind === 'answers'
					? { ...results, needsGroup: !groupId && (step.kind === 'breakout' || groups.length > 0) }
					: null,
			choose
		};
	}
	return { ...base, step: view, postits: null, vote: null };
}

/** Someone who has done nothing: no participant row has this id. */
const NOBODY = '00000000-0000-4000-8000-000000000000';

export type PhoneScreen = Awaited<ReturnType<typeof phoneScreen>>;

/**
 * The phone screen of the current step while nobody has done anything in it: then it is the
 * same for every phone, so a new step travels in the stream's patch and thousands of phones do
 * not load their page at once. Null once someone has (their own post-its, dots, answers or
 * group make their screen their own), for a check-back (it lists each person's own
 * commitments), and without a current step: then each phone loads its own.
 */
export async function freshStepScreen(ctx: Ctx, sessionId: string): Promise<PhoneScreen | null> {
	const { step } = await findPhoneSession(ctx.db, sessionId);
	if (!step || step.kind === CHECKIN_KIND) return null;
	if (await stepHasContributions(ctx.db, step.id)) return null;
	const nobody: Participant = {
		id: NOBODY,
		sessionId,
		displayName: '',
		status: 'live',
		slotSeed: Buffer.alloc(32)
	};
	return phoneScreen(ctx, nobody, new Map());
}
