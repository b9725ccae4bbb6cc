import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../db/migrations/2026-12-01T1600-coaching-relations.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { saveGoal } from './trajectory.service.ts';
import { memberTrajectory } from './trajectory.read.ts';

describe(`coaching relations from before consent was asked [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('a coach recorded without asking the member comes over as a proposal and sees nothing shared with a coach', async () => {
		const coordinator = await createPerson(w, 'Cora');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Migratie ${crypto.randomUUID()}`
		});
		const member = await createPerson(w, 'Olga');
		const coach = await createPerson(w, 'Kees');
		await addMember(w, coordinator, networkId, member);
		await addMember(w, coordinator, networkId, coach, 'facilitator');
		await saveGoal(w.ctx, member, networkId, {
			title: 'Voor de coach',
			state: 'set',
			visibility: 'coach'
		});
		// Back to the schema before this migration, with a coach row as the old code wrote it.
		const raw = w.database.authDb as never;
		await down(raw);
		await sql`insert into coach (network_id, member_id, coach_id, since)
			values (${networkId}, ${member.userId}, ${coach.userId}, '2026-11-01T10:00:00.000Z')`.execute(raw);
		await up(raw);
		expect(
			await w.ctx.db
				.selectFrom('coachingRelation')
				.select(['memberId', 'coachId', 'state', 'proposedAt', 'answeredAt', 'tokenHash'])
				.execute()
		).toEqual([
			{
				memberId: member.userId,
				coachId: coach.userId,
				state: 'proposed',
				proposedAt: '2026-11-01T10:00:00.000Z',
				answeredAt: null,
				tokenHash: null
			}
		]);
		expect((await memberTrajectory(w.ctx, coach, networkId, member.userId)).goal).toBeUndefined();
	});
});
