import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep, updateStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { castDot, dotFacts, takeBackDot } from './dot.service.ts';
import {
	findParticipant,
	joinSession,
	openLive,
	setCurrentStep,
	setStepState
} from './live.service.ts';
import { startTimer } from './moderation.service.ts';
import { livePatches } from './patch.service.ts';
import { addPostit } from './postit.service.ts';
import { phoneScreen } from './phone.service.ts';
import { addAnswer } from './answer.service.ts';
import { CHECKIN_KIND } from './checkin.service.ts';
import { formGroups, listGroups } from './group.service.ts';

const cid = () => `c-${crypto.randomUUID()}`;

/**
 * What each audience receives when the room changes: the phones what their own page would show
 * and no more (no name, no author, no hidden tally), the screens of those who run the session
 * the tally with its texts and who is in; whatever a phone cannot be sent whole makes it load.
 */
describe(`live patches per audience [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function room() {
		const facilitator = await createPerson(w, 'Facilitator');
		const { id: networkId } = await createNetwork(w.ctx, facilitator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Patches ${crypto.randomUUID()}`
		});
		const { id: sessionId } = await createSession(w.ctx, facilitator, networkId, { title: 'S' });
		const round = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'postit_round' });
		await updateStep(w.ctx, facilitator, networkId, sessionId, round.id, {
			title: 'Anoniem',
			maxPerPerson: '3',
			maxLength: '280',
			isAnonymous: 'yes'
		});
		const vote = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'dot_vote' });
		const { joinCode } = await openLive(w.ctx, facilitator, networkId, sessionId);
		const join = async (name: string) =>
			findParticipant(
				w.ctx,
				(await joinSession(w.ctx, { code: joinCode, displayName: name }, null)).token
			);
		const state = (stepId: string, s: 'open' | 'closed') =>
			setStepState(w.ctx, facilitator, networkId, sessionId, stepId, s);
		const show = (stepId: string) =>
			setCurrentStep(w.ctx, facilitator, networkId, sessionId, stepId);
		const ada = await join('Ada Verborgen');
		const bo = await join('Bo Geheim');
		await show(round.id);
		await state(round.id, 'open');
		const a = await addPostit(w.ctx, ada, round.id, { clientId: cid(), text: 'Taal als drempel' });
		const b = await addPostit(w.ctx, bo, round.id, { clientId: cid(), text: 'Wachtlijsten' });
		await state(round.id, 'closed');
		await show(vote.id);
		await state(vote.id, 'open');
		return { facilitator, networkId, sessionId, round: round.id, vote: vote.id, ada, bo, a, b };
	}

	/** A step of answers added to the room, shown on the screens and opened. */
	async function answerStep(
		r: Awaited<ReturnType<typeof room>>,
		kind: 'exercise' | 'breakout',
		title: string,
		questions: string
	) {
		const step = await addStep(w.ctx, r.facilitator, r.networkId, r.sessionId, { kind });
		await updateStep(w.ctx, r.facilitator, r.networkId, r.sessionId, step.id, { title, questions });
		await setCurrentStep(w.ctx, r.facilitator, r.networkId, r.sessionId, step.id);
		await setStepState(w.ctx, r.facilitator, r.networkId, r.sessionId, step.id, 'open');
		return step;
	}

	it('a dot brings the tally: to phones as counts only, to the screens with texts and voters', async () => {
		const r = await room();
		await castDot(w.ctx, r.ada, r.vote, { clientId: cid(), postitId: r.a.id });
		await castDot(w.ctx, r.bo, r.vote, { clientId: cid(), postitId: r.a.id });
		await castDot(w.ctx, r.bo, r.vote, { clientId: cid(), postitId: r.b.id });
		const { phone, screen } = await livePatches(w.ctx, r.sessionId, ['dots']);
		expect(phone).toEqual({ totals: { stepId: r.vote, counts: { [r.a.id]: 2, [r.b.id]: 1 } } });
		const text = JSON.stringify(phone);
		for (const secret of ['Ada', 'Bo', r.ada.id, r.bo.id, 'Taal als drempel', 'Wachtlijsten'])
			expect(text).not.toContain(secret);
		expect(screen.results).toEqual({
			stepId: r.vote,
			results: {
				kind: 'tally',
				hidden: false,
				voters: 2,
				rows: [
					{ id: r.a.id, text: 'Taal als drempel', dots: 2 },
					{ id: r.b.id, text: 'Wachtlijsten', dots: 1 }
				]
			}
		});
		// Neither audience learns who voted, nor who wrote a post-it of the anonymous round.
		expect(JSON.stringify(screen)).not.toContain(r.ada.id);
		expect(phone.reload).toBeUndefined();
		expect(screen.reload).toBeUndefined();
	});

	it('a hidden tally stays hidden from phones and screens until the vote closes', async () => {
		const r = await room();
		await w.ctx.db
			.updateTable('agendaStep')
			.set({ tally: 'hidden' })
			.where('id', '=', r.vote)
			.execute();
		await castDot(w.ctx, r.ada, r.vote, { clientId: cid(), postitId: r.b.id });
		const open = await livePatches(w.ctx, r.sessionId, ['dots']);
		expect(open.phone).toEqual({ totals: null });
		expect(open.screen.results?.results).toMatchObject({ kind: 'tally', hidden: true });
		const rows = (open.screen.results?.results as { rows: { dots: number }[] }).rows;
		expect(rows.map((x) => x.dots)).toEqual([0, 0]);
		await setStepState(w.ctx, r.facilitator, r.networkId, r.sessionId, r.vote, 'closed');
		const closed = await livePatches(w.ctx, r.sessionId, ['step']);
		expect(closed.phone).toEqual({
			step: { id: r.vote, state: 'closed' },
			totals: { stepId: r.vote, counts: { [r.a.id]: 0, [r.b.id]: 1 } }
		});
	});

	it('who is in: a count, never a name', async () => {
		const r = await room();
		const { phone, screen } = await livePatches(w.ctx, r.sessionId, ['participants']);
		expect(phone).toEqual({ participants: 2 });
		expect(screen).toEqual({ participants: 2 });
	});

	it('the timer and the step go to both; what a phone cannot be sent whole makes it load', async () => {
		const r = await room();
		const { endsAt } = await startTimer(w.ctx, r.facilitator, r.networkId, r.sessionId, {
			minutes: '3'
		});
		const timer = await livePatches(w.ctx, r.sessionId, ['timer']);
		expect(timer.phone).toEqual({ timerEndsAt: endsAt });
		expect(timer.screen).toEqual({ timerEndsAt: endsAt });
		// A post-it hidden during the vote changes what phones vote on: they load again.
		expect((await livePatches(w.ctx, r.sessionId, ['postits'])).phone.reload).toBe(true);
		for (const topic of ['groups', 'checkins', 'ended', 'resync']) {
			const p = await livePatches(w.ctx, r.sessionId, [topic]);
			expect(p.phone.reload, topic).toBe(true);
			expect(p.screen.reload, topic).toBe(true);
		}
		// An answer on another step than the vote the phones show: nothing for them.
		const aside = await livePatches(w.ctx, r.sessionId, ['answers']);
		expect(aside.phone).toEqual({});
		expect(aside.screen.reload).toBe(true);
		// In a post-it round, phones show only their own post-its: another's changes nothing there.
		await setCurrentStep(w.ctx, r.facilitator, r.networkId, r.sessionId, r.round);
		const round = await livePatches(w.ctx, r.sessionId, ['postits']);
		expect(round.phone).toEqual({});
		expect(round.screen.reload).toBe(true);
	});

	it('a new step nobody has done anything in reaches the phones whole, as their own load shows it', async () => {
		const r = await room();
		// The vote is shown and open, nobody has voted: every phone's screen of it is the same.
		const fresh = await livePatches(w.ctx, r.sessionId, ['step']);
		expect(fresh.phone.step).toEqual({ id: r.vote, state: 'open' });
		expect(fresh.phone.view).toEqual(await phoneScreen(w.ctx, r.ada, new Map()));
		expect(fresh.phone.view).toEqual(await phoneScreen(w.ctx, r.bo, new Map()));
		expect(fresh.screen).not.toHaveProperty('view');
		const text = JSON.stringify(fresh.phone);
		for (const secret of ['Ada', 'Bo', r.ada.id, r.bo.id]) expect(text).not.toContain(secret);
		// Once someone has voted, each phone's screen is its own: the phones load it.
		await castDot(w.ctx, r.ada, r.vote, { clientId: cid(), postitId: r.a.id });
		expect((await livePatches(w.ctx, r.sessionId, ['step'])).phone).not.toHaveProperty('view');
		// A round with post-its in it: the same.
		await setCurrentStep(w.ctx, r.facilitator, r.networkId, r.sessionId, r.round);
		expect((await livePatches(w.ctx, r.sessionId, ['step'])).phone).not.toHaveProperty('view');
		// A new exercise: whole until the first answer.
		const exercise = await answerStep(r, 'exercise', 'Wat bleef je bij?', 'Racisme\nStereotypen');
		const asked = await livePatches(w.ctx, r.sessionId, ['step']);
		expect(asked.phone.view).toEqual(await phoneScreen(w.ctx, r.bo, new Map()));
		await addAnswer(w.ctx, r.bo, exercise.id, { clientId: cid(), question: '0', text: 'Veel' });
		expect((await livePatches(w.ctx, r.sessionId, ['step'])).phone).not.toHaveProperty('view');
		// A check-back lists each person's own commitments: never the same for all.
		const back = await addStep(w.ctx, r.facilitator, r.networkId, r.sessionId, {
			kind: CHECKIN_KIND
		});
		await setCurrentStep(w.ctx, r.facilitator, r.networkId, r.sessionId, back.id);
		expect((await livePatches(w.ctx, r.sessionId, ['step'])).phone).not.toHaveProperty('view');
	});

	it("an answer step's lines: everyone's without groups, each group's to its members only", async () => {
		const r = await room();
		const exercise = await answerStep(r, 'exercise', 'Wat bleef je bij?', 'Racisme\nStereotypen');
		const line = await addAnswer(w.ctx, r.ada, exercise.id, {
			clientId: cid(),
			question: '1',
			text: 'Ze zitten diep'
		});
		const plain = await livePatches(w.ctx, r.sessionId, ['answers']);
		expect(plain.phone.answers).toEqual({
			stepId: exercise.id,
			groupId: null,
			questions: [
				{ index: 0, answers: [] },
				{ index: 1, answers: [{ id: line.id, text: 'Ze zitten diep' }] }
			]
		});
		expect(plain.phone.reload).toBeUndefined();
		expect(plain.screen.reload).toBeUndefined();
		expect(plain.screen.results?.results).toMatchObject({ kind: 'answers' });
		for (const secret of ['Ada', r.ada.id])
			expect(JSON.stringify(plain.phone)).not.toContain(secret);

		// A breakout in two groups: Ada in one, Bo in the other.
		const breakout = await answerStep(r, 'breakout', 'In groepen', 'Wat doe je morgen?');
		await formGroups(w.ctx, r.facilitator, r.networkId, r.sessionId, breakout.id, {
			source: 'count',
			count: '2',
			mode: 'assign'
		});
		const [g1, g2] = await listGroups(w.ctx, r.sessionId, breakout.id);
		const formed = await livePatches(w.ctx, r.sessionId, ['groups']);
		expect(formed.phone.reload).toBe(true);
		expect(formed.groups?.of).toEqual({ [r.ada.id]: g1!.id, [r.bo.id]: g2!.id });
		const mine = await addAnswer(w.ctx, r.ada, breakout.id, {
			clientId: cid(),
			question: '0',
			text: 'Een taalmaatje zoeken'
		});
		const grouped = await livePatches(w.ctx, r.sessionId, ['answers']);
		expect(grouped.phone.answers).toBeUndefined();
		expect(grouped.groups?.lines).toEqual({
			[g1!.id]: {
				stepId: breakout.id,
				groupId: g1!.id,
				questions: [{ index: 0, answers: [{ id: mine.id, text: 'Een taalmaatje zoeken' }] }]
			},
			[g2!.id]: { stepId: breakout.id, groupId: g2!.id, questions: [{ index: 0, answers: [] }] }
		});
		expect(JSON.stringify(grouped.groups?.lines)).not.toContain('Ada');
	});

	it("the tapping phone's own dots come back in the answer to its tap", async () => {
		const r = await room();
		const first = await castDot(w.ctx, r.ada, r.vote, { clientId: cid(), postitId: r.a.id });
		const second = await castDot(w.ctx, r.ada, r.vote, { clientId: cid(), postitId: r.a.id });
		await castDot(w.ctx, r.bo, r.vote, { clientId: cid(), postitId: r.b.id });
		expect(await dotFacts(w.ctx, r.ada, r.vote)).toEqual({
			kind: 'dots',
			stepId: r.vote,
			spent: 2,
			items: { [r.a.id]: { mine: 2, lastDotId: second.id } }
		});
		await takeBackDot(w.ctx, r.ada, r.vote, r.a.id, second.id);
		expect((await dotFacts(w.ctx, r.ada, r.vote)).items).toEqual({
			[r.a.id]: { mine: 1, lastDotId: first.id }
		});
	});
});
