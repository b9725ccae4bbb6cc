import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { ValidationError } from '../../validation.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { acceptInvitation, inviteMember } from '../network/invitation.service.ts';
import { createNetwork, getNetwork } from '../network/network.service.ts';
import { addStep, getStepToEdit, moveStep, removeStep, updateStep } from './agenda.service.ts';
import { sessionToIcs } from './calendar.ts';
import { mailSessionToMembers } from './invite.service.ts';
import {
	copySession,
	createSession,
	getSession,
	listSessions,
	sessionCalendar,
	updateSession
} from './session.service.ts';
import { addWorkForm } from './work-form.service.ts';

const base = { purpose: 'Leren', coreValue: 'Respect', language: 'nl' as const };
const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c;

describe(`session design [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function network(language: 'nl' | 'en' | 'fr' = 'nl') {
		const coordinator = await createPerson(w, 'Coord');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, {
			...base,
			language,
			name: `N ${crypto.randomUUID()}`
		});
		const participant = await createPerson(w, 'Deelnemer');
		const { token } = await inviteMember(w.ctx, coordinator, networkId, {
			email: participant.email,
			role: 'participant'
		});
		await acceptInvitation(w.ctx, participant, token, true);
		const me = (await getNetwork(w.ctx, coordinator, networkId)).membership;
		return { coordinator, participant, networkId, me };
	}

	it('plans a session with facilitators and lists it as upcoming, undated or past', async () => {
		const { coordinator, participant, networkId, me } = await network();
		const { id } = await createSession(w.ctx, coordinator, networkId, {
			title: 'Sessie 1',
			number: '1',
			date: '2026-12-10',
			time: '14:00',
			minutes: '150',
			place: 'Bibliotheek',
			facilitators: [me.id]
		});
		await createSession(w.ctx, coordinator, networkId, { title: 'Later' });
		await createSession(w.ctx, coordinator, networkId, { title: 'Voorbij', date: '2026-01-05' });
		const lists = await listSessions(w.ctx, participant, networkId);
		expect(lists.upcoming.map((s) => s.title)).toEqual(['Sessie 1']);
		expect(lists.undated.map((s) => s.title)).toEqual(['Later']);
		expect(lists.past.map((s) => s.title)).toEqual(['Voorbij']);
		const view = await getSession(w.ctx, participant, networkId, id);
		expect(view.session.startsAt).toBe('2026-12-10T14:00');
		expect(view.facilitators.map((f) => f.membershipId)).toEqual([me.id]);
		// Participants read but do not design.
		await expect(createSession(w.ctx, participant, networkId, { title: 'x' })).rejects.toSatisfy(
			code('forbidden')
		);
	});

	it('counts a session as past once its day is over where the network is, not in UTC', async () => {
		const { coordinator, participant, networkId } = await network();
		await createSession(w.ctx, coordinator, networkId, {
			title: 'Gisteravond',
			date: '2026-11-23',
			time: '19:00'
		});
		const saved = w.clock.now;
		// 23:30 UTC on 23 November is 00:30 on 24 November in Brussels.
		w.clock.now = new Date('2026-11-23T23:30:00.000Z');
		const lists = await listSessions(w.ctx, participant, networkId);
		w.clock.now = saved;
		expect(lists.past.map((s) => s.title)).toEqual(['Gisteravond']);
		expect(lists.upcoming).toEqual([]);
	});

	it('refuses bad dates, times and numbers, and facilitators from elsewhere', async () => {
		const { coordinator, networkId } = await network();
		const other = await network();
		for (const bad of [
			{ date: '10-12-2026' },
			{ date: '2026-12-10', time: '25:00' },
			{ number: '0' },
			{ minutes: 'lots' }
		]) {
			await expect(
				createSession(w.ctx, coordinator, networkId, { title: 'x', ...bad })
			).rejects.toBeInstanceOf(ValidationError);
		}
		await expect(
			createSession(w.ctx, coordinator, networkId, { title: 'x', facilitators: [other.me.id] })
		).rejects.toSatisfy((e) => e instanceof DomainError && e.key === 'error_facilitator');
		expect((await listSessions(w.ctx, coordinator, networkId)).undated).toHaveLength(0);
	});

	it('builds an agenda from work forms in the network language, reorders and removes steps', async () => {
		const { coordinator, networkId } = await network('en');
		const { id } = await createSession(w.ctx, coordinator, networkId, { title: 'Agenda' });
		const a = await addStep(w.ctx, coordinator, networkId, id, { kind: 'checkin' });
		const b = await addStep(w.ctx, coordinator, networkId, id, { kind: 'postit_round' });
		const c = await addStep(w.ctx, coordinator, networkId, id, { kind: 'breakout' });
		let steps = (await getSession(w.ctx, coordinator, networkId, id)).steps;
		expect(steps.map((s) => s.title)).toEqual(['Check-in', 'Post-it round', 'Breakout groups']);
		expect(steps[0]!.prompt).toBe('Tell your neighbour about a prejudice you once had.');
		expect(steps[1]!.maxPerPerson).toBe(3);
		expect(steps[1]!.maxLength).toBe(280);
		expect(steps[2]!.questions.split('\n')).toHaveLength(4);

		await moveStep(w.ctx, coordinator, networkId, id, c.id, 'up');
		await moveStep(w.ctx, coordinator, networkId, id, a.id, 'up'); // already first: no change
		steps = (await getSession(w.ctx, coordinator, networkId, id)).steps;
		expect(steps.map((s) => s.id)).toEqual([a.id, c.id, b.id]);

		await updateStep(w.ctx, coordinator, networkId, id, b.id, {
			title: 'Ideeën 💡 أفكار',
			maxPerPerson: '5',
			isAnonymous: 'yes'
		});
		await expect(
			updateStep(w.ctx, coordinator, networkId, id, b.id, { title: '' })
		).rejects.toBeInstanceOf(ValidationError);
		await removeStep(w.ctx, coordinator, networkId, id, a.id);
		steps = (await getSession(w.ctx, coordinator, networkId, id)).steps;
		expect(steps.map((s) => s.title)).toEqual(['Breakout groups', 'Ideeën 💡 أفكار']);
		expect(steps[1]!.isAnonymous).toBe(1);
		expect(steps[1]!.maxPerPerson).toBe(5);
	});

	it('copies a session as a template, and custom work forms feed the agenda', async () => {
		const { coordinator, networkId } = await network();
		const { id } = await createSession(w.ctx, coordinator, networkId, {
			title: 'Origineel',
			date: '2026-12-01'
		});
		await addStep(w.ctx, coordinator, networkId, id, { kind: 'dot_vote' });
		const wf = await addWorkForm(w.ctx, coordinator, networkId, {
			kind: 'exercise',
			name: 'Vooroordelenbingo',
			purpose: 'Spel',
			instructions: 'Zoek iemand die…',
			defaultMinutes: '20'
		});
		await expect(
			addWorkForm(w.ctx, coordinator, networkId, {
				kind: 'exercise',
				name: 'Vooroordelenbingo',
				purpose: 'x'
			})
		).rejects.toSatisfy(code('conflict'));
		await addStep(w.ctx, coordinator, networkId, id, { workFormId: wf.id });
		const copy = await copySession(w.ctx, coordinator, networkId, id, 'Origineel (kopie)');
		const view = await getSession(w.ctx, coordinator, networkId, copy.id);
		expect(view.session.startsAt).toBeNull();
		expect(view.steps.map((s) => s.title)).toEqual(['Stippen stemmen', 'Vooroordelenbingo']);
		expect(view.steps[1]!.minutes).toBe(20);
		expect(view.steps[0]!.dots).toBe(5);
	});

	it('keeps sessions, steps and work forms inside their network', async () => {
		const a = await network();
		const b = await network();
		const { id } = await createSession(w.ctx, a.coordinator, a.networkId, { title: 'Van A' });
		const step = await addStep(w.ctx, a.coordinator, a.networkId, id, { kind: 'checkin' });
		const wfA = await addWorkForm(w.ctx, a.coordinator, a.networkId, {
			kind: 'exercise',
			name: 'Eigen',
			purpose: 'x'
		});
		const nf = code('not_found');
		await expect(getSession(w.ctx, b.coordinator, a.networkId, id)).rejects.toSatisfy(nf);
		await expect(getSession(w.ctx, b.coordinator, b.networkId, id)).rejects.toSatisfy(nf);
		await expect(
			updateSession(w.ctx, b.coordinator, b.networkId, id, { title: 'Gekaapt' })
		).rejects.toSatisfy(nf);
		await expect(
			addStep(w.ctx, b.coordinator, b.networkId, id, { kind: 'checkin' })
		).rejects.toSatisfy(nf);
		const { id: bSession } = await createSession(w.ctx, b.coordinator, b.networkId, {
			title: 'Van B'
		});
		await expect(
			updateStep(w.ctx, b.coordinator, b.networkId, bSession, step.id, { title: 'x' })
		).rejects.toSatisfy(nf);
		await expect(
			removeStep(w.ctx, b.coordinator, b.networkId, bSession, step.id)
		).rejects.toSatisfy(nf);
		await expect(
			addStep(w.ctx, b.coordinator, b.networkId, bSession, { workFormId: wfA.id })
		).rejects.toSatisfy((e) => e instanceof DomainError && e.key === 'error_step_kind');
		expect((await getSession(w.ctx, a.coordinator, a.networkId, id)).steps).toHaveLength(1);
	});

	it('gives members the calendar file and designers the step page, and nobody else either', async () => {
		const { coordinator, participant, networkId } = await network();
		const other = await network();
		const { id } = await createSession(w.ctx, coordinator, networkId, {
			title: 'Bestand',
			date: '2026-12-10',
			time: '14:00'
		});
		const { id: undated } = await createSession(w.ctx, coordinator, networkId, { title: 'Ooit' });
		const file = await sessionCalendar(w.ctx, participant, networkId, id);
		expect(file?.ics).toContain('DTSTART:20261210T140000');
		expect(file?.filename).toBe(`session-${id}.ics`);
		expect(await sessionCalendar(w.ctx, participant, networkId, undated)).toBeNull();
		await expect(sessionCalendar(w.ctx, other.coordinator, networkId, id)).rejects.toSatisfy(
			code('not_found')
		);
		const { id: stepId } = await addStep(w.ctx, coordinator, networkId, id, { kind: 'checkin' });
		const page = await getStepToEdit(w.ctx, coordinator, networkId, id, stepId);
		expect([page.session.id, page.step.id]).toEqual([id, stepId]);
		await expect(getStepToEdit(w.ctx, participant, networkId, id, stepId)).rejects.toSatisfy(
			code('forbidden')
		);
		await expect(
			getStepToEdit(w.ctx, other.coordinator, other.networkId, id, stepId)
		).rejects.toSatisfy(code('not_found'));
	});

	it('writes a calendar event whose sequence grows when the date changes', async () => {
		const { coordinator, networkId } = await network();
		const { id } = await createSession(w.ctx, coordinator, networkId, {
			title: 'Kalender',
			date: '2026-12-10',
			time: '14:00',
			minutes: '90',
			place: 'Gent'
		});
		const first = (await getSession(w.ctx, coordinator, networkId, id)).session;
		const ics = sessionToIcs(first, {
			networkName: 'Netwerk',
			url: 'http://localhost:3000/s',
			host: 'Bieb',
			description: 'Thema'
		})!;
		expect(ics).toContain('BEGIN:VEVENT');
		expect(ics).toContain(`UID:${id}@olievlek`);
		expect(ics).toMatch(/DTSTART:20261210T140000\r?\n/);
		expect(ics).toMatch(/SEQUENCE:0/);
		await updateSession(w.ctx, coordinator, networkId, id, {
			title: 'Kalender',
			date: '2026-12-17',
			time: '14:00',
			minutes: '90',
			place: 'Gent'
		});
		const moved = (await getSession(w.ctx, coordinator, networkId, id)).session;
		expect(
			sessionToIcs(moved, {
				networkName: 'N',
				url: 'https://olievlek.example/s',
				host: '',
				description: ''
			})
		).toMatch(/SEQUENCE:1/);
		await updateSession(w.ctx, coordinator, networkId, id, {
			title: 'Nieuwe titel',
			date: '2026-12-17',
			time: '14:00',
			minutes: '90',
			place: 'Gent'
		});
		expect((await getSession(w.ctx, coordinator, networkId, id)).session.calendarSequence).toBe(1);
	});

	it('mails members the session with its calendar file, and mails them again when the date moves', async () => {
		const { coordinator, participant, networkId } = await network();
		const { id: undated } = await createSession(w.ctx, coordinator, networkId, { title: 'Ooit' });
		await expect(mailSessionToMembers(w.ctx, coordinator, networkId, undated)).rejects.toSatisfy(
			code('conflict')
		);
		// Only a coordinator or facilitator sends it.
		await expect(mailSessionToMembers(w.ctx, participant, networkId, undated)).rejects.toSatisfy(
			code('forbidden')
		);
		const { id } = await createSession(w.ctx, coordinator, networkId, {
			title: 'Met agenda',
			date: '2026-12-10',
			time: '14:00',
			minutes: '120',
			place: 'Bibliotheek'
		});
		w.mailer.sent.length = 0;
		expect(await mailSessionToMembers(w.ctx, coordinator, networkId, id)).toEqual({ sent: 2 });
		expect(w.mailer.sent.map((x) => x.to).sort()).toEqual(
			[coordinator.email, participant.email].sort()
		);
		const mail = w.mailer.sent[0]!;
		expect(mail.subject).toContain('Met agenda');
		expect(mail.attachments?.[0]?.contentType).toMatch(/^text\/calendar/);
		expect(mail.attachments?.[0]?.content).toMatch(/SEQUENCE:0/);

		// A new title alone sends nothing; a new date sends the change with SEQUENCE 1.
		w.mailer.sent.length = 0;
		const same = { date: '2026-12-10', time: '14:00', minutes: '120', place: 'Bibliotheek' };
		await updateSession(w.ctx, coordinator, networkId, id, { title: 'Met agenda!', ...same });
		expect(w.mailer.sent).toHaveLength(0);
		await updateSession(w.ctx, coordinator, networkId, id, {
			title: 'Met agenda!',
			...same,
			date: '2026-12-17'
		});
		expect(w.mailer.sent).toHaveLength(2);
		expect(w.mailer.sent[0]!.attachments?.[0]?.content).toMatch(/SEQUENCE:1/);
		expect(w.mailer.sent[0]!.attachments?.[0]?.content).toMatch(/DTSTART:20261217T140000/);
		expect(w.mailer.sent[0]!.subject).not.toBe(mail.subject);
	});
});
