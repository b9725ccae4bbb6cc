import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJobs } from '../../jobs/queue.repository.ts';
import { runJobsNow } from '../../jobs/run-now.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { leaveNetwork, removeMember } from '../network/membership.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { createSession } from '../session/session.service.ts';
import { createCommitment } from './commitment.service.ts';
import { addAction, addSprint, progressAction, saveCheckin } from './plan.service.ts';
import { nextDigestMoment, reminderMoment, remindersToPlan } from './reminder.rules.ts';
import { planReminders, saveReminderPreference } from './reminder.service.ts';

const scores = (s: number) =>
	Object.fromEntries(
		['time', 'money', 'information', 'organisation', 'quality'].flatMap((p) => [
			[`${p}Score`, String(s)],
			[`${p}Note`, '']
		])
	);

describe('when reminders go out (rules)', () => {
	it('at 09:00 on the person’s own clock, across clock changes and zones', () => {
		// Brussels: UTC+1 in winter, UTC+2 in summer.
		expect(reminderMoment('2027-01-11', 0, 'Europe/Brussels').toISOString()).toBe(
			'2027-01-11T08:00:00.000Z'
		);
		expect(reminderMoment('2027-07-11', -7, 'Europe/Brussels').toISOString()).toBe(
			'2027-07-04T07:00:00.000Z'
		);
		expect(reminderMoment('2027-01-11', 3, 'America/Paramaribo').toISOString()).toBe(
			'2027-01-14T12:00:00.000Z'
		);
		// The night a clock goes forward (28 March 2027 in Europe): still 09:00 there.
		expect(reminderMoment('2027-03-28', 0, 'Europe/Amsterdam').toISOString()).toBe(
			'2027-03-28T07:00:00.000Z'
		);
	});

	it('7 days before, on the day and 3 days after; a moment long past is not planned', () => {
		const now = new Date('2027-01-05T09:30:00Z');
		const steps = (kind: 'action' | 'session', day: string) =>
			remindersToPlan(kind, day, 'Europe/Brussels', now).map((r) => r.offset);
		expect(steps('action', '2027-01-20')).toEqual([-7, 0, 3]);
		expect(steps('action', '2027-01-08')).toEqual([0, 3]);
		expect(steps('action', '2027-01-02')).toEqual([3]);
		expect(steps('action', '2026-12-20')).toEqual([]);
		// A session is never announced after it took place.
		expect(steps('session', '2027-01-20')).toEqual([-7, 0]);
		expect(remindersToPlan('action', '2027-02-30', 'Europe/Brussels', now)).toEqual([]);
	});

	it('a weekly digest goes out on Monday at 09:00', () => {
		// Tuesday 5 January 2027: the next Monday is the 11th.
		const d = nextDigestMoment(new Date('2027-01-05T10:00:00Z'), 'Europe/Brussels');
		expect(d.day).toBe('2027-01-11');
		expect(d.at.toISOString()).toBe('2027-01-11T08:00:00.000Z');
		// On a Monday before nine: that same morning.
		expect(nextDigestMoment(new Date('2027-01-11T06:00:00Z'), 'Europe/Brussels').day).toBe(
			'2027-01-11'
		);
	});
});

describe(`reminders [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	/** Puts the fake clock at an instant (later than the real one, so jobs run on the fake clock). */
	const at = (instant: string) => (w.clock.now = new Date(instant));
	const jobs = async (kind: string) => await listJobs(w.ctx.db, { kind });
	const mailsTo = (email: string) =>
		w.mailer.sent.filter((m) => m.to === email && m.kind?.startsWith('reminder_'));

	async function cast() {
		at('2027-01-04T05:00:00Z'); // Monday 4 January 2027, 06:00 in Brussels
		const coordinator = await createPerson(w, 'Cora');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Herinneringen ${crypto.randomUUID()}`
		});
		const owner = await createPerson(w, 'Olga');
		const coOwner = await createPerson(w, 'Bo');
		await addMember(w, coordinator, networkId, owner);
		await addMember(w, coordinator, networkId, coOwner);
		const { id: commitmentId } = await createCommitment(w.ctx, owner, networkId, {
			title: 'Werken met ervaringsdeskundigen',
			coOwners: [coOwner.userId]
		});
		const { id: sprintId } = await addSprint(w.ctx, owner, networkId, commitmentId, {
			startsOn: '2027-01-11',
			endsOn: '2027-04-11'
		});
		const { id: actionId } = await addAction(w.ctx, owner, networkId, commitmentId, sprintId, {
			title: 'Amal bellen',
			ownerId: owner.userId,
			dueOn: '2027-01-08'
		});
		return { coordinator, networkId, owner, coOwner, commitmentId, sprintId, actionId };
	}

	it('plans each step once, at 09:00 where the person lives, and sends one mail per step', async () => {
		const c = await cast();
		await saveReminderPreference(w.ctx, c.coOwner, {
			enabled: 'on',
			mode: 'single',
			timeZone: 'America/Paramaribo'
		});
		const first = await planReminders(w.ctx);
		expect(first.planned).toBeGreaterThan(0);
		// Planning again (every hour, on every instance) writes nothing twice.
		expect((await planReminders(w.ctx)).planned).toBe(0);
		const mine = (await jobs('reminder'))
			.map((j) => ({ ...JSON.parse(j.payload), runAt: j.runAt }))
			.filter((p) => p.commitmentId === c.commitmentId);
		const of = (userId: string, kind: string) =>
			mine
				.filter((p) => p.userId === userId && p.kind === kind)
				.map((p) => [p.moment, p.day, p.offset, p.runAt])
				.sort();
		// The sprint starts on the 11th: 7 days before (today at nine), on the day, 3 days after.
		expect(of(c.owner.userId, 'checkin').filter((x) => x[0] === 'start')).toEqual([
			['start', '2027-01-11', -7, '2027-01-04T08:00:00.000Z'],
			['start', '2027-01-11', 0, '2027-01-11T08:00:00.000Z'],
			['start', '2027-01-11', 3, '2027-01-14T08:00:00.000Z']
		]);
		// The co-owner lives in Paramaribo: nine o'clock there is noon in UTC.
		expect(of(c.coOwner.userId, 'checkin').filter((x) => x[0] === 'start')).toEqual([
			['start', '2027-01-11', -7, '2027-01-04T12:00:00.000Z'],
			['start', '2027-01-11', 0, '2027-01-11T12:00:00.000Z'],
			['start', '2027-01-11', 3, '2027-01-14T12:00:00.000Z']
		]);
		// The action (due the 8th) reminds its owner only; its 7-days-before moment had passed.
		expect(of(c.owner.userId, 'action')).toEqual([
			[null, '2027-01-08', 0, '2027-01-08T08:00:00.000Z'],
			[null, '2027-01-08', 3, '2027-01-11T08:00:00.000Z']
		]);
		expect(of(c.coOwner.userId, 'action')).toEqual([]);

		// Nine in Brussels: the owner's first reminder goes out, the co-owner's not yet.
		at('2027-01-04T08:30:00Z');
		await runJobsNow(w.ctx);
		expect(mailsTo(c.owner.email).map((m) => m.subject)).toEqual([
			'Tijd voor je start-check-in: Werken met ervaringsdeskundigen'
		]);
		expect(mailsTo(c.coOwner.email)).toEqual([]);
		const mail = mailsTo(c.owner.email)[0]!;
		expect(mail.text).toContain('maandag 11 januari 2027');
		// One link that opens exactly the start check-in of this sprint, and the settings.
		expect(mail.text).toContain(
			`/networks/${c.networkId}/commitments/${c.commitmentId}#checkin-${c.sprintId}-start`
		);
		expect(mail.text).toContain('/account/reminders');
		expect(mail.attachments?.[0]?.content).toContain('DTSTART;VALUE=DATE:20270111');
		// Running again sends nothing more.
		await runJobsNow(w.ctx);
		expect(mailsTo(c.owner.email)).toHaveLength(1);
		at('2027-01-04T12:30:00Z');
		await runJobsNow(w.ctx);
		expect(mailsTo(c.coOwner.email)).toHaveLength(1);
	});

	it('checks again when the moment comes: a done action, a filled-in check-in, a person who left', async () => {
		const c = await cast();
		await planReminders(w.ctx);
		// The action is done and the start check-in is filled in before their day.
		await progressAction(w.ctx, c.owner, c.networkId, c.commitmentId, c.actionId, {
			progress: 'done'
		});
		await saveCheckin(w.ctx, c.owner, c.networkId, c.commitmentId, c.sprintId, {
			moment: 'start',
			...scores(3)
		});
		// The co-owner leaves the network.
		const membership = await w.ctx.db
			.selectFrom('membership')
			.select('id')
			.where('networkId', '=', c.networkId)
			.where('userId', '=', c.coOwner.userId)
			.executeTakeFirstOrThrow();
		await removeMember(w.ctx, c.coordinator, c.networkId, membership.id);
		const before = w.mailer.sent.length;
		at('2027-01-14T13:00:00Z');
		await runJobsNow(w.ctx);
		const sent = w.mailer.sent.slice(before);
		expect(sent.filter((m) => m.to === c.coOwner.email)).toEqual([]);
		expect(sent.filter((m) => m.to === c.owner.email).map((m) => m.subject)).toEqual([]);
		// This cast's reminders (a done reminder keeps its key, not its payload): none was sent,
		// each says why.
		const results = (await jobs('reminder'))
			.filter((j) => j.key.includes(c.sprintId) || j.key.includes(c.actionId))
			.map((j) => [j.state, j.result]);
		expect(results.length).toBeGreaterThan(0);
		expect(
			results.every(([state, result]) => state === 'done' && result === 'cancelled: no longer due')
		).toBe(true);
	});

	it('cancels the reminder of someone who left while the check-in is still due; who stayed gets theirs', async () => {
		const c = await cast();
		// Shared with the network, so the commitment stays when its owner leaves; two co-owners.
		const stays = await createPerson(w, 'Noor');
		await addMember(w, c.coordinator, c.networkId, stays);
		const { id: commitmentId } = await createCommitment(w.ctx, c.owner, c.networkId, {
			title: 'Een toegankelijke website',
			visibility: 'network',
			coOwners: [c.coOwner.userId, stays.userId]
		});
		const { id: sprintId } = await addSprint(w.ctx, c.owner, c.networkId, commitmentId, {
			startsOn: '2027-01-11',
			endsOn: '2027-04-11'
		});
		await planReminders(w.ctx);
		// The start check-in's first reminder (7 days before, today at nine) for each of the three.
		const startJobs = async () =>
			(await jobs('reminder')).filter(
				(j) => j.key.includes(sprintId) && j.key.includes('start') && j.key.includes(':-7')
			);
		const planned = (await startJobs()).map((j) => JSON.parse(j.payload).userId).sort();
		expect(planned).toEqual([c.owner.userId, c.coOwner.userId, stays.userId].sort());
		// After planning, before nine: the owner leaves, a co-owner is removed.
		await leaveNetwork(w.ctx, c.owner, c.networkId);
		const membership = await w.ctx.db
			.selectFrom('membership')
			.select('id')
			.where('networkId', '=', c.networkId)
			.where('userId', '=', c.coOwner.userId)
			.executeTakeFirstOrThrow();
		await removeMember(w.ctx, c.coordinator, c.networkId, membership.id);
		const before = w.mailer.sent.length;
		at('2027-01-04T08:30:00Z');
		await runJobsNow(w.ctx);
		const sent = w.mailer.sent.slice(before).filter((m) => m.kind?.startsWith('reminder_'));
		// The check-in is still due (nobody filled it in): the one who stayed is reminded of it.
		expect(
			sent.filter((m) => m.to === stays.email && m.text.includes(`checkin-${sprintId}-start`))
		).toHaveLength(1);
		expect(sent.filter((m) => m.to === c.owner.email || m.to === c.coOwner.email)).toEqual([]);
		const byUser = new Map(
			(await startJobs()).map((j) => [planned.find((u) => j.key.includes(u)), [j.state, j.result]])
		);
		expect(byUser.get(c.owner.userId)).toEqual([
			'done',
			'cancelled: not a member or keeper any more'
		]);
		expect(byUser.get(c.coOwner.userId)).toEqual([
			'done',
			'cancelled: not a member or keeper any more'
		]);
		expect(byUser.get(stays.userId)).toEqual(['done', 'sent']);
		// Running again sends nothing more to anyone.
		await runJobsNow(w.ctx);
		expect(w.mailer.sent.slice(before).filter((m) => m.kind?.startsWith('reminder_'))).toEqual(
			sent
		);
	});

	it('off means off; a digest replaces single mails with one mail on Monday', async () => {
		const c = await cast();
		await saveReminderPreference(w.ctx, c.coOwner, { mode: 'single' }); // unchecked: off
		await saveReminderPreference(w.ctx, c.owner, { enabled: 'on', mode: 'digest' });
		const planned = await planReminders(w.ctx);
		expect(planned.digests).toBe(1);
		const singles = (await jobs('reminder'))
			.map((j) => JSON.parse(j.payload))
			.filter((p) => p?.commitmentId === c.commitmentId);
		expect(singles).toEqual([]);
		// Monday the 4th before nine: this very morning's digest, listing the week.
		const before = w.mailer.sent.length;
		at('2027-01-04T08:01:00Z');
		await runJobsNow(w.ctx);
		const sent = w.mailer.sent.slice(before);
		expect(sent.map((m) => [m.to, m.subject])).toEqual([
			[c.owner.email, 'Je herinneringen voor de week van maandag 4 januari 2027']
		]);
		expect(sent[0]!.text).toContain('vrijdag 8 januari 2027: Amal bellen');
		expect(sent[0]!.text).toContain('maandag 11 januari 2027: start-check-in');
		// Bad input changes nothing.
		await expect(
			saveReminderPreference(w.ctx, c.owner, { enabled: 'on', mode: 'hourly' })
		).rejects.toMatchObject({ code: 'invalid' });
		await expect(
			saveReminderPreference(w.ctx, c.owner, { enabled: 'on', timeZone: 'Mars/Olympus' })
		).rejects.toMatchObject({ code: 'invalid' });
	});

	it('a coming session asks every keeper what they did with their commitment', async () => {
		const c = await cast();
		await createSession(w.ctx, c.coordinator, c.networkId, {
			title: 'Sessie 2: terugblik',
			date: '2027-01-12',
			time: '14:00'
		});
		await planReminders(w.ctx);
		at('2027-01-05T08:30:00Z');
		const before = w.mailer.sent.length;
		await runJobsNow(w.ctx);
		const sessionMails = w.mailer.sent
			.slice(before)
			.filter((m) => m.subject.startsWith('Binnenkort: Sessie 2'));
		expect(sessionMails.map((m) => m.to).sort()).toEqual([c.owner.email, c.coOwner.email].sort());
		expect(sessionMails[0]!.text).toContain('Wat heb je gedaan met je engagementen?');
	});
});
