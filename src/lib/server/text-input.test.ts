import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { search } from './modules/knowledge/search.service.ts';
import { addAnswer } from './modules/live/answer.service.ts';
import {
	findParticipant,
	joinSession,
	openLive,
	setStepState
} from './modules/live/live.service.ts';
import { addPostit } from './modules/live/postit.service.ts';
import { createNetwork } from './modules/network/network.service.ts';
import { addStep } from './modules/session/agenda.service.ts';
import { createSession } from './modules/session/session.service.ts';
import { signUpInput, accountInput } from './auth/auth.schema.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from './testing/db.ts';
import { parseInput, ValidationError } from './validation.ts';

/**
 * A NUL byte is a 500 on PostgreSQL ("invalid byte sequence") and ends up in exports on
 * SQLite; text made of invisible characters shows as a blank name. Both are refused at the
 * contract, next to the field, before anything is written.
 */
const refusedAt = (field: string, key: string) => (e: unknown) =>
	e instanceof ValidationError && e.field === field && e.key === key;
const cid = () => `c-${crypto.randomUUID()}`;

describe(`control and invisible characters in text fields [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function liveRoom() {
		const f = await createPerson(w, 'Facilitator');
		const { id: networkId } = await createNetwork(w.ctx, f, {
			name: `Net ${crypto.randomUUID()}`,
			purpose: 'x',
			coreValue: 'y',
			language: 'nl'
		});
		const { id: sessionId } = await createSession(w.ctx, f, networkId, { title: 'Live' });
		const round = await addStep(w.ctx, f, networkId, sessionId, { kind: 'postit_round' });
		const exercise = await addStep(w.ctx, f, networkId, sessionId, { kind: 'exercise' });
		const { joinCode } = await openLive(w.ctx, f, networkId, sessionId);
		await setStepState(w.ctx, f, networkId, sessionId, round.id, 'open');
		await setStepState(w.ctx, f, networkId, sessionId, exercise.id, 'open');
		return { f, networkId, sessionId, joinCode, round: round.id, exercise: exercise.id };
	}
	const participants = async (sessionId: string) =>
		(
			await w.ctx.db
				.selectFrom('participant')
				.select('id')
				.where('sessionId', '=', sessionId)
				.execute()
		).length;
	const texts = async (table: 'postit' | 'answer', stepId: string) =>
		(
			await w.ctx.db
				.selectFrom(table as 'postit')
				.select('text')
				.where('stepId', '=', stepId)
				.execute()
		).map((r) => r.text);

	it('refuses a NUL or another control character in the join name, and nobody joins', async () => {
		const r = await liveRoom();
		for (const name of ['Amal\u0000', 'A\u0007mal', 'Am\u001Bal', 'Amal\u0085x'])
			await expect(
				joinSession(w.ctx, { code: r.joinCode, displayName: name }, null)
			).rejects.toSatisfy(refusedAt('displayName', 'error_control_chars'));
		for (const name of ['\u200B', '\u3164', '\u2800\u2800', ' \u200D\uFEFF '])
			await expect(
				joinSession(w.ctx, { code: r.joinCode, displayName: name }, null)
			).rejects.toSatisfy(refusedAt('displayName', 'error_required'));
		expect(await participants(r.sessionId)).toBe(0);
		const { token } = await joinSession(w.ctx, { code: r.joinCode, displayName: 'Amal' }, null);
		expect((await findParticipant(w.ctx, token)).displayName).toBe('Amal');
	});

	it('refuses a NUL in a post-it and in an answer, and stores neither; keeps newlines', async () => {
		const r = await liveRoom();
		const p = await findParticipant(
			w.ctx,
			(await joinSession(w.ctx, { code: r.joinCode, displayName: 'Bert' }, null)).token
		);
		await expect(
			addPostit(w.ctx, p, r.round, { clientId: cid(), text: 'Taal\u0000café' })
		).rejects.toSatisfy(refusedAt('text', 'error_control_chars'));
		await expect(
			addPostit(w.ctx, p, r.round, { clientId: cid(), text: '\u200B\u200B' })
		).rejects.toSatisfy(refusedAt('text', 'error_required'));
		await expect(
			addAnswer(w.ctx, p, r.exercise, { clientId: cid(), question: '0', text: 'ja\u0000' })
		).rejects.toSatisfy(refusedAt('text', 'error_control_chars'));
		await expect(
			addPostit(w.ctx, p, r.round, { clientId: 'c-\u0000-12345678', text: 'Taalcafé' })
		).rejects.toSatisfy(refusedAt('clientId', 'error_invalid'));
		expect(await texts('postit', r.round)).toEqual([]);
		expect(await texts('answer', r.exercise)).toEqual([]);
		await addPostit(w.ctx, p, r.round, { clientId: cid(), text: 'Taal\r\ncafé\tbieb' });
		expect(await texts('postit', r.round)).toEqual(['Taal\ncafé\tbieb']);
	});

	it('refuses a NUL in the search query before it reaches the database', async () => {
		const r = await liveRoom();
		await expect(search(w.ctx, r.f, r.networkId, { q: 'taal\u0000café' })).rejects.toSatisfy(
			refusedAt('q', 'error_control_chars')
		);
		await expect(
			search(w.ctx, r.f, r.networkId, { q: 'taal', theme: 'x\u0000' })
		).rejects.toSatisfy(refusedAt('theme', 'error_control_chars'));
		await expect(
			search(w.ctx, r.f, r.networkId, { q: 'taal', session: 'x\u0000' })
		).rejects.toSatisfy(refusedAt('session', 'error_invalid'));
		expect((await search(w.ctx, r.f, r.networkId, { q: 'taal' })).hits).toEqual([]);
	});

	it('refuses a NUL in a network name and writes nothing', async () => {
		const f = await createPerson(w, 'Founder');
		const name = `Net\u0000 ${crypto.randomUUID()}`;
		await expect(
			createNetwork(w.ctx, f, { name, purpose: 'x', coreValue: 'y', language: 'nl' })
		).rejects.toSatisfy(refusedAt('name', 'error_control_chars'));
		await expect(
			createNetwork(w.ctx, f, { name: '\u3164', purpose: 'x', coreValue: 'y', language: 'nl' })
		).rejects.toSatisfy(refusedAt('name', 'error_required'));
		const networks = await w.ctx.db
			.selectFrom('network')
			.select('name')
			.where('name', 'like', 'Net%')
			.execute();
		expect(networks.filter((n) => n.name.includes('\u0000') || n.name === '\u3164')).toEqual([]);
	});

	it('refuses a NUL and an invisible name in the account contracts', () => {
		const base = { email: 'amal@example.org', password: 'lang genoeg wachtwoord' };
		expect(() => parseInput(signUpInput, { ...base, name: 'Amal\u0000' })).toThrow(
			expect.objectContaining({ field: 'name', key: 'error_control_chars' })
		);
		expect(() => parseInput(accountInput, { ...base, name: '\u200B\u2800', locale: 'nl' })).toThrow(
			expect.objectContaining({ field: 'name', key: 'error_required' })
		);
		expect(parseInput(accountInput, { ...base, name: ' Amal ', locale: 'nl' }).name).toBe('Amal');
	});
});
