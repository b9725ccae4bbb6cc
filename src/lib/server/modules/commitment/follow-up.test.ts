import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { createSession } from '../session/session.service.ts';
import { changeState, createCommitment } from './commitment.service.ts';
import { sessionFollowUp } from './follow-up.read.ts';

describe(`what became of a session's commitments [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('counts the shared commitments of session N acted on before session N+1, never private ones', async () => {
		w.clock.now = new Date('2027-01-10T10:00:00Z');
		const coordinator = await createPerson(w, 'Cora');
		const { id: n } = await createNetwork(w.ctx, coordinator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Opvolging ${crypto.randomUUID()}`
		});
		const member = await createPerson(w, 'Olga');
		await addMember(w, coordinator, n, member);
		const first = await createSession(w.ctx, coordinator, n, {
			title: 'Sessie 1',
			date: '2027-01-10',
			time: '09:00'
		});
		await createSession(w.ctx, coordinator, n, {
			title: 'Sessie 2',
			date: '2027-03-10',
			time: '09:00'
		});
		const make = async (title: string, visibility: string) =>
			(await createCommitment(w.ctx, member, n, { title, visibility, sessionId: first.id })).id;
		const kept = await make('Gedaan', 'network');
		await make('Nog niets', 'network');
		const secret = await make('Geheim', 'private');
		w.clock.now = new Date('2027-02-01T10:00:00Z');
		await changeState(w.ctx, member, n, kept, { state: 'kept', reason: 'Gelukt' });
		await changeState(w.ctx, member, n, secret, { state: 'kept', reason: 'Ook gelukt' });
		// A change after session 2 began does not count for session 1.
		w.clock.now = new Date('2027-03-11T10:00:00Z');
		const late = await make('Te laat', 'network');
		await changeState(w.ctx, member, n, late, { state: 'paused', reason: 'Later' });

		const rows = await sessionFollowUp(w.ctx, coordinator, n);
		expect(rows.map((r) => [r.session.title, r.next?.title, r.committed, r.actedOn])).toEqual([
			['Sessie 1', 'Sessie 2', 3, 1]
		]);
	});
});
