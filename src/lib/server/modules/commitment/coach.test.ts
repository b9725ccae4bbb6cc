import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { answerCoaching } from '../trajectory/coaching-relation.service.ts';
import { scheduleTalk } from '../trajectory/coaching.service.ts';
import { commitmentsOfCoachees } from './coach.read.ts';
import { createCommitment } from './commitment.service.ts';
import { addSprint } from './plan.service.ts';

describe(`the coach's view of commitments [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('shows what the coached member lets the coach see, and flags an overdue check-in', async () => {
		w.clock.now = new Date('2027-02-01T10:00:00Z');
		const coordinator = await createPerson(w, 'Cora');
		const { id: n } = await createNetwork(w.ctx, coordinator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Coach ${crypto.randomUUID()}`
		});
		const member = await createPerson(w, 'Olga');
		const coach = await createPerson(w, 'Kees');
		const other = await createPerson(w, 'Pim');
		await addMember(w, coordinator, n, member);
		await addMember(w, coordinator, n, coach, 'facilitator');
		await addMember(w, coordinator, n, other);
		await scheduleTalk(w.ctx, coach, n, {
			memberId: member.userId,
			date: '2027-02-10',
			time: '10:00'
		});
		const forCoach = async (vis: 'private' | 'coach' | 'network', title: string) =>
			(await createCommitment(w.ctx, member, n, { title, visibility: vis })).id;
		await forCoach('private', 'Privé');
		const coachOnly = await forCoach('coach', 'Met mijn coach');
		const shared = await forCoach('network', 'Voor iedereen');
		await createCommitment(w.ctx, other, n, { title: 'Van een ander', visibility: 'network' });
		// The start check-in of this sprint was due on 25 January: overdue.
		await addSprint(w.ctx, member, n, shared, { startsOn: '2027-01-25', endsOn: '2027-04-25' });
		await addSprint(w.ctx, member, n, coachOnly, { startsOn: '2027-03-01', endsOn: '2027-05-31' });

		// Until the member says yes, the coach sees only what the network sees.
		let rows = await commitmentsOfCoachees(w.ctx, coach, n);
		expect(rows.map((r) => [r.title, r.overdue])).toEqual([['Voor iedereen', true]]);
		const mail = w.mailer.sent.filter((x) => x.to === member.email).at(-1)!;
		const token = mail.text.match(/coaching%2Fanswer%3Ftoken%3D([\w-]+)/)![1]!;
		await answerCoaching(w.ctx, member, n, { token, answer: 'accept' });
		rows = await commitmentsOfCoachees(w.ctx, coach, n);
		expect(
			rows
				.map((r) => [r.member.name, r.title, r.nextCheckin?.moment, r.nextCheckin?.on, r.overdue])
				.sort()
		).toEqual([
			['Olga', 'Met mijn coach', 'start', '2027-03-01', false],
			['Olga', 'Voor iedereen', 'start', '2027-01-25', true]
		]);
		// Not a coach: refused.
		await expect(commitmentsOfCoachees(w.ctx, other, n)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});
