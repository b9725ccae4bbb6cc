import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { onEvent, type DomainEvent } from '../../events.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep } from '../session/agenda.service.ts';
import { createSession, getSession } from '../session/session.service.ts';
import { addAnswer, deleteAnswer, setAnswerHidden } from './answer.service.ts';
import { castDot, takeBackDot } from './dot.service.ts';
import { chooseGroup, formGroups, listGroups, moveParticipant } from './group.service.ts';
import {
	closeLive,
	findParticipant,
	joinSession,
	openLive,
	setCurrentStep,
	setStepState,
	startStep
} from './live.service.ts';
import {
	clusterPostits,
	mergePostits,
	setCluster,
	setPostitHidden,
	startTimer,
	stopTimer
} from './moderation.service.ts';
import { addPostit, deletePostit, editPostit, listPostitsForModeration } from './postit.service.ts';

const keyed = (k: string) => (e: unknown) => e instanceof DomainError && e.key === k;
const cid = () => `c-${crypto.randomUUID()}`;

/**
 * Each use case tells its subscribers what changed, once, after its commit; a replay, a refusal
 * or a change to what already was tells them nothing.
 */
describe(`live use cases emit their events [${TEST_DB}]`, () => {
	let w: TestWorld;
	let events: DomainEvent[];
	let stop: () => void;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());
	beforeEach(() => {
		events = [];
		stop = onEvent((e) => events.push(e));
	});
	afterEach(() => stop());

	/** The events since the last call. */
	const took = () => events.splice(0);

	async function session() {
		const facilitator = await createPerson(w, 'Facilitator');
		const { id: networkId } = await createNetwork(w.ctx, facilitator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Events ${crypto.randomUUID()}`
		});
		const { id: sessionId } = await createSession(w.ctx, facilitator, networkId, { title: 'S' });
		const add = (kind: 'checkin' | 'postit_round' | 'dot_vote' | 'breakout') =>
			addStep(w.ctx, facilitator, networkId, sessionId, { kind }).then((s) => s.id);
		const checkin = await add('checkin');
		const round = await add('postit_round');
		const vote = await add('dot_vote');
		const breakout = await add('breakout');
		const state = (stepId: string, s: 'open' | 'closed' = 'open') =>
			setStepState(w.ctx, facilitator, networkId, sessionId, stepId, s);
		return { facilitator, networkId, sessionId, checkin, round, vote, breakout, state };
	}

	async function joined(s: Awaited<ReturnType<typeof session>>, code: string, name: string) {
		return findParticipant(
			w.ctx,
			(await joinSession(w.ctx, { code, displayName: name }, null)).token
		);
	}

	it('opening, joining, showing and opening steps, the timer and the end', async () => {
		const s = await session();
		const { joinCode } = await openLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		expect(took()).toEqual([{ name: 'LiveOpened', sessionId: s.sessionId, stepId: s.checkin }]);
		// Starting again changes nothing: the same code, no event.
		await openLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		expect(took()).toEqual([]);

		const p = await joined(s, joinCode, 'Ada');
		expect(took()).toEqual([
			{ name: 'ParticipantJoined', sessionId: s.sessionId, participantId: p.id }
		]);

		await setCurrentStep(w.ctx, s.facilitator, s.networkId, s.sessionId, s.round);
		await setCurrentStep(w.ctx, s.facilitator, s.networkId, s.sessionId, s.round);
		await s.state(s.round);
		await s.state(s.round);
		await s.state(s.round, 'closed');
		expect(took()).toEqual([
			{ name: 'StepShown', sessionId: s.sessionId, stepId: s.round },
			{ name: 'StepOpened', sessionId: s.sessionId, stepId: s.round },
			{ name: 'StepClosed', sessionId: s.sessionId, stepId: s.round }
		]);

		const { endsAt } = await startTimer(w.ctx, s.facilitator, s.networkId, s.sessionId, {
			minutes: '5'
		});
		await stopTimer(w.ctx, s.facilitator, s.networkId, s.sessionId);
		await stopTimer(w.ctx, s.facilitator, s.networkId, s.sessionId);
		expect(took()).toEqual([
			{ name: 'TimerSet', sessionId: s.sessionId, endsAt },
			{ name: 'TimerSet', sessionId: s.sessionId, endsAt: null }
		]);

		await closeLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		expect(took()).toEqual([{ name: 'SessionEnded', sessionId: s.sessionId }]);
	});

	it('post-its: added once per client id, changed only when something changed', async () => {
		const s = await session();
		const { joinCode } = await openLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		const p = await joined(s, joinCode, 'Ada');
		await s.state(s.round);
		took();

		const tap = cid();
		const a = await addPostit(w.ctx, p, s.round, { clientId: tap, text: 'Taal' });
		const again = await addPostit(w.ctx, p, s.round, { clientId: tap, text: 'Taal' });
		expect(again).toMatchObject({ id: a.id, duplicate: true });
		const b = await addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Eenvoudige taal' });
		await editPostit(w.ctx, p, s.round, a.id, 'Taal!');
		await editPostit(w.ctx, p, s.round, a.id, 'Taal!');
		const at = { sessionId: s.sessionId, stepId: s.round };
		expect(took()).toEqual([
			{ name: 'PostitAdded', ...at, postitId: a.id },
			{ name: 'PostitAdded', ...at, postitId: b.id },
			{ name: 'PostitChanged', ...at, postitId: a.id, change: 'edited' }
		]);

		const c = await addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Weg' });
		await deletePostit(w.ctx, p, s.round, c.id);
		// The round's maximum is reached: a refused post-it tells nobody anything.
		await addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Derde' });
		await expect(
			addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Vierde' })
		).rejects.toSatisfy(keyed('error_postit_limit'));
		took();

		const mod = [w.ctx, s.facilitator, s.networkId, s.sessionId] as const;
		await setPostitHidden(...mod, b.id, true);
		await setPostitHidden(...mod, b.id, true);
		await setPostitHidden(...mod, b.id, false);
		await setCluster(...mod, { postitId: a.id, cluster: 'Taal' });
		await setCluster(...mod, { postitId: a.id, cluster: 'Taal' });
		await mergePostits(...mod, { postitId: b.id, intoId: a.id });
		expect(took()).toEqual([
			{ name: 'PostitChanged', ...at, postitId: b.id, change: 'hidden' },
			{ name: 'PostitChanged', ...at, postitId: b.id, change: 'shown' },
			{ name: 'PostitChanged', ...at, postitId: a.id, change: 'clustered' },
			{ name: 'PostitChanged', ...at, postitId: b.id, change: 'merged' }
		]);
	});

	it('"start this step" opens it and shows it at once; a vote whose round is open changes nothing', async () => {
		const s = await session();
		await openLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		took();
		const run = [w.ctx, s.facilitator, s.networkId, s.sessionId] as const;
		await startStep(...run, s.round);
		expect(took()).toEqual([
			{ name: 'StepOpened', sessionId: s.sessionId, stepId: s.round },
			{ name: 'StepShown', sessionId: s.sessionId, stepId: s.round }
		]);
		// The round is still open: the vote cannot start, and the screens stay on the round.
		await expect(startStep(...run, s.vote)).rejects.toSatisfy(keyed('error_round_still_open'));
		expect(took()).toEqual([]);
		const { session: after } = await getSession(w.ctx, s.facilitator, s.networkId, s.sessionId);
		expect(after.currentStepId).toBe(s.round);
		// Started again after closing: it opens again, and is already on the screens.
		await s.state(s.round, 'closed');
		took();
		await startStep(...run, s.round);
		expect(took()).toEqual([{ name: 'StepOpened', sessionId: s.sessionId, stepId: s.round }]);
	});

	it('several post-its in one theme at once: all or none, and only what changed is told', async () => {
		const s = await session();
		const { joinCode } = await openLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		const p = await joined(s, joinCode, 'Ada');
		const q = await joined(s, joinCode, 'Bo');
		await s.state(s.round);
		const a = await addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Taalcafé' });
		const b = await addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Voorlezen' });
		const c = await addPostit(w.ctx, q, s.round, { clientId: cid(), text: 'Buddy' });
		const mod = [w.ctx, s.facilitator, s.networkId, s.sessionId] as const;
		await setCluster(...mod, { postitId: a.id, cluster: 'Taal' });
		took();
		const at = { sessionId: s.sessionId, stepId: s.round };
		expect(
			await clusterPostits(...mod, { postitIds: [a.id, b.id, b.id], cluster: 'Taal' })
		).toEqual({ count: 2, changed: 1 });
		expect(took()).toEqual([{ name: 'PostitChanged', ...at, postitId: b.id, change: 'clustered' }]);

		// One post-it of another session among them: nothing changes.
		const other = await session();
		const { joinCode: code2 } = await openLive(
			w.ctx,
			other.facilitator,
			other.networkId,
			other.sessionId
		);
		const r = await joined(other, code2, 'Cem');
		await other.state(other.round);
		const foreign = await addPostit(w.ctx, r, other.round, { clientId: cid(), text: 'Elders' });
		took();
		await expect(
			clusterPostits(...mod, { postitIds: [c.id, foreign.id], cluster: 'Ontmoeting' })
		).rejects.toBeInstanceOf(DomainError);
		await expect(
			clusterPostits(...mod, { postitIds: [], cluster: 'Ontmoeting' })
		).rejects.toThrow();
		expect(took()).toEqual([]);
		const themes = (await listPostitsForModeration(w.ctx, s.sessionId, s.round)).map((x) => [
			x.text,
			x.cluster
		]);
		expect(themes.sort()).toEqual([
			['Buddy', null],
			['Taalcafé', 'Taal'],
			['Voorlezen', 'Taal']
		]);
		// An empty name takes them out of their theme.
		await clusterPostits(...mod, { postitIds: [a.id, b.id], cluster: '' });
		expect(took()).toHaveLength(2);
	});

	it('dots: spent once per client id, after the commit; a refusal or a second take-back says nothing', async () => {
		const s = await session();
		const { joinCode } = await openLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		const writer = await joined(s, joinCode, 'Schrijver');
		await s.state(s.round);
		const x = await addPostit(w.ctx, writer, s.round, { clientId: cid(), text: 'X' });
		await s.state(s.round, 'closed');
		await s.state(s.vote);
		const voter = await joined(s, joinCode, 'Stemmer');
		took();

		// The subscriber reads the dot back through another connection: it is already committed.
		const seen: Promise<unknown>[] = [];
		const stopReading = onEvent((e) => {
			if (e.name === 'DotSpent')
				seen.push(
					w.ctx.db.selectFrom('dot').select('id').where('id', '=', e.dotId).executeTakeFirst()
				);
		});
		const tap = cid();
		const first = await castDot(w.ctx, voter, s.vote, { clientId: tap, postitId: x.id });
		const replays = await Promise.all(
			Array.from({ length: 3 }, () =>
				castDot(w.ctx, voter, s.vote, { clientId: tap, postitId: x.id })
			)
		);
		expect(replays.every((r) => r.duplicate && r.id === first.id)).toBe(true);
		for (let i = 0; i < 4; i++)
			await castDot(w.ctx, voter, s.vote, { clientId: cid(), postitId: x.id });
		await expect(
			castDot(w.ctx, voter, s.vote, { clientId: cid(), postitId: x.id })
		).rejects.toSatisfy(keyed('error_no_dots_left'));
		stopReading();
		const spent = took().map((e) => (e.name === 'DotSpent' ? e.dotId : e.name));
		expect(spent).toHaveLength(5);
		expect(spent[0]).toBe(first.id);
		expect((await Promise.all(seen)).map((row) => (row as { id: string } | undefined)?.id)).toEqual(
			spent
		);

		await takeBackDot(w.ctx, voter, s.vote, x.id, first.id);
		await takeBackDot(w.ctx, voter, s.vote, x.id, first.id);
		expect(took()).toEqual([
			{
				name: 'DotTakenBack',
				sessionId: s.sessionId,
				stepId: s.vote,
				postitId: x.id,
				dotId: first.id,
				participantId: voter.id
			}
		]);
	});

	it('answers and groups: added once, removed, hidden, groups formed and joined', async () => {
		const s = await session();
		const { joinCode } = await openLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		const p = await joined(s, joinCode, 'Ada');
		await s.state(s.checkin);
		took();
		const tap = cid();
		const a = await addAnswer(w.ctx, p, s.checkin, { clientId: tap, question: '0', text: 'Hoi' });
		await addAnswer(w.ctx, p, s.checkin, { clientId: tap, question: '0', text: 'Hoi' });
		const mod = [w.ctx, s.facilitator, s.networkId, s.sessionId] as const;
		await setAnswerHidden(...mod, a.id, true);
		await setAnswerHidden(...mod, a.id, true);
		await setAnswerHidden(...mod, a.id, false);
		await deleteAnswer(w.ctx, p, s.checkin, a.id);
		const at = { sessionId: s.sessionId, stepId: s.checkin };
		expect(took()).toEqual([
			{ name: 'AnswerAdded', ...at, answerId: a.id, groupId: null },
			{ name: 'AnswerHidden', ...at, answerId: a.id, hidden: true },
			{ name: 'AnswerHidden', ...at, answerId: a.id, hidden: false },
			{ name: 'AnswerRemoved', ...at, answerId: a.id }
		]);

		await s.state(s.breakout);
		took();
		await formGroups(...mod, s.breakout, { source: 'count', count: '2', mode: 'choose' });
		const [g1, g2] = await listGroups(w.ctx, s.sessionId, s.breakout);
		await chooseGroup(w.ctx, p, s.breakout, g1!.id);
		await chooseGroup(w.ctx, p, s.breakout, g1!.id);
		await moveParticipant(...mod, s.breakout, p.id, g2!.id);
		await moveParticipant(...mod, s.breakout, p.id, g2!.id);
		const on = { sessionId: s.sessionId, stepId: s.breakout };
		expect(took()).toEqual([
			{ name: 'GroupsFormed', ...on, groups: 2, assigned: 0 },
			{ name: 'GroupJoined', ...on, groupId: g1!.id },
			{ name: 'GroupJoined', ...on, groupId: g2!.id }
		]);
	});
});
