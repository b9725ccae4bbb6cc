import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { onEvent, type DomainEvent } from '../../events.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep, updateStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import {
	findParticipant,
	hashSecret,
	joinSession,
	openLive,
	setCurrentStep,
	setStepState
} from './live.service.ts';
import { livePatches } from './patch.service.ts';
import { phoneScreen } from './phone.service.ts';
import {
	askQuestion,
	hiddenQuestions,
	ownPollChoice,
	ownQna,
	pollResults,
	qnaResults,
	setQuestionState,
	upvoteQuestion,
	votePoll
} from './qna.service.ts';

const keyed = (k: string) => (e: unknown) => e instanceof DomainError && e.key === k;
const cid = () => `c-${crypto.randomUUID()}`;

describe(`Q&A and quick poll [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function room(opts: { anonymous?: boolean; choices?: string } = {}) {
		const facilitator = await createPerson(w, 'Facilitator');
		const { id: networkId } = await createNetwork(w.ctx, facilitator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Vragen ${crypto.randomUUID()}`
		});
		const { id: sessionId } = await createSession(w.ctx, facilitator, networkId, { title: 'S' });
		const qna = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'qna' });
		await updateStep(w.ctx, facilitator, networkId, sessionId, qna.id, {
			title: 'Vragen aan Samira',
			maxLength: '120',
			isAnonymous: opts.anonymous ? 'yes' : 'no'
		});
		const poll = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'poll' });
		await updateStep(w.ctx, facilitator, networkId, sessionId, poll.id, {
			title: 'Hoe kom je binnen?',
			questions: opts.choices ?? ''
		});
		const { joinCode } = await openLive(w.ctx, facilitator, networkId, sessionId);
		const join = async (name: string) => {
			const { token } = await joinSession(w.ctx, { code: joinCode, displayName: name }, null);
			return { token, p: await findParticipant(w.ctx, token) };
		};
		const state = (stepId: string, s: 'open' | 'closed') =>
			setStepState(w.ctx, facilitator, networkId, sessionId, stepId, s);
		const step = (id: string) =>
			w.ctx.db.selectFrom('agendaStep').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		return { facilitator, networkId, sessionId, qna: qna.id, poll: poll.id, join, state, step };
	}

	it('questions are asked once per client id, upvoted once per phone, the most wanted first', async () => {
		const r = await room();
		const [a, b, c] = [await r.join('Ada'), await r.join('Bo'), await r.join('Cas')];
		// Not open yet: nothing is taken.
		await expect(
			askQuestion(w.ctx, a.p, r.qna, { clientId: cid(), text: 'Te vroeg' })
		).rejects.toSatisfy(keyed('error_step_closed'));
		await r.state(r.qna, 'open');
		const id1 = cid();
		const q1 = await askQuestion(w.ctx, a.p, r.qna, { clientId: id1, text: 'Hoe begin je?' });
		// A double tap is the same question.
		expect(await askQuestion(w.ctx, a.p, r.qna, { clientId: id1, text: 'Hoe begin je?' })).toEqual({
			id: q1.id,
			duplicate: true
		});
		const q2 = await askQuestion(w.ctx, b.p, r.qna, { clientId: cid(), text: 'Wat kost het?' });
		// Bad input changes nothing: empty, too long for this step, HTML kept as text.
		await expect(
			askQuestion(w.ctx, b.p, r.qna, { clientId: cid(), text: '  ' })
		).rejects.toBeTruthy();
		await expect(
			askQuestion(w.ctx, b.p, r.qna, { clientId: cid(), text: 'x'.repeat(121) })
		).rejects.toSatisfy(keyed('error_too_long'));
		const q3 = await askQuestion(w.ctx, c.p, r.qna, {
			clientId: cid(),
			text: '<script>alert(1)</script>'
		});
		// Bo and Cas want q2 answered; Cas taps twice (one upvote); Ada upvotes q1 and takes it back.
		await upvoteQuestion(w.ctx, b.p, r.qna, { questionId: q2.id, up: '1' });
		await upvoteQuestion(w.ctx, c.p, r.qna, { questionId: q2.id, up: '1' });
		await upvoteQuestion(w.ctx, c.p, r.qna, { questionId: q2.id, up: '1' });
		await upvoteQuestion(w.ctx, a.p, r.qna, { questionId: q1.id, up: '1' });
		await upvoteQuestion(w.ctx, a.p, r.qna, { questionId: q1.id, up: '0' });
		await upvoteQuestion(w.ctx, a.p, r.qna, { questionId: q3.id, up: '1' });
		let res = await qnaResults(w.ctx, await r.step(r.qna));
		expect(res.questions.map((q) => [q.text, q.votes, q.answered])).toEqual([
			['Wat kost het?', 2, false],
			['<script>alert(1)</script>', 1, false],
			['Hoe begin je?', 0, false]
		]);
		expect(await ownQna(w.ctx, a.p, r.qna)).toEqual({ upvoted: [q3.id], asked: [q1.id] });
		expect(await ownQna(w.ctx, c.p, r.qna)).toEqual({ upvoted: [q2.id], asked: [q3.id] });
		// The facilitator answers q2 (it goes last) and hides q3 (gone from every screen).
		await setQuestionState(w.ctx, r.facilitator, r.networkId, r.sessionId, {
			questionId: q2.id,
			answered: '1'
		});
		await setQuestionState(w.ctx, r.facilitator, r.networkId, r.sessionId, {
			questionId: q3.id,
			hidden: '1'
		});
		res = await qnaResults(w.ctx, await r.step(r.qna));
		expect(res.questions.map((q) => [q.text, q.answered])).toEqual([
			['Hoe begin je?', false],
			['Wat kost het?', true]
		]);
		expect((await hiddenQuestions(w.ctx, r.qna)).map((q) => q.text)).toEqual([
			'<script>alert(1)</script>'
		]);
		// A hidden question takes no upvotes; a question of another session is not found.
		await expect(
			upvoteQuestion(w.ctx, b.p, r.qna, { questionId: q3.id, up: '1' })
		).rejects.toSatisfy(keyed('error_not_found'));
		const other = await room();
		await expect(
			setQuestionState(w.ctx, other.facilitator, other.networkId, other.sessionId, {
				questionId: q1.id,
				hidden: '1'
			})
		).rejects.toSatisfy(keyed('error_not_found'));
		// Someone who does not run the session cannot moderate it.
		const stranger = await createPerson(w, 'Stranger');
		await expect(
			setQuestionState(w.ctx, stranger, r.networkId, r.sessionId, {
				questionId: q1.id,
				hidden: '1'
			})
		).rejects.toBeInstanceOf(DomainError);
		// Closed: no more questions or upvotes.
		await r.state(r.qna, 'closed');
		await expect(
			askQuestion(w.ctx, a.p, r.qna, { clientId: cid(), text: 'Nog eentje' })
		).rejects.toSatisfy(keyed('error_step_closed'));
	});

	it('an anonymous Q&A stores no person with a question, and no vote says whose it is', async () => {
		const r = await room({ anonymous: true });
		const a = await r.join('Ada');
		await r.state(r.qna, 'open');
		// A phone that showed "named" cannot write into an anonymous step.
		await expect(
			askQuestion(w.ctx, a.p, r.qna, { clientId: cid(), text: 'x', anonymous: '0' })
		).rejects.toSatisfy(keyed('error_anonymity_changed'));
		const q = await askQuestion(w.ctx, a.p, r.qna, {
			clientId: cid(),
			text: 'Mag ik dit vragen?',
			anonymous: '1'
		});
		await upvoteQuestion(w.ctx, a.p, r.qna, { questionId: q.id, up: '1' });
		const row = await w.ctx.db
			.selectFrom('qnaQuestion')
			.selectAll()
			.where('id', '=', q.id)
			.executeTakeFirstOrThrow();
		expect(row.participantId).toBeNull();
		const votes = await w.ctx.db
			.selectFrom('qnaVote')
			.selectAll()
			.where('questionId', '=', q.id)
			.execute();
		expect(votes).toHaveLength(1);
		const traces = [a.p.id, a.p.displayName, a.token, hashSecret(a.token)];
		for (const t of traces) expect(JSON.stringify([row, votes])).not.toContain(t);
		// The phone still knows its own upvote (its secret makes the key), not its question.
		expect(await ownQna(w.ctx, a.p, r.qna)).toEqual({ upvoted: [q.id], asked: [] });
	});

	it('a poll takes one choice per phone, changed by choosing again; without lines it is a scale', async () => {
		const r = await room({ choices: 'Moe\nGaat wel\nVol energie' });
		const [a, b] = [await r.join('Ada'), await r.join('Bo')];
		await expect(votePoll(w.ctx, a.p, r.poll, { choice: '0' })).rejects.toSatisfy(
			keyed('error_step_closed')
		);
		await r.state(r.poll, 'open');
		await votePoll(w.ctx, a.p, r.poll, { choice: '0' });
		await votePoll(w.ctx, a.p, r.poll, { choice: '2' });
		await votePoll(w.ctx, b.p, r.poll, { choice: '2' });
		await expect(votePoll(w.ctx, b.p, r.poll, { choice: '3' })).rejects.toSatisfy(
			keyed('error_poll_choice')
		);
		await expect(votePoll(w.ctx, b.p, r.poll, { choice: 'x' })).rejects.toBeTruthy();
		expect(await pollResults(w.ctx, await r.step(r.poll))).toEqual({
			kind: 'poll',
			scale: false,
			choices: [
				{ index: 0, text: 'Moe', count: 0 },
				{ index: 1, text: 'Gaat wel', count: 0 },
				{ index: 2, text: 'Vol energie', count: 2 }
			],
			voters: 2
		});
		expect(await ownPollChoice(w.ctx, a.p, r.poll)).toBe(2);
		// No person in the poll's rows.
		const rows = await w.ctx.db
			.selectFrom('pollVote')
			.selectAll()
			.where('stepId', '=', r.poll)
			.execute();
		for (const t of [a.p.id, b.p.id, a.token, hashSecret(a.token)])
			expect(JSON.stringify(rows)).not.toContain(t);

		const scale = await room();
		const s = await scale.step(scale.poll);
		const res = await pollResults(w.ctx, s);
		expect([res.scale, res.choices.map((c) => c.text)]).toEqual([true, ['1', '2', '3', '4', '5']]);
	});

	it('the stream brings phones and screens the questions and counts, with no author', async () => {
		const r = await room();
		const a = await r.join('Ada');
		await setCurrentStep(w.ctx, r.facilitator, r.networkId, r.sessionId, r.qna);
		await r.state(r.qna, 'open');
		const q = await askQuestion(w.ctx, a.p, r.qna, { clientId: cid(), text: 'Waarom nu?' });
		const { phone, screen } = await livePatches(w.ctx, r.sessionId, ['qna']);
		expect(phone.reload).toBeUndefined();
		expect(phone.results).toEqual({
			stepId: r.qna,
			results: {
				kind: 'qna',
				anonymous: false,
				questions: [{ id: q.id, text: 'Waarom nu?', votes: 0, answered: false }]
			}
		});
		expect(screen.results).toEqual(phone.results);
		expect(JSON.stringify(phone)).not.toContain(a.p.id);
		expect(JSON.stringify(phone)).not.toContain('Ada');
		// The phone's own screen says which question is its own.
		const screenOfA = await phoneScreen(w.ctx, a.p, new Map());
		expect(screenOfA.qna?.asked).toEqual([q.id]);
	});

	it('every event of a Q&A and a poll says which step, never who', async () => {
		const r = await room();
		const a = await r.join('Ada');
		const seen: DomainEvent[] = [];
		const stop = onEvent((e) => void seen.push(e));
		try {
			await r.state(r.qna, 'open');
			await r.state(r.poll, 'open');
			const q = await askQuestion(w.ctx, a.p, r.qna, { clientId: cid(), text: 'Vraag' });
			await upvoteQuestion(w.ctx, a.p, r.qna, { questionId: q.id, up: '1' });
			await votePoll(w.ctx, a.p, r.poll, { choice: '4' });
		} finally {
			stop();
		}
		const ours = seen.filter((e) => e.name === 'QuestionChanged' || e.name === 'PollVoted');
		expect(ours.map((e) => e.name)).toEqual(['QuestionChanged', 'QuestionChanged', 'PollVoted']);
		expect(JSON.stringify(ours)).not.toContain(a.p.id);
	});
});
