import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { ValidationError } from '../../validation.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { leaveNetwork } from '../network/membership.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { createSession } from '../session/session.service.ts';
import { answerCoaching } from '../trajectory/coaching-relation.service.ts';
import { scheduleTalk } from '../trajectory/coaching.service.ts';
import { saveGoal } from '../trajectory/trajectory.service.ts';
import { getCommitment, listCommitments } from './commitment.read.ts';
import { changeState, createCommitment, updateCommitment } from './commitment.service.ts';
import {
	addAction,
	addSprint,
	deleteAction,
	progressAction,
	saveCheckin,
	saveFunding,
	savePlan,
	updateAction
} from './plan.service.ts';

type Person = { userId: string; email: string; name: string };
/** The use case refused with this message key, on this field when one is given. */
const refused = (key: string, field?: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError
		? e.errors.some((x) => x.key === key && (!field || x.field === field))
		: e.key === key && (!field || e.field === field));
const notFound = (e: unknown) => e instanceof DomainError && e.code === 'not_found';
const VIS = ['private', 'coach', 'network'] as const;
const scores = (s: number, note = '') =>
	Object.fromEntries(
		['time', 'money', 'information', 'organisation', 'quality'].flatMap((p) => [
			[`${p}Score`, String(s)],
			[`${p}Note`, note]
		])
	);

describe(`commitments [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	function tokenIn(p: Person) {
		const mail = w.mailer.sent.filter((x) => x.to === p.email).at(-1);
		const token = mail?.text.match(/coaching%2Fanswer%3Ftoken%3D([\w-]+)/)?.[1];
		if (!token) throw new Error(`no coaching answer link in the last mail to ${p.name}`);
		return token;
	}

	/**
	 * A network with an owner, a co-owner, the owner's accepted coach, a facilitator who only
	 * proposed coaching, another participant, the coordinator, and someone of another network.
	 */
	async function cast() {
		const coordinator = await createPerson(w, 'Cora');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Engagement ${crypto.randomUUID()}`
		});
		const owner = await createPerson(w, 'Olga');
		const coOwner = await createPerson(w, 'Bo');
		const coach = await createPerson(w, 'Kees');
		const other = await createPerson(w, 'Pim');
		await addMember(w, coordinator, networkId, owner);
		await addMember(w, coordinator, networkId, coOwner);
		await addMember(w, coordinator, networkId, coach, 'facilitator');
		await addMember(w, coordinator, networkId, other);
		await scheduleTalk(w.ctx, coach, networkId, {
			memberId: owner.userId,
			date: '2026-12-01',
			time: '10:00'
		});
		await answerCoaching(w.ctx, owner, networkId, { token: tokenIn(owner), answer: 'accept' });
		// The co-owner's coach-to-be only proposed: they see what any member sees.
		await scheduleTalk(w.ctx, coordinator, networkId, {
			memberId: coOwner.userId,
			date: '2026-12-02',
			time: '10:00'
		});
		const stranger = await createPerson(w, 'Vreemd');
		const { id: otherNetworkId } = await createNetwork(w.ctx, stranger, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Ander ${crypto.randomUUID()}`
		});
		return { networkId, otherNetworkId, coordinator, owner, coOwner, coach, other, stranger };
	}

	it('every visibility is seen by exactly the right people, in the list and by its address', async () => {
		const c = await cast();
		const n = c.networkId;
		const ids: Record<string, string> = {};
		for (const vis of VIS)
			ids[vis] = (
				await createCommitment(w.ctx, c.owner, n, {
					title: `Engagement ${vis}`,
					visibility: vis
				})
			).id;
		// Shared with a co-owner, kept private: the co-owner sees it too.
		ids.shared = (
			await createCommitment(w.ctx, c.owner, n, {
				title: 'Engagement samen',
				coOwners: [c.coOwner.userId]
			})
		).id;
		const viewers: [string, Person | null][] = [
			['owner', c.owner],
			['co-owner', c.coOwner],
			['accepted coach', c.coach],
			['other participant', c.other],
			['coordinator', c.coordinator],
			['other network', c.stranger],
			['anonymous', null]
		];
		const seen: Record<string, { list: string[]; byUrl: string[] }> = {};
		for (const [who, actor] of viewers) {
			const list = await listCommitments(w.ctx, actor, n).then(
				(l) => l.map((x) => x.title.replace('Engagement ', '')).sort(),
				(e) => {
					if (notFound(e)) return [];
					throw e;
				}
			);
			const byUrl: string[] = [];
			for (const [k, id] of Object.entries(ids)) {
				const ok = await getCommitment(w.ctx, actor, n, id).then(
					() => true,
					(e) => {
						if (notFound(e)) return false;
						throw e;
					}
				);
				if (ok) byUrl.push(k === 'shared' ? 'samen' : k);
			}
			seen[who] = { list, byUrl: byUrl.sort() };
		}
		const all = ['coach', 'network', 'private', 'samen'];
		expect(seen).toEqual({
			owner: { list: all, byUrl: all },
			'co-owner': { list: ['network', 'samen'], byUrl: ['network', 'samen'] },
			'accepted coach': { list: ['coach', 'network'], byUrl: ['coach', 'network'] },
			'other participant': { list: ['network'], byUrl: ['network'] },
			coordinator: { list: ['network'], byUrl: ['network'] },
			'other network': { list: [], byUrl: [] },
			anonymous: { list: [], byUrl: [] }
		});
		// Another network's commitment is not found from a network the viewer is in either.
		await expect(
			getCommitment(w.ctx, c.stranger, c.otherNetworkId, ids.network!)
		).rejects.toSatisfy(notFound);
		// Mine first: the co-owner's list starts with the one they share.
		expect((await listCommitments(w.ctx, c.coOwner, n))[0]!.title).toBe('Engagement samen');
	});

	it('a change of state is dated with a line why; only owners change it', async () => {
		const c = await cast();
		const n = c.networkId;
		const { id } = await createCommitment(w.ctx, c.owner, n, {
			title: 'Ik werk samen met ervaringsdeskundigen',
			firstStep: 'Een mail aan Amal',
			coOwners: [c.coOwner.userId],
			visibility: 'network'
		});
		let got = await getCommitment(w.ctx, c.owner, n, id);
		expect(got.commitment.state).toBe('active');
		expect(got.history.map((h) => h.state)).toEqual(['active']);
		expect(got.plan.hundredDaysOn).toBe('2027-03-03');
		await changeState(w.ctx, c.owner, n, id, { state: 'paused', reason: 'Even geen tijd' });
		await changeState(w.ctx, c.coOwner, n, id, { state: 'active', reason: 'Weer verder' });
		await changeState(w.ctx, c.owner, n, id, { state: 'kept', reason: 'Gelukt!' });
		// Refused, and nothing written: the same state, no reason, a state that does not exist,
		// a member who does not own it.
		await expect(
			changeState(w.ctx, c.owner, n, id, { state: 'kept', reason: 'nog eens' })
		).rejects.toSatisfy(refused('error_state_unchanged', 'state'));
		await expect(
			changeState(w.ctx, c.owner, n, id, { state: 'let_go', reason: '   ' })
		).rejects.toSatisfy(refused('error_required', 'reason'));
		await expect(
			changeState(w.ctx, c.owner, n, id, { state: 'forgotten', reason: 'x' })
		).rejects.toSatisfy(refused('error_commitment_state', 'state'));
		await expect(
			changeState(w.ctx, c.other, n, id, { state: 'let_go', reason: 'weg ermee' })
		).rejects.toMatchObject({ code: 'forbidden' });
		got = await getCommitment(w.ctx, c.other, n, id);
		expect(got.commitment.state).toBe('kept');
		expect(got.history.map((h) => [h.state, h.reason, h.byName])).toEqual([
			['kept', 'Gelukt!', 'Olga'],
			['active', 'Weer verder', 'Bo'],
			['paused', 'Even geen tijd', 'Olga'],
			['active', '', 'Olga']
		]);
		expect(got.history.every((h) => /^\d{4}-\d\d-\d\dT/.test(h.at))).toBe(true);
		// Only the owner changes the commitment itself; a co-owner is refused.
		await expect(
			updateCommitment(w.ctx, c.coOwner, n, id, { title: 'Overgenomen' })
		).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('links the owner’s diamond goal, shown only to whoever may see the goal', async () => {
		const c = await cast();
		const n = c.networkId;
		await saveGoal(w.ctx, c.owner, n, {
			title: 'Inclusief werven',
			state: 'set',
			visibility: 'coach'
		});
		const { id } = await createCommitment(w.ctx, c.owner, n, {
			title: 'Vacatures herschrijven',
			linkGoal: 'on',
			visibility: 'network'
		});
		expect((await getCommitment(w.ctx, c.owner, n, id)).goal).toEqual({
			title: 'Inclusief werven'
		});
		expect((await getCommitment(w.ctx, c.coach, n, id)).goal).toEqual({
			title: 'Inclusief werven'
		});
		expect((await getCommitment(w.ctx, c.other, n, id)).goal).toBeNull();
	});

	it('refuses bad input next to its field and changes nothing', async () => {
		const c = await cast();
		const n = c.networkId;
		const before = await listCommitments(w.ctx, c.owner, n);
		await expect(
			createCommitment(w.ctx, c.owner, n, {
				title: 'Met een vreemde',
				coOwners: [c.stranger.userId]
			})
		).rejects.toSatisfy(refused('error_co_owner_not_member', 'coOwners'));
		// As the form sends it: one checkbox per member.
		await expect(
			createCommitment(w.ctx, c.owner, n, {
				title: 'Met een vreemde',
				[`coOwner_${c.stranger.userId}`]: 'on'
			})
		).rejects.toSatisfy(refused('error_co_owner_not_member', 'coOwners'));
		await expect(createCommitment(w.ctx, c.owner, n, { title: ' \u200B ' })).rejects.toSatisfy(
			refused('error_required', 'title')
		);
		await expect(createCommitment(w.ctx, c.owner, n, { title: 'x'.repeat(201) })).rejects.toSatisfy(
			refused('error_too_long', 'title')
		);
		await expect(
			createCommitment(w.ctx, c.owner, n, { title: 'Goed', needs: 'een\u0000nul' })
		).rejects.toSatisfy(refused('error_control_chars', 'needs'));
		await expect(
			createCommitment(w.ctx, c.owner, n, { title: 'Goed', visibility: 'everyone' })
		).rejects.toSatisfy(refused('error_visibility', 'visibility'));
		// Not a member at all: the network does not exist for them.
		await expect(
			createCommitment(w.ctx, c.stranger, n, { title: 'Binnendringen' })
		).rejects.toSatisfy(notFound);
		expect(await listCommitments(w.ctx, c.owner, n)).toEqual(before);

		const { id } = await createCommitment(w.ctx, c.owner, n, {
			title: 'Trainingen geven',
			[`coOwner_${c.coOwner.userId}`]: 'on'
		});
		await expect(
			addSprint(w.ctx, c.owner, n, id, { startsOn: '2027-03-01', endsOn: '2027-02-01' })
		).rejects.toSatisfy(refused('error_sprint_end_before_start', 'endsOn'));
		await expect(addSprint(w.ctx, c.owner, n, id, { startsOn: '2027-02-30' })).rejects.toSatisfy(
			refused('error_date', 'startsOn')
		);
		const { id: sprintId } = await addSprint(w.ctx, c.owner, n, id, { startsOn: '2027-01-04' });
		await expect(
			addAction(w.ctx, c.owner, n, id, sprintId, { title: 'Bellen', ownerId: c.other.userId })
		).rejects.toSatisfy(refused('error_action_owner', 'ownerId'));
		await expect(
			addAction(w.ctx, c.owner, n, id, sprintId, {
				title: 'Bellen',
				ownerId: c.owner.userId,
				recurrence: 'weeks',
				everyWeeks: '0'
			})
		).rejects.toSatisfy(refused('error_every_weeks', 'everyWeeks'));
		for (const bad of ['0', '6', '2.5', 'veel', ''])
			await expect(
				saveCheckin(w.ctx, c.owner, n, id, sprintId, {
					moment: 'start',
					...scores(3),
					moneyScore: bad
				})
			).rejects.toSatisfy(refused('error_score_range', 'moneyScore'));
		await expect(
			savePlan(w.ctx, c.owner, n, id, { hundredDaysOn: '2027-13-01' })
		).rejects.toSatisfy(refused('error_date', 'hundredDaysOn'));
		// Another network's ids: the commitment, its sprint and its actions are not found there.
		await expect(
			addSprint(w.ctx, c.stranger, c.otherNetworkId, id, { startsOn: '2027-01-04' })
		).rejects.toSatisfy(notFound);
		await expect(
			saveCheckin(w.ctx, c.stranger, c.otherNetworkId, id, sprintId, {
				moment: 'start',
				...scores(3)
			})
		).rejects.toSatisfy(notFound);
		// An id with a control character names nothing (PostgreSQL would refuse the query).
		await expect(
			addAction(w.ctx, c.owner, n, id, 'x\u0000', { title: 'Bellen', ownerId: c.owner.userId })
		).rejects.toSatisfy(notFound);
		await expect(
			progressAction(w.ctx, c.owner, n, id, '\u0000', { progress: 'done' })
		).rejects.toSatisfy(notFound);
		// A member who may see it but does not own it may not change its plan.
		await updateCommitment(w.ctx, c.owner, n, id, {
			title: 'Trainingen geven',
			visibility: 'network',
			coOwners: [c.coOwner.userId]
		});
		await expect(
			addSprint(w.ctx, c.other, n, id, { startsOn: '2027-01-04' })
		).rejects.toMatchObject({ code: 'forbidden' });
		const got = await getCommitment(w.ctx, c.owner, n, id);
		expect(got.sprints).toHaveLength(1);
		expect(got.sprints[0]!.actions).toEqual([]);
		expect(got.sprints[0]!.start).toBeNull();
		expect(got.plan.hundredDaysOn).not.toBe('2027-13-01');
		expect(got.owners.map((o) => o.name)).toEqual(['Olga', 'Bo']);
	});

	it('keeps the plan: 100 days, roles, values, council, funding scenarios, a sprint of ~3 months', async () => {
		const c = await cast();
		const n = c.networkId;
		const { id } = await createCommitment(w.ctx, c.owner, n, { title: 'Plan' });
		await savePlan(w.ctx, c.owner, n, id, {
			hundredDays: 'Drie trainingen gegeven',
			role_connecting: 'on',
			role_advocating: 'on',
			rolesOther: 'verhalenverteller',
			valuesText: 'Gelijkwaardigheid',
			superpowers: 'Ik kan goed luisteren',
			council: 'Amal\nJoost'
		});
		await saveFunding(w.ctx, c.owner, n, id, {
			smallFunds: 'Koffie en zaal',
			smallSource: 'Eigen budget',
			largeFunds: 'Een reeks van tien',
			largeSource: 'Provincie'
		});
		const { id: sprintId } = await addSprint(w.ctx, c.owner, n, id, { startsOn: '2027-01-04' });
		const got = await getCommitment(w.ctx, c.owner, n, id);
		expect(got.plan).toMatchObject({
			hundredDays: 'Drie trainingen gegeven',
			hundredDaysOn: '2027-03-03',
			rolesOther: 'verhalenverteller',
			council: 'Amal\nJoost'
		});
		expect(got.plan.roles.sort()).toEqual(['advocating', 'connecting']);
		expect(got.funding).toEqual([
			{ size: 'small', funds: 'Koffie en zaal', source: 'Eigen budget' },
			{ size: 'medium', funds: '', source: '' },
			{ size: 'large', funds: 'Een reeks van tien', source: 'Provincie' }
		]);
		expect(got.sprints[0]).toMatchObject({
			id: sprintId,
			startsOn: '2027-01-04',
			endsOn: '2027-04-04'
		});
		expect(got.nextCheckin).toEqual({ sprintId, moment: 'start', on: '2027-01-04' });
		// A chosen date stands.
		await savePlan(w.ctx, c.owner, n, id, { hundredDaysOn: '2027-04-01' });
		expect((await getCommitment(w.ctx, c.owner, n, id)).plan.hundredDaysOn).toBe('2027-04-01');
	});

	it('compares the end-of-sprint check-in with the start, point by point', async () => {
		const c = await cast();
		const n = c.networkId;
		const { id } = await createCommitment(w.ctx, c.owner, n, { title: 'Check-in' });
		const { id: sprintId } = await addSprint(w.ctx, c.owner, n, id, {
			startsOn: '2027-01-04',
			endsOn: '2027-03-31'
		});
		await saveCheckin(w.ctx, c.owner, n, id, sprintId, {
			moment: 'start',
			...scores(2, 'weinig'),
			qualityScore: '4'
		});
		let got = await getCommitment(w.ctx, c.owner, n, id);
		expect(got.sprints[0]!.comparison).toBeNull();
		expect(got.sprints[0]!.start?.points.time).toEqual({ score: 2, note: 'weinig' });
		expect(got.nextCheckin).toMatchObject({ moment: 'end', on: '2027-03-31' });
		await saveCheckin(w.ctx, c.owner, n, id, sprintId, {
			moment: 'end',
			...scores(3),
			timeScore: '5',
			qualityScore: '3',
			timeNote: 'uren vrijgemaakt'
		});
		// Saved again, the start check-in is written over, not doubled.
		await saveCheckin(w.ctx, c.owner, n, id, sprintId, {
			moment: 'start',
			...scores(2),
			qualityScore: '4'
		});
		got = await getCommitment(w.ctx, c.owner, n, id);
		expect(
			got.sprints[0]!.comparison!.map((p) => [p.point, p.start?.score, p.end?.score, p.change])
		).toEqual([
			['time', 2, 5, 3],
			['money', 2, 3, 1],
			['information', 2, 3, 1],
			['organisation', 2, 3, 1],
			['quality', 4, 3, -1]
		]);
		expect(got.sprints[0]!.end?.points.time?.note).toBe('uren vrijgemaakt');
		expect(got.nextCheckin).toBeNull();
	});

	it('brings a recurring action back until it is done, counting the attempts', async () => {
		const c = await cast();
		const n = c.networkId;
		w.clock.now = new Date('2027-01-04T09:00:00.000Z');
		const { id } = await createCommitment(w.ctx, c.owner, n, {
			title: 'Derde keer goede keer',
			coOwners: [c.coOwner.userId]
		});
		const { id: sprintId } = await addSprint(w.ctx, c.owner, n, id, { startsOn: '2027-01-04' });
		const { id: weekly } = await addAction(w.ctx, c.owner, n, id, sprintId, {
			title: 'Amal bellen',
			ownerId: c.coOwner.userId,
			dueOn: '2027-01-06',
			recurrence: 'weeks',
			everyWeeks: '2'
		});
		const action = async (actionId: string) =>
			(await getCommitment(w.ctx, c.owner, n, id)).sprints[0]!.actions.find(
				(a) => a.id === actionId
			)!;
		expect(await action(weekly)).toMatchObject({
			dueOn: '2027-01-06',
			attempts: 0,
			ownerName: 'Bo'
		});
		await progressAction(w.ctx, c.coOwner, n, id, weekly, { progress: 'attempt' });
		expect(await action(weekly)).toMatchObject({ dueOn: '2027-01-20', attempts: 1, doneAt: null });
		// Five weeks later, the dates that passed are skipped.
		w.clock.now = new Date('2027-02-08T09:00:00.000Z');
		await progressAction(w.ctx, c.owner, n, id, weekly, { progress: 'attempt' });
		expect(await action(weekly)).toMatchObject({ dueOn: '2027-02-17', attempts: 2 });
		await progressAction(w.ctx, c.owner, n, id, weekly, { progress: 'done' });
		expect(await action(weekly)).toMatchObject({ attempts: 3 });
		expect((await action(weekly)).doneAt).toMatch(/^2027-02-08T/);
		await expect(
			progressAction(w.ctx, c.owner, n, id, weekly, { progress: 'attempt' })
		).rejects.toSatisfy(refused('error_action_already_done'));
		await progressAction(w.ctx, c.owner, n, id, weekly, { progress: 'undo' });
		expect(await action(weekly)).toMatchObject({ attempts: 2, doneAt: null });

		// "After each session": due at the network's next session, moving on to the one after.
		await createSession(w.ctx, c.coordinator, n, {
			title: 'Sessie 3',
			date: '2027-02-11',
			time: '13:00'
		});
		await createSession(w.ctx, c.coordinator, n, {
			title: 'Sessie 4',
			date: '2027-03-18',
			time: '13:00'
		});
		const { id: perSession } = await addAction(w.ctx, c.owner, n, id, sprintId, {
			title: 'Vertellen hoe het ging',
			ownerId: c.owner.userId,
			recurrence: 'session'
		});
		expect(await action(perSession)).toMatchObject({ dueOn: '2027-02-11', recurrence: 'session' });
		w.clock.now = new Date('2027-02-11T15:00:00.000Z');
		await progressAction(w.ctx, c.owner, n, id, perSession, { progress: 'attempt' });
		expect(await action(perSession)).toMatchObject({ dueOn: '2027-03-18', attempts: 1 });
		await progressAction(w.ctx, c.owner, n, id, perSession, { progress: 'attempt' });
		w.clock.now = new Date('2027-03-19T15:00:00.000Z');
		await progressAction(w.ctx, c.owner, n, id, perSession, { progress: 'attempt' });
		// No session planned after that: due at the next one, whenever it is planned.
		expect(await action(perSession)).toMatchObject({ dueOn: null, attempts: 3 });

		// Every N weeks without a date: the first is N weeks from today. Editing keeps the attempts.
		const { id: noDate } = await addAction(w.ctx, c.owner, n, id, sprintId, {
			title: 'Zonder datum',
			ownerId: c.owner.userId,
			recurrence: 'weeks',
			everyWeeks: '3'
		});
		expect(await action(noDate)).toMatchObject({ dueOn: '2027-04-09' });
		await progressAction(w.ctx, c.owner, n, id, noDate, { progress: 'attempt' });
		await expect(
			updateAction(w.ctx, c.owner, n, id, noDate, { title: 'Ander', ownerId: c.other.userId })
		).rejects.toSatisfy(refused('error_action_owner', 'ownerId'));
		await updateAction(w.ctx, c.coOwner, n, id, noDate, {
			title: 'Met datum',
			ownerId: c.coOwner.userId,
			dueOn: '2027-05-01'
		});
		expect(await action(noDate)).toMatchObject({
			title: 'Met datum',
			ownerName: 'Bo',
			dueOn: '2027-05-01',
			recurrence: 'none',
			everyWeeks: null,
			attempts: 1
		});
		await deleteAction(w.ctx, c.owner, n, id, noDate);

		// Deleting an action takes only that action.
		await deleteAction(w.ctx, c.owner, n, id, perSession);
		expect(
			(await getCommitment(w.ctx, c.owner, n, id)).sprints[0]!.actions.map((a) => a.id)
		).toEqual([weekly]);
		w.clock.now = new Date('2026-11-23T10:00:00.000Z');
	});

	it('holds states, scores and sprint dates in the database itself (CHECK constraints)', async () => {
		const c = await cast();
		const { id } = await createCommitment(w.ctx, c.owner, c.networkId, { title: 'Regels' });
		const { id: sprintId } = await addSprint(w.ctx, c.owner, c.networkId, id, {
			startsOn: '2027-01-04'
		});
		const db = w.ctx.db;
		await expect(
			db
				.updateTable('commitment')
				.set({ state: 'forgotten' as never })
				.where('id', '=', id)
				.execute()
		).rejects.toThrow();
		await expect(
			db
				.updateTable('commitmentSprint')
				.set({ endsOn: '2027-01-01' })
				.where('id', '=', sprintId)
				.execute()
		).rejects.toThrow();
		await db
			.insertInto('commitmentCheckin')
			.values({ id: 'ci', sprintId, moment: 'start', byUserId: null, at: '2027-01-04T10:00:00Z' })
			.execute();
		for (const score of [0, 6])
			await expect(
				db
					.insertInto('commitmentCheckinPoint')
					.values({ checkinId: 'ci', point: 'time', score, note: '' })
					.execute()
			).rejects.toThrow();
		await expect(
			db
				.insertInto('commitmentCheckinPoint')
				.values({ checkinId: 'ci', point: 'mood' as never, score: 3, note: '' })
				.execute()
		).rejects.toThrow();
	});

	it('forgets a member who leaves: private commitments go, shared ones stay shown without their name', async () => {
		const c = await cast();
		const n = c.networkId;
		const { id: mine } = await createCommitment(w.ctx, c.owner, n, { title: 'Alleen voor mij' });
		const { id: forCoach } = await createCommitment(w.ctx, c.owner, n, {
			title: 'Voor mijn coach',
			visibility: 'coach'
		});
		const { id: shared } = await createCommitment(w.ctx, c.owner, n, {
			title: 'Voor iedereen',
			visibility: 'network',
			coOwners: [c.coOwner.userId]
		});
		const { id: sprintId } = await addSprint(w.ctx, c.owner, n, shared, { startsOn: '2027-01-04' });
		await addAction(w.ctx, c.owner, n, shared, sprintId, {
			title: 'Van Olga',
			ownerId: c.owner.userId
		});
		await saveCheckin(w.ctx, c.owner, n, shared, sprintId, { moment: 'start', ...scores(3) });
		// Olga is also co-owner of Pim's private commitment.
		const { id: pims } = await createCommitment(w.ctx, c.other, n, {
			title: 'Van Pim',
			coOwners: [c.owner.userId]
		});
		await leaveNetwork(w.ctx, c.owner, n);

		const db = w.ctx.db;
		const left = await db
			.selectFrom('commitment')
			.select(['id', 'userId'])
			.where('id', 'in', [mine, forCoach, shared, pims])
			.orderBy('title')
			.execute();
		expect(left.map((r) => r.id).sort()).toEqual([pims, shared].sort());
		// The shared one stays in the network's record; the reads name her no more.
		expect(left.find((r) => r.id === shared)!.userId).toBe(c.owner.userId);
		// Nothing of the shared commitment names her any more.
		const rows = JSON.stringify([
			await db.selectFrom('commitmentOwner').selectAll().execute(),
			await db
				.selectFrom('commitmentEvent')
				.selectAll()
				.where('commitmentId', '=', shared)
				.execute(),
			await db
				.selectFrom('commitmentAction')
				.selectAll()
				.where('sprintId', '=', sprintId)
				.execute(),
			await db
				.selectFrom('commitmentCheckin')
				.selectAll()
				.where('sprintId', '=', sprintId)
				.execute()
		]);
		expect(rows).not.toContain(c.owner.userId);
		// The co-owner keeps the plan; the others see it as a former member's; Pim's stays his.
		const got = await getCommitment(w.ctx, c.coOwner, n, shared);
		expect(got.isKeeper).toBe(true);
		expect(got.owners.map((o) => o.name)).toEqual(['Bo']);
		await addSprint(w.ctx, c.coOwner, n, shared, { startsOn: '2027-04-05' });
		const list = await listCommitments(w.ctx, c.coordinator, n);
		expect(list.map((x) => [x.title, x.ownerName])).toEqual([['Voor iedereen', null]]);
		expect((await getCommitment(w.ctx, c.other, n, pims)).owners.map((o) => o.name)).toEqual([
			'Pim'
		]);
	});
});
