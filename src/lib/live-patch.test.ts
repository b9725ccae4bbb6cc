import { describe, expect, it } from 'vitest';
import {
	applyAnswerLines,
	applyPhonePatch,
	LiveVersion,
	newStepView,
	slimPhonePatch,
	type LiveMessage,
	type PhoneState
} from './live-patch.ts';

const phone: PhoneState = {
	stepId: 'vote',
	stepState: 'open',
	totals: { a: 1, b: 0 },
	participants: 3,
	timerEndsAt: null
};

describe('a phone applies what the stream brings', () => {
	it('takes the tally, the step state, the count and the timer in place', () => {
		expect(
			applyPhonePatch(phone, {
				totals: { stepId: 'vote', counts: { a: 2, b: 1 } },
				participants: 4,
				timerEndsAt: '2026-12-03T14:00:00Z'
			})
		).toEqual({
			...phone,
			totals: { a: 2, b: 1 },
			participants: 4,
			timerEndsAt: '2026-12-03T14:00:00Z'
		});
		expect(applyPhonePatch(phone, { step: { id: 'vote', state: 'closed' } })?.stepState).toBe(
			'closed'
		);
		// Another step's tally is not this phone's; a hidden tally shows none.
		expect(applyPhonePatch(phone, { totals: { stepId: 'other', counts: { a: 9 } } })).toEqual(
			phone
		);
		expect(applyPhonePatch(phone, { totals: null })?.totals).toBeNull();
	});

	it('loads again for another step or for what it cannot apply', () => {
		expect(applyPhonePatch(phone, { step: { id: 'next', state: 'pending' } })).toBeNull();
		expect(applyPhonePatch(phone, { reload: true })).toBeNull();
		// A vote that opens takes its post-its then: a phone without its list loads it.
		const waiting = { ...phone, totals: null, noVote: true };
		expect(applyPhonePatch(waiting, { totals: { stepId: 'vote', counts: { a: 0 } } })).toBeNull();
		expect(applyPhonePatch(waiting, { totals: null })).toBeNull();
		expect(applyPhonePatch(waiting, { participants: 4 })?.participants).toBe(4);
	});

	it("shows a step's screen when the patch brings it whole, and only then", () => {
		const view = { step: { id: 'next' }, postits: { mine: [], used: 0 } };
		const step = { id: 'next', state: 'open' };
		expect(newStepView({ step, view })).toBe(view);
		// A screen of another step than the patch's, no screen, or a reload: not shown.
		expect(newStepView({ step: { id: 'other', state: 'open' }, view })).toBeNull();
		expect(newStepView({ step })).toBeNull();
		expect(newStepView({ step, view, reload: true })).toBeNull();
	});
});

describe("an answer step's lines", () => {
	const q = (index: number, answers: { id: string; text: string; mine: boolean }[]) => ({
		index,
		text: `vraag ${index}`,
		answers
	});
	it("replace the phone's lines, keeping which are its own", () => {
		const answers = {
			questions: [q(0, [{ id: 'a1', text: 'mijn regel', mine: true }]), q(1, [])],
			groups: []
		};
		const next = applyAnswerLines(answers, {
			stepId: 's',
			groupId: null,
			questions: [
				{
					index: 0,
					answers: [
						{ id: 'a1', text: 'mijn regel' },
						{ id: 'a2', text: 'van een ander' }
					]
				},
				{ index: 1, answers: [] }
			]
		});
		expect(next.questions[0]!.answers).toEqual([
			{ id: 'a1', text: 'mijn regel', mine: true },
			{ id: 'a2', text: 'van een ander', mine: false }
		]);
		expect(next.questions[0]!.text).toBe('vraag 0');
	});
	it("take a group's lines only into that group", () => {
		const answers = { questions: [], groups: [{ id: 'g1', questions: [q(0, [])] }] };
		const lines = { stepId: 's', questions: [{ index: 0, answers: [{ id: 'x', text: 'x' }] }] };
		expect(
			applyAnswerLines(answers, { ...lines, groupId: 'g1' }).groups[0]!.questions[0]!.answers
		).toHaveLength(1);
		expect(applyAnswerLines(answers, { ...lines, groupId: 'g2' })).toEqual(answers);
		expect(applyAnswerLines(answers, { ...lines, groupId: null })).toEqual(answers);
	});
	it('come to the state of the step the phone shows only', () => {
		const lines = { stepId: 'vote', groupId: null, questions: [] };
		expect(applyPhonePatch(phone, { answers: lines })?.lines).toBe(lines);
		expect(applyPhonePatch(phone, { answers: { ...lines, stepId: 'x' } })?.lines).toBeUndefined();
	});
});

describe('a tally on the stream carries what changed', () => {
	it('sends only the changed counts after a whole tally of the same vote, and phones merge them', () => {
		const before = { stepId: 'vote', counts: { a: 1, b: 0, c: 4 } };
		const slim = slimPhonePatch(before, {
			totals: { stepId: 'vote', counts: { a: 2, b: 0, c: 4 } }
		});
		expect(slim).toEqual({ totals: { stepId: 'vote', counts: { a: 2 }, partial: true } });
		const held = { ...phone, totals: before.counts };
		expect(applyPhonePatch(held, slim)?.totals).toEqual({ a: 2, b: 0, c: 4 });
		// A phone without a tally to merge into loads once.
		expect(applyPhonePatch({ ...phone, totals: null }, slim)).toBeNull();
	});

	it('sends the whole tally for another vote, the first time, or when a post-it left the list', () => {
		const whole = { totals: { stepId: 'vote', counts: { a: 2 } } };
		expect(slimPhonePatch(undefined, whole)).toBe(whole);
		expect(slimPhonePatch({ stepId: 'other', counts: { a: 1 } }, whole)).toBe(whole);
		expect(slimPhonePatch({ stepId: 'vote', counts: { a: 1, b: 3 } }, whole)).toBe(whole);
		expect(slimPhonePatch(null, whole)).toBe(whole);
	});
});

describe('versions', () => {
	const message = (v: number, prev: number, n = v): LiveMessage<number> => ({
		v,
		prev,
		topics: ['dots'],
		patch: n
	});
	function screen(start: number, loadTo: () => number) {
		const applied: number[] = [];
		let release: () => void = () => {};
		const live = new LiveVersion<number>(
			start,
			(n) => (applied.push(n), true),
			() => new Promise<number>((r) => (release = () => r(loadTo())))
		);
		return { live, applied, release: () => release() };
	}

	it('applies each message on top of the one before, once', () => {
		const s = screen(10, () => 0);
		s.live.receive(message(11, 10));
		s.live.receive(message(12, 11));
		s.live.receive(message(12, 11));
		expect(s.applied).toEqual([11, 12]);
		expect(s.live.version).toBe(12);
		expect(s.live.loads).toBe(0);
	});

	it('a gap loads once; what arrives meanwhile waits, and what the load covers is dropped', async () => {
		const s = screen(10, () => 14);
		s.live.receive(message(13, 12));
		s.live.receive(message(14, 13));
		s.live.receive(message(15, 14));
		expect(s.live.loads).toBe(1);
		s.release();
		await Promise.resolve();
		await Promise.resolve();
		expect(s.live.loads).toBe(1);
		expect(s.applied).toEqual([15]);
		expect(s.live.version).toBe(15);
	});

	it('data the page loaded by itself moves it on: what that data holds is neither applied nor a gap', () => {
		const s = screen(10, () => 0);
		s.live.receive(message(11, 10));
		// The facilitator's own action loaded the page at version 13 (12 and 13 are in it).
		s.live.advance(13);
		s.live.advance(12);
		s.live.receive(message(12, 11));
		s.live.receive(message(13, 12));
		s.live.receive(message(14, 13));
		expect(s.applied).toEqual([11, 14]);
		expect(s.live.loads).toBe(0);
		expect(s.live.version).toBe(14);
	});

	it('a load that brings data older than the message that asked for it loads once more', async () => {
		const versions = [11, 13];
		const s = screen(10, () => versions.shift() ?? 99);
		s.live.receive(message(12, 11));
		s.release();
		for (let i = 0; i < 3; i++) await Promise.resolve();
		expect(s.live.loads).toBe(2);
		s.release();
		for (let i = 0; i < 3; i++) await Promise.resolve();
		expect(s.live.version).toBe(13);
		expect(s.live.loads).toBe(2);
		s.live.receive(message(14, 13));
		expect(s.applied).toEqual([14]);
	});

	it('a snapshot order loads once', async () => {
		const s = screen(10, () => 20);
		s.live.receive({ v: 20, prev: 20, topics: ['step'], snapshot: true });
		expect(s.live.loads).toBe(1);
		s.release();
		await Promise.resolve();
		await Promise.resolve();
		expect(s.live.version).toBe(20);
		s.live.receive(message(21, 20));
		expect(s.applied).toEqual([21]);
	});
});
