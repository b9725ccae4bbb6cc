import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep, updateStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { castDot, takeBackDot, tally } from './dot.service.ts';
import { addAnswer, deleteAnswer, listAnswers } from './answer.service.ts';
import {
	chooseGroup,
	formGroups,
	groupFormState,
	listGroups,
	moveParticipant,
	renameGroup
} from './group.service.ts';
import {
	closeLive,
	findParticipant,
	joinSession,
	openLive,
	setCurrentStep,
	setStepState
} from './live.service.ts';
import {
	listParticipants,
	mergePostits,
	setCluster,
	setPostitHidden,
	startTimer,
	stopTimer
} from './moderation.service.ts';
import { addPostit, deletePostit, listPostits } from './postit.service.ts';
import { stepResults } from './results.service.ts';

const keyed = (k: string) => (e: unknown) => e instanceof DomainError && e.key === k;
const cid = () => `c-${crypto.randomUUID()}`;

describe(`live moderation, answers and breakout groups [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function session() {
		const facilitator = await createPerson(w, 'Facilitator');
		const { id: networkId } = await createNetwork(w.ctx, facilitator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Groups ${crypto.randomUUID()}`
		});
		const { id: sessionId } = await createSession(w.ctx, facilitator, networkId, { title: 'S' });
		const checkin = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'checkin' });
		const round = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'postit_round' });
		const vote = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'dot_vote' });
		const breakout = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'breakout' });
		const { joinCode } = await openLive(w.ctx, facilitator, networkId, sessionId);
		const open = (stepId: string, state: 'open' | 'closed' = 'open') =>
			setStepState(w.ctx, facilitator, networkId, sessionId, stepId, state);
		const join = async (name: string) =>
			findParticipant(
				w.ctx,
				(await joinSession(w.ctx, { code: joinCode, displayName: name }, null)).token
			);
		return {
			facilitator,
			networkId,
			sessionId,
			checkin: checkin.id,
			round: round.id,
			vote: vote.id,
			breakout: breakout.id,
			open,
			join
		};
	}

	it('a recap collects its answers per word of the last session, anonymously when asked', async () => {
		const s = await session();
		const recap = await addStep(w.ctx, s.facilitator, s.networkId, s.sessionId, { kind: 'recap' });
		await updateStep(w.ctx, s.facilitator, s.networkId, s.sessionId, recap.id, {
			title: 'Terugblik',
			minutes: '10',
			prompt: 'Wat is je bijgebleven?',
			questions: 'racisme\ndekolonisering\nstereotypen\nvooroordelen',
			isAnonymous: 'yes'
		});
		const a = await s.join('Ada');
		await s.open(recap.id);
		await addAnswer(w.ctx, a, recap.id, { clientId: cid(), question: '1', text: 'Wie er vertelt' });
		await addAnswer(w.ctx, a, recap.id, { clientId: cid(), question: '3', text: 'Ik heb ze ook' });
		const step = await w.ctx.db
			.selectFrom('agendaStep')
			.selectAll()
			.where('id', '=', recap.id)
			.executeTakeFirstOrThrow();
		const res = await stepResults(w.ctx, s.sessionId, step);
		if (res.kind !== 'answers') throw new Error('expected answers');
		expect(res.anonymous).toBe(true);
		expect(res.questions.map((q) => [q.text, q.answers.map((x) => x.text)])).toEqual([
			['racisme', []],
			['dekolonisering', ['Wie er vertelt']],
			['stereotypen', []],
			['vooroordelen', ['Ik heb ze ook']]
		]);
		// Nothing ties the lines to Ada.
		const rows = await w.ctx.db
			.selectFrom('answer')
			.select('participantId')
			.where('stepId', '=', recap.id)
			.execute();
		expect(rows.map((r) => r.participantId)).toEqual([null, null]);
	});

	it('a talk in pairs collects nothing: its prompt is what the screens show', async () => {
		const s = await session();
		const talk = await addStep(w.ctx, s.facilitator, s.networkId, s.sessionId, {
			kind: 'pair_talk'
		});
		const step = await w.ctx.db
			.selectFrom('agendaStep')
			.selectAll()
			.where('id', '=', talk.id)
			.executeTakeFirstOrThrow();
		expect(step.prompt.length).toBeGreaterThan(20);
		expect(await stepResults(w.ctx, s.sessionId, step)).toEqual({ kind: 'none' });
		const a = await s.join('Ada');
		await setCurrentStep(w.ctx, s.facilitator, s.networkId, s.sessionId, talk.id);
		await expect(
			addAnswer(w.ctx, a, talk.id, { clientId: cid(), question: '0', text: 'x' })
		).rejects.toSatisfy(keyed('error_not_found'));
	});

	it('hides, merges (dots follow, undo by showing again) and clusters post-its', async () => {
		const s = await session();
		const [a, b] = [await s.join('A'), await s.join('B')];
		await s.open(s.round);
		const p1 = await addPostit(w.ctx, a, s.round, { clientId: cid(), text: 'Taal' });
		const p2 = await addPostit(w.ctx, b, s.round, { clientId: cid(), text: 'Eenvoudige taal' });
		const p3 = await addPostit(w.ctx, b, s.round, { clientId: cid(), text: 'Spam' });
		await s.open(s.round, 'closed');
		await s.open(s.vote);
		await castDot(w.ctx, a, s.vote, { clientId: cid(), postitId: p1.id });
		await castDot(w.ctx, b, s.vote, { clientId: cid(), postitId: p2.id });
		await castDot(w.ctx, b, s.vote, { clientId: cid(), postitId: p2.id });

		const f = (fn: typeof setPostitHidden, id: string, hidden: boolean) =>
			fn(w.ctx, s.facilitator, s.networkId, s.sessionId, id, hidden);
		await f(setPostitHidden, p3.id, true);
		expect((await listPostits(w.ctx, s.sessionId, s.round)).map((p) => p.text)).toEqual([
			'Taal',
			'Eenvoudige taal'
		]);

		await mergePostits(w.ctx, s.facilitator, s.networkId, s.sessionId, {
			postitId: p2.id,
			intoId: p1.id
		});
		const merged = await tally(w.ctx, s.sessionId, s.vote);
		expect(merged.map((r) => [r.text, r.dots])).toEqual([['Taal', 3]]);
		expect((await listPostits(w.ctx, s.sessionId, s.round))[0]!.merged).toEqual([
			'Eenvoudige taal'
		]);
		// A post-it cannot be merged into itself or into a hidden one.
		await expect(
			mergePostits(w.ctx, s.facilitator, s.networkId, s.sessionId, {
				postitId: p1.id,
				intoId: p3.id
			})
		).rejects.toSatisfy(keyed('error_merge_target'));

		// Showing it again undoes the merge: its dots are its own again.
		await f(setPostitHidden, p2.id, false);
		expect((await tally(w.ctx, s.sessionId, s.vote)).map((r) => [r.text, r.dots])).toEqual([
			['Eenvoudige taal', 2],
			['Taal', 1]
		]);

		await setCluster(w.ctx, s.facilitator, s.networkId, s.sessionId, {
			postitId: p1.id,
			cluster: 'Taal & toegang'
		});
		const round = await w.ctx.db
			.selectFrom('agendaStep')
			.selectAll()
			.where('id', '=', s.round)
			.executeTakeFirstOrThrow();
		const res = await stepResults(w.ctx, s.sessionId, round);
		expect(res.kind === 'postits' && res.clusters.map((c) => [c.name, c.items.length])).toEqual([
			['Taal & toegang', 1],
			[null, 1]
		]);
	});

	it("refuses moderation by a participant's network neighbour and on another session's post-it", async () => {
		const s = await session();
		const other = await session();
		const a = await s.join('A');
		await s.open(s.round);
		const p = await addPostit(w.ctx, a, s.round, { clientId: cid(), text: 'x' });
		// The facilitator of another network may not touch it, nor through their own session.
		await expect(
			setPostitHidden(w.ctx, other.facilitator, s.networkId, s.sessionId, p.id, true)
		).rejects.toSatisfy(keyed('error_not_found'));
		await expect(
			setPostitHidden(w.ctx, other.facilitator, other.networkId, other.sessionId, p.id, true)
		).rejects.toSatisfy(keyed('error_not_found'));
		expect(await listPostits(w.ctx, s.sessionId, s.round)).toHaveLength(1);
	});

	it('runs a timer and lists who is in', async () => {
		const s = await session();
		await s.join('Ayşe');
		await s.join('שלום');
		const { endsAt } = await startTimer(w.ctx, s.facilitator, s.networkId, s.sessionId, {
			minutes: '5'
		});
		expect(new Date(endsAt).getTime() - w.clock.now.getTime()).toBe(5 * 60_000);
		await expect(
			startTimer(w.ctx, s.facilitator, s.networkId, s.sessionId, { minutes: '0' })
		).rejects.toSatisfy(keyed('error_timer_minutes'));
		await stopTimer(w.ctx, s.facilitator, s.networkId, s.sessionId);
		const row = await w.ctx.db
			.selectFrom('networkSession')
			.select('timerEndsAt')
			.where('id', '=', s.sessionId)
			.executeTakeFirstOrThrow();
		expect(row.timerEndsAt).toBeNull();
		expect((await listParticipants(w.ctx, s.sessionId)).map((p) => p.displayName)).toEqual([
			'Ayşe',
			'שלום'
		]);
	});

	it('stops the timer when another step is shown, and when the session ends', async () => {
		const s = await session();
		const timerOf = async () =>
			(
				await w.ctx.db
					.selectFrom('networkSession')
					.select(['timerEndsAt', 'timerSeconds'])
					.where('id', '=', s.sessionId)
					.executeTakeFirstOrThrow()
			).timerEndsAt;
		await setCurrentStep(w.ctx, s.facilitator, s.networkId, s.sessionId, s.round);
		await startTimer(w.ctx, s.facilitator, s.networkId, s.sessionId, { minutes: '3' });
		expect(await timerOf()).not.toBeNull();
		// Showing the same step again keeps it; another step stops it.
		await setCurrentStep(w.ctx, s.facilitator, s.networkId, s.sessionId, s.round);
		expect(await timerOf()).not.toBeNull();
		await setCurrentStep(w.ctx, s.facilitator, s.networkId, s.sessionId, s.vote);
		expect(await timerOf()).toBeNull();
		await startTimer(w.ctx, s.facilitator, s.networkId, s.sessionId, { minutes: '15' });
		await closeLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		expect(await timerOf()).toBeNull();
	});

	it('takes check-in answers for all, once per client id, only while open, anonymous when asked', async () => {
		const s = await session();
		const a = await s.join('A');
		const id = cid();
		await expect(
			addAnswer(w.ctx, a, s.checkin, { clientId: id, question: '0', text: 'Hallo' })
		).rejects.toSatisfy(keyed('error_answers_closed'));
		await s.open(s.checkin);
		const first = await addAnswer(w.ctx, a, s.checkin, {
			clientId: id,
			question: '0',
			text: '<b>Hallo</b> 👋'
		});
		const again = await addAnswer(w.ctx, a, s.checkin, { clientId: id, question: '0', text: 'x' });
		expect(again).toEqual({ id: first.id, duplicate: true });
		await expect(
			addAnswer(w.ctx, a, s.checkin, { clientId: cid(), question: '7', text: 'x' })
		).rejects.toSatisfy(keyed('error_invalid'));
		await expect(
			addAnswer(w.ctx, a, s.checkin, { clientId: cid(), question: '0', text: '   ' })
		).rejects.toSatisfy(keyed('error_required'));
		const rows = await listAnswers(w.ctx, s.sessionId, s.checkin);
		expect(rows.map((r) => [r.text, r.participantId])).toEqual([['<b>Hallo</b> 👋', a.id]]);

		await deleteAnswer(w.ctx, a, s.checkin, first.id);
		expect(await listAnswers(w.ctx, s.sessionId, s.checkin)).toHaveLength(0);

		// An open step cannot be turned anonymous (nor back): people wrote trusting its mode.
		await expect(
			updateStep(w.ctx, s.facilitator, s.networkId, s.sessionId, s.checkin, {
				title: 'Anoniem',
				prompt: 'Hoe gaat het?',
				isAnonymous: 'yes'
			})
		).rejects.toSatisfy(keyed('error_anonymity_fixed'));
		const { id: anonymous } = await addStep(w.ctx, s.facilitator, s.networkId, s.sessionId, {
			kind: 'checkin'
		});
		await updateStep(w.ctx, s.facilitator, s.networkId, s.sessionId, anonymous, {
			title: 'Anoniem',
			prompt: 'Hoe gaat het?',
			isAnonymous: 'yes'
		});
		await s.open(anonymous);
		await addAnswer(w.ctx, a, anonymous, { clientId: cid(), question: '0', text: 'Goed' });
		const anon = await w.ctx.db
			.selectFrom('answer')
			.selectAll()
			.where('stepId', '=', anonymous)
			.execute();
		expect(anon.map((r) => r.participantId)).toEqual([null]);
		// Another session's participant cannot answer here.
		const other = await session();
		const stranger = await other.join('X');
		await expect(
			addAnswer(w.ctx, stranger, s.checkin, { clientId: cid(), question: '0', text: 'x' })
		).rejects.toSatisfy(keyed('error_not_found'));
	});

	it('forms breakout groups on the top items, assigns people, and keeps answers per group', async () => {
		const s = await session();
		const people = [await s.join('P1'), await s.join('P2'), await s.join('P3')];
		await s.open(s.round);
		const ids = [];
		for (const [i, t] of ['Eén', 'Twee', 'Drie'].entries())
			ids.push((await addPostit(w.ctx, people[i]!, s.round, { clientId: cid(), text: t })).id);
		await s.open(s.round, 'closed');
		await s.open(s.vote);
		await castDot(w.ctx, people[0]!, s.vote, { clientId: cid(), postitId: ids[2]! });
		await castDot(w.ctx, people[1]!, s.vote, { clientId: cid(), postitId: ids[2]! });
		await castDot(w.ctx, people[2]!, s.vote, { clientId: cid(), postitId: ids[1]! });
		await s.open(s.vote, 'closed');

		// A breakout needs groups before anyone can answer.
		await s.open(s.breakout);
		await expect(
			addAnswer(w.ctx, people[0]!, s.breakout, { clientId: cid(), question: '0', text: 'x' })
		).rejects.toSatisfy(keyed('error_no_group'));

		const formed = await formGroups(w.ctx, s.facilitator, s.networkId, s.sessionId, s.breakout, {
			source: 'top',
			count: '2',
			mode: 'assign'
		});
		expect(formed).toEqual({ groups: 2, assigned: 3 });
		const groups = await listGroups(w.ctx, s.sessionId, s.breakout);
		// Three people over two groups, round robin in the order they joined.
		expect(groups.map((g) => [g.title, g.members.length])).toEqual([
			['Drie', 2],
			['Twee', 1]
		]);
		const [g1, g2] = groups;
		// Assigned people do not switch themselves; the facilitator moves them.
		await expect(chooseGroup(w.ctx, people[0]!, s.breakout, g2!.id)).rejects.toSatisfy(
			keyed('error_group_assigned')
		);
		await moveParticipant(
			w.ctx,
			s.facilitator,
			s.networkId,
			s.sessionId,
			s.breakout,
			people[2]!.id,
			g2!.id
		);
		await moveParticipant(
			w.ctx,
			s.facilitator,
			s.networkId,
			s.sessionId,
			s.breakout,
			people[0]!.id,
			g1!.id
		);
		// A latecomer picks a group.
		const late = await s.join('Late');
		await chooseGroup(w.ctx, late, s.breakout, g2!.id);

		await addAnswer(w.ctx, people[0]!, s.breakout, {
			clientId: cid(),
			question: '0',
			text: 'Iedereen snapt de brief'
		});
		await addAnswer(w.ctx, late, s.breakout, { clientId: cid(), question: '2', text: 'Bellen' });
		// Groups cannot be formed again once answers exist.
		await expect(
			formGroups(w.ctx, s.facilitator, s.networkId, s.sessionId, s.breakout, {
				source: 'count',
				count: '3',
				mode: 'choose'
			})
		).rejects.toSatisfy(keyed('error_groups_have_answers'));

		const step = await w.ctx.db
			.selectFrom('agendaStep')
			.selectAll()
			.where('id', '=', s.breakout)
			.executeTakeFirstOrThrow();
		const all = await stepResults(w.ctx, s.sessionId, step);
		if (all.kind !== 'answers') throw new Error('expected answers');
		expect(all.groups.map((g) => g.questions.map((q) => q.answers.length))).toEqual([
			[1, 0, 0, 0],
			[0, 0, 1, 0]
		]);
		expect(all.groups[0]!.questions).toHaveLength(4);
		// A phone sees only its own group.
		const mine = await stepResults(w.ctx, s.sessionId, step, {
			participantId: late.id,
			groupId: g2!.id
		});
		if (mine.kind !== 'answers') throw new Error('expected answers');
		expect(mine.groups.map((g) => g.id)).toEqual([g2!.id]);
		expect(mine.groups[0]!.questions[2]!.answers).toEqual([
			expect.objectContaining({ text: 'Bellen', mine: true })
		]);
		const after = await listGroups(w.ctx, s.sessionId, s.breakout);
		expect(after[0]!.members.map((m) => m.name)).toContain('P1');
		expect(after[1]!.members.map((m) => m.name)).toEqual(expect.arrayContaining(['P3', 'Late']));
		expect(after.flatMap((g) => g.members)).toHaveLength(4);
	});

	it('forms groups on picked post-its and topics worded anew, titled, with the dots in view', async () => {
		const s = await session();
		const [a, b] = [await s.join('A'), await s.join('B')];
		await s.open(s.round);
		const p1 = await addPostit(w.ctx, a, s.round, { clientId: cid(), text: 'Taalcafé' });
		const p2 = await addPostit(w.ctx, b, s.round, { clientId: cid(), text: 'Buddy' });
		await s.open(s.round, 'closed');
		await s.open(s.vote);
		await castDot(w.ctx, a, s.vote, { clientId: cid(), postitId: p2.id });
		await castDot(w.ctx, b, s.vote, { clientId: cid(), postitId: p2.id });
		await s.open(s.vote, 'closed');
		const step = await w.ctx.db
			.selectFrom('agendaStep')
			.selectAll()
			.where('id', '=', s.breakout)
			.executeTakeFirstOrThrow();
		// The form lists what one can pick with its dots, most first.
		const state = await groupFormState(w.ctx, s.sessionId, step);
		expect(state.pickable.map((p) => [p.text, p.dots])).toEqual([
			['Buddy', 2],
			['Taalcafé', 0]
		]);
		expect(state).toMatchObject({ hasVote: true, locked: false });

		const form = (extra: Record<string, unknown>) =>
			formGroups(w.ctx, s.facilitator, s.networkId, s.sessionId, s.breakout, {
				source: 'pick',
				count: '1',
				postitIds: [p1.id],
				mode: 'assign',
				...extra
			});
		await expect(form({ newItems: 'x'.repeat(121) })).rejects.toSatisfy(
			keyed('error_group_item_too_long')
		);
		expect(await listGroups(w.ctx, s.sessionId, s.breakout)).toEqual([]);
		expect(
			await form({ newItems: '  Elke week één gesprek voeren  \n\nDe brief herschrijven\n' })
		).toEqual({ groups: 3, assigned: 2 });
		const groups = await listGroups(w.ctx, s.sessionId, s.breakout);
		expect(groups.map((g) => [g.title, g.postitId])).toEqual([
			['Taalcafé', p1.id],
			['Elke week één gesprek voeren', null],
			['De brief herschrijven', null]
		]);
		// A group is given its own title; an empty one is refused and changes nothing.
		const rename = (groupId: string, title: string) =>
			renameGroup(w.ctx, s.facilitator, s.networkId, s.sessionId, s.breakout, { groupId, title });
		await rename(groups[0]!.id, 'Taal: een café in elke wijk');
		await expect(rename(groups[1]!.id, '  ')).rejects.toSatisfy(keyed('error_required'));
		const other = await session();
		const foreign = (await listGroups(w.ctx, s.sessionId, s.breakout))[2]!.id;
		await expect(
			renameGroup(w.ctx, other.facilitator, other.networkId, other.sessionId, other.breakout, {
				groupId: foreign,
				title: 'Overgenomen'
			})
		).rejects.toSatisfy(keyed('error_not_found'));
		expect((await listGroups(w.ctx, s.sessionId, s.breakout)).map((g) => g.title)).toEqual([
			'Taal: een café in elke wijk',
			'Elke week één gesprek voeren',
			'De brief herschrijven'
		]);
		// Once someone answered, the groups hold: the form says so.
		await s.open(s.breakout);
		await addAnswer(w.ctx, a, s.breakout, { clientId: cid(), question: '0', text: 'Ja' });
		expect((await groupFormState(w.ctx, s.sessionId, step)).locked).toBe(true);
	});

	it('forms groups on picked items or as numbered groups people choose', async () => {
		const s = await session();
		const a = await s.join('A');
		await s.open(s.round);
		const p = await addPostit(w.ctx, a, s.round, { clientId: cid(), text: 'Gekozen' });
		await formGroups(w.ctx, s.facilitator, s.networkId, s.sessionId, s.breakout, {
			source: 'pick',
			count: '1',
			postitIds: [p.id],
			mode: 'choose'
		});
		expect((await listGroups(w.ctx, s.sessionId, s.breakout)).map((g) => g.title)).toEqual([
			'Gekozen'
		]);
		const other = await session();
		const b = await other.join('B');
		await other.open(other.round);
		const foreign = await addPostit(w.ctx, b, other.round, { clientId: cid(), text: 'Elders' });
		await expect(
			formGroups(w.ctx, s.facilitator, s.networkId, s.sessionId, s.breakout, {
				source: 'pick',
				count: '1',
				postitIds: [foreign.id],
				mode: 'choose',
				replace: '1'
			})
		).rejects.toSatisfy(keyed('error_not_found'));
		// Forming again replaces the groups: only when the facilitator says so.
		await expect(
			formGroups(w.ctx, s.facilitator, s.networkId, s.sessionId, s.breakout, {
				source: 'count',
				count: '3',
				mode: 'choose'
			})
		).rejects.toSatisfy(keyed('error_groups_confirm_replace'));
		expect((await listGroups(w.ctx, s.sessionId, s.breakout)).map((g) => g.title)).toEqual([
			'Gekozen'
		]);
		await formGroups(w.ctx, s.facilitator, s.networkId, s.sessionId, s.breakout, {
			source: 'count',
			count: '3',
			mode: 'choose',
			replace: '1'
		});
		const groups = await listGroups(w.ctx, s.sessionId, s.breakout);
		expect(groups).toHaveLength(3);
		await chooseGroup(w.ctx, a, s.breakout, groups[1]!.id);
		await chooseGroup(w.ctx, a, s.breakout, groups[2]!.id);
		expect((await listGroups(w.ctx, s.sessionId, s.breakout)).map((g) => g.members.length)).toEqual(
			[0, 0, 1]
		);
		// Having written in a group, one stays: no hopping to read every group's lines.
		await s.open(s.breakout);
		await addAnswer(w.ctx, a, s.breakout, { clientId: cid(), question: '0', text: 'Hier' });
		await expect(chooseGroup(w.ctx, a, s.breakout, groups[0]!.id)).rejects.toSatisfy(
			keyed('error_group_wrote')
		);
	});

	it('keeps input safe around closing: retries answer as before, attached post-its stay, a vote waits for its round', async () => {
		const s = await session();
		const a = await s.join('A');
		await s.open(s.round);
		const id = cid();
		const first = await addPostit(w.ctx, a, s.round, { clientId: id, text: 'Eén' });
		// Voting on a round that is still open is refused.
		await expect(s.open(s.vote)).rejects.toSatisfy(keyed('error_round_still_open'));
		await s.open(s.round, 'closed');
		// A retry that arrives after the round closed is answered as the first time.
		expect(await addPostit(w.ctx, a, s.round, { clientId: id, text: 'Eén' })).toMatchObject({
			id: first.id,
			duplicate: true
		});
		await s.open(s.vote);
		const dot = await castDot(w.ctx, a, s.vote, { clientId: cid(), postitId: first.id });
		// Taking a named dot back twice takes one dot.
		const dotId = cid();
		await castDot(w.ctx, a, s.vote, { clientId: dotId, postitId: first.id });
		await takeBackDot(w.ctx, a, s.vote, first.id, dot.id);
		await takeBackDot(w.ctx, a, s.vote, first.id, dot.id);
		expect((await tally(w.ctx, s.sessionId, s.vote))[0]!.dots).toBe(1);
		await s.open(s.vote, 'closed');
		expect(await castDot(w.ctx, a, s.vote, { clientId: dotId, postitId: first.id })).toMatchObject({
			duplicate: true
		});
		// A post-it with dots on it cannot be removed by its writer (the round is reopened here).
		await s.open(s.round);
		await expect(deletePostit(w.ctx, a, s.round, first.id)).rejects.toSatisfy(
			keyed('error_postit_in_use')
		);
		// An answer retried after its step closed is answered as before.
		await s.open(s.checkin);
		const answerId = cid();
		const answer = await addAnswer(w.ctx, a, s.checkin, {
			clientId: answerId,
			question: '0',
			text: 'Hoi'
		});
		await s.open(s.checkin, 'closed');
		expect(
			await addAnswer(w.ctx, a, s.checkin, { clientId: answerId, question: '0', text: 'Hoi' })
		).toEqual({ id: answer.id, duplicate: true });
	});
});
