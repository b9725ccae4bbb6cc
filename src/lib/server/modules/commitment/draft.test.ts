import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { addAnswer } from '../live/answer.service.ts';
import { chooseGroup, formGroups, listGroups } from '../live/group.service.ts';
import {
	closeLive,
	findParticipant,
	joinSession,
	openLive,
	setStepState
} from '../live/live.service.ts';
import { addPostit } from '../live/postit.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { getCommitment } from './commitment.read.ts';
import { createCommitment } from './commitment.service.ts';
import { draftFromSession } from './draft.read.ts';

const cid = () => `c-${crypto.randomUUID()}`;
const notFound = (e: unknown) => e instanceof DomainError && e.code === 'not_found';

describe(`commitments born in the room [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('a post-it or a breakout group becomes the draft of a commitment, kept with its session', async () => {
		const facilitator = await createPerson(w, 'Fatima');
		const { id: n } = await createNetwork(w.ctx, facilitator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Kamer ${crypto.randomUUID()}`
		});
		const member = await createPerson(w, 'Sanne');
		await addMember(w, facilitator, n, member);
		const { id: sessionId } = await createSession(w.ctx, facilitator, n, { title: 'Sessie 1' });
		const round = await addStep(w.ctx, facilitator, n, sessionId, { kind: 'postit_round' });
		const breakout = await addStep(w.ctx, facilitator, n, sessionId, { kind: 'breakout' });
		const { joinCode } = await openLive(w.ctx, facilitator, n, sessionId);
		const phone = await findParticipant(
			w.ctx,
			(await joinSession(w.ctx, { code: joinCode, displayName: 'Amal' }, null)).token
		);
		await setStepState(w.ctx, facilitator, n, sessionId, round.id, 'open');
		const p = await addPostit(w.ctx, phone, round.id, {
			clientId: cid(),
			text: 'Ik durf te werken met ervaringsdeskundigen'
		});
		await setStepState(w.ctx, facilitator, n, sessionId, round.id, 'closed');
		await formGroups(w.ctx, facilitator, n, sessionId, breakout.id, {
			source: 'pick',
			count: '1',
			postitIds: [p.id],
			mode: 'choose'
		});
		await setStepState(w.ctx, facilitator, n, sessionId, breakout.id, 'open');
		const [group] = await listGroups(w.ctx, sessionId, breakout.id);
		await chooseGroup(w.ctx, phone, breakout.id, group!.id);
		for (const [q, text] of [
			['0', 'Amal mailen'],
			['1', 'Een contact bij de stad'],
			['2', 'Mijn eigen onzekerheid']
		])
			await addAnswer(w.ctx, phone, breakout.id, { clientId: cid(), question: q, text });

		// While the session is live, a member in the room turns the post-it into a draft.
		const fromPostit = await draftFromSession(
			w.ctx,
			member,
			n,
			sessionId,
			`postit:${round.id}:${p.id}`
		);
		expect(fromPostit).toMatchObject({
			title: 'Ik durf te werken met ervaringsdeskundigen',
			firstStep: '',
			sessionId
		});
		// The group's answers fill the first step, the needs and the thresholds.
		const fromGroup = await draftFromSession(
			w.ctx,
			facilitator,
			n,
			sessionId,
			`group:${breakout.id}:${group!.id}`
		);
		expect(fromGroup).toMatchObject({
			title: 'Ik durf te werken met ervaringsdeskundigen',
			firstStep: 'Amal mailen',
			needs: 'Een contact bij de stad',
			thresholds: 'Mijn eigen onzekerheid'
		});
		// Saved in one step, it remembers the session it was born in.
		const { id } = await createCommitment(w.ctx, facilitator, n, { ...fromGroup });
		expect((await getCommitment(w.ctx, facilitator, n, id)).commitment.sessionId).toBe(sessionId);

		// After the session, before the report is shared, a member cannot read items through it.
		await closeLive(w.ctx, facilitator, n, sessionId);
		await expect(
			draftFromSession(w.ctx, member, n, sessionId, `postit:${round.id}:${p.id}`)
		).rejects.toSatisfy(notFound);
		// Wrong ids, another step's item, a made-up kind: not found.
		for (const source of [
			`postit:${round.id}:nope`,
			`postit:${breakout.id}:${p.id}`,
			`group:${round.id}:${group!.id}`,
			`poll:${round.id}:${p.id}`
		])
			await expect(draftFromSession(w.ctx, facilitator, n, sessionId, source)).rejects.toSatisfy(
				notFound
			);
		const stranger = await createPerson(w, 'Sven');
		await expect(
			draftFromSession(w.ctx, stranger, n, sessionId, `postit:${round.id}:${p.id}`)
		).rejects.toSatisfy(notFound);
	});
});
