import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../testing/db.ts';
import { joinSession, openLive, setStepState } from '../modules/live/live.service.ts';
import { addAnswer } from '../modules/live/answer.service.ts';
import { findParticipant } from '../modules/live/live.service.ts';
import { createNetwork } from '../modules/network/network.service.ts';
import { addStep } from '../modules/session/agenda.service.ts';
import { createSession } from '../modules/session/session.service.ts';
import { migrateDownTo, migrateToLatest } from './migrate.ts';
import { STEP_KINDS } from './types.ts';

/**
 * The check-in kind widens the CHECK on `agenda_step.kind` and `work_form.kind`. SQLite cannot
 * alter a CHECK, so the tables are rebuilt: the rows hanging off a step (answers, the session's
 * current step) must survive, and the foreign keys must still hold afterwards.
 */
describe(`the commitment check-in migration keeps what hangs off the agenda [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('goes down and up again on a populated database without losing a row', async () => {
		const f = await createPerson(w, 'Fien');
		const { id: networkId } = await createNetwork(w.ctx, f, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Migratie ${crypto.randomUUID()}`
		});
		const { id: sessionId } = await createSession(w.ctx, f, networkId, { title: 'S' });
		const checkout = await addStep(w.ctx, f, networkId, sessionId, { kind: 'checkout' });
		const { joinCode } = await openLive(w.ctx, f, networkId, sessionId);
		await setStepState(w.ctx, f, networkId, sessionId, checkout.id, 'open');
		const p = await findParticipant(
			w.ctx,
			(await joinSession(w.ctx, { code: joinCode, displayName: 'Amal' }, null)).token
		);
		await addAnswer(w.ctx, p, checkout.id, {
			clientId: `c-${crypto.randomUUID()}`,
			question: 0,
			text: 'Blijft'
		});
		const db = w.ctx.db;
		const counts = async () => ({
			steps: (await db.selectFrom('agendaStep').select('id').execute()).length,
			answers: (await db.selectFrom('answer').select('id').execute()).length,
			current: (
				await db
					.selectFrom('networkSession')
					.select('currentStepId')
					.where('id', '=', sessionId)
					.executeTakeFirstOrThrow()
			).currentStepId
		});
		const before = await counts();
		expect(before).toEqual({ steps: 1, answers: 1, current: checkout.id });

		// Back to before the check-in migration (and any that came after it).
		await migrateDownTo(w.ctx.authDb as never, '2026-12-04T0900-commitment-checkin');
		expect(await counts()).toEqual(before);
		await expect(
			sql`insert into agenda_step (id, session_id, position, kind, title, prompt, questions)
				values ('x1', ${sessionId}, 5, 'commitment_checkin', 't', '', '')`.execute(db)
		).rejects.toThrow();

		await migrateToLatest(w.ctx.authDb as never);
		expect(await counts()).toEqual(before);
		// Every kind fits the widened check, the older ones too.
		for (const kind of STEP_KINDS)
			expect((await addStep(w.ctx, f, networkId, sessionId, { kind })).id, kind).toBeTruthy();
		await expect(
			sql`insert into agenda_step (id, session_id, position, kind, title, prompt, questions)
				values ('x2', ${sessionId}, 6, 'bogus', 't', '', '')`.execute(db)
		).rejects.toThrow();
		// Foreign keys still hold after the rebuild: an answer on a step that does not exist is refused…
		await sql`insert into answer (id, step_id, question_index, client_id, text, created_at)
				values ('a-ok', ${checkout.id}, 0, 'c-ok', 't', '2026-01-01')`.execute(db);
		await expect(
			sql`insert into answer (id, step_id, question_index, client_id, text, created_at)
				values ('a-x', 'no-such-step', 0, 'c-x', 't', '2026-01-01')`.execute(db)
		).rejects.toThrow();
		// …and deleting the session still takes its steps and their answers with it.
		await db.deleteFrom('networkSession').where('id', '=', sessionId).execute();
		expect(await db.selectFrom('answer').select('id').execute()).toEqual([]);
		expect(await db.selectFrom('agendaStep').select('id').execute()).toEqual([]);
	});
});
