import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { isRefused, runForm } from '../../forms.ts';
import { ValidationError } from '../../validation.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { leaveNetwork } from '../network/membership.service.ts';
import { addCanvasItem, createCanvas, getCanvas, linkFit } from './canvas.service.ts';
import {
	addAgendaItem,
	getTalk,
	moveTalk,
	savePrivateNote,
	saveTalkNotes,
	scheduleTalk
} from './coaching.service.ts';
import { coachOverview, timeline } from './coach-overview.service.ts';
import {
	answerCoaching,
	endCoaching,
	myCoaching,
	proposalByToken
} from './coaching-relation.service.ts';
import { olievlek } from './olievlek.service.ts';
import {
	addConversation,
	addReflection,
	saveGoal,
	saveIntent,
	setVisibility
} from './trajectory.service.ts';
import { memberTrajectory, myTrajectory } from './trajectory.read.ts';
import { privateNoteInput } from './trajectory.schema.ts';

type Person = { userId: string; email: string; name: string };
const refused = (key: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e.key === key || (e instanceof ValidationError && e.errors.some((x) => x.key === key)));
const VIS = ['private', 'coach', 'network'] as const;

describe(`personal trajectories [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	/** The token in the newest mail's "say yes or no" link to this person. */
	function tokenIn(p: Person) {
		const mail = w.mailer.sent.filter((x) => x.to === p.email).at(-1);
		const token = mail?.text.match(/coaching%2Fanswer%3Ftoken%3D([\w-]+)/)?.[1];
		if (!token) throw new Error(`no coaching answer link in the last mail to ${p.name}`);
		return token;
	}

	/**
	 * A network with an owner, their coach (who planned a talk; the owner accepted unless
	 * `accept` is false), another participant and a coordinator who does not coach them.
	 */
	async function cast({ accept = true } = {}) {
		const coordinator = await createPerson(w, 'Cora');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Traject ${crypto.randomUUID()}`
		});
		const owner = await createPerson(w, 'Olga');
		const coach = await createPerson(w, 'Kees');
		const other = await createPerson(w, 'Pim');
		await addMember(w, coordinator, networkId, owner);
		await addMember(w, coordinator, networkId, coach, 'facilitator');
		await addMember(w, coordinator, networkId, other);
		const talk = await scheduleTalk(w.ctx, coach, networkId, {
			memberId: owner.userId,
			date: '2026-12-01',
			time: '10:00',
			place: 'https://meet.example/kees'
		});
		if (accept)
			await answerCoaching(w.ctx, owner, networkId, { token: tokenIn(owner), answer: 'accept' });
		const stranger = await createPerson(w, 'Vreemd');
		await createNetwork(w.ctx, stranger, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Ander ${crypto.randomUUID()}`
		});
		return { networkId, coordinator, owner, coach, other, stranger, talkId: talk.id };
	}

	it('every item at every visibility is seen by exactly the right people (the matrix)', async () => {
		// The coach's relation goes through each of its states in every round: proposed by a talk,
		// declined, proposed again and accepted by the mail's link, then ended by the member.
		const c = await cast({ accept: false });
		const n = c.networkId;
		let talkDay = 1;
		const planTalk = () =>
			scheduleTalk(w.ctx, c.coach, n, {
				memberId: c.owner.userId,
				date: `2027-01-${String(talkDay++).padStart(2, '0')}`,
				time: '10:00'
			});
		const relationId = async () => (await myCoaching(w.ctx, c.owner, n))!.id;
		// One of each item per visibility: the owner's intent, goal, canvas, conversation, reflection.
		const seen: Record<string, Record<string, string[]>> = {};
		for (const vis of VIS) {
			await saveIntent(w.ctx, c.owner, n, { text: `Intentie ${vis}`, visibility: vis });
			await saveGoal(w.ctx, c.owner, n, { title: `Doel ${vis}`, state: 'set', visibility: vis });
			const canvas = await createCanvas(w.ctx, c.owner, n, {
				title: `Canvas ${vis}`,
				visibility: vis
			});
			await addConversation(w.ctx, c.owner, n, {
				kind: 'real',
				withWhom: `Gesprek ${vis}`,
				visibility: vis
			});
			await addReflection(w.ctx, c.owner, n, { stayed: `Reflectie ${vis}`, visibility: vis });
			const look = async (who: string, actor: Person | null) => {
				const got: string[] = [];
				try {
					const t = await memberTrajectory(w.ctx, actor, n, c.owner.userId);
					if (t.intent) got.push('intent');
					if (t.goal) got.push('goal');
					if (t.canvases.some((x) => x.title === `Canvas ${vis}`)) got.push('canvas');
					if (t.conversations.some((x) => x.withWhom === `Gesprek ${vis}`))
						got.push('conversation');
					if (t.reflections.some((x) => x.stayed === `Reflectie ${vis}`)) got.push('reflection');
				} catch (e) {
					if (!(e instanceof DomainError && e.code === 'not_found')) throw e;
				}
				// By URL: the canvas page and the olievlek.
				const byUrl = await getCanvas(w.ctx, actor, n, canvas.id).then(
					() => true,
					(e) => {
						if (e instanceof DomainError && e.code === 'not_found') return false;
						throw e;
					}
				);
				expect(byUrl, `${who} opens the ${vis} canvas by its address`).toBe(got.includes('canvas'));
				const flek = await olievlek(w.ctx, actor, n).then(
					(o) => o.goals.some((g) => g.title === `Doel ${vis}`),
					() => false
				);
				if (flek) got.push('olievlek');
				(seen[vis] ??= {})[who] = got;
			};
			const viewers: [string, Person | null][] = [
				['owner', c.owner],
				['other participant', c.other],
				['coordinator', c.coordinator],
				['other network', c.stranger],
				['anonymous', null]
			];
			for (const [who, actor] of viewers) await look(who, actor);
			// The coach, in each state of the relation.
			await look('proposed coach', c.coach);
			await answerCoaching(w.ctx, c.owner, n, {
				relationId: await relationId(),
				answer: 'decline'
			});
			await look('declined coach', c.coach);
			await planTalk();
			await answerCoaching(w.ctx, c.owner, n, { token: tokenIn(c.owner), answer: 'accept' });
			await look('accepted coach', c.coach);
			await endCoaching(w.ctx, c.owner, n, { relationId: await relationId() });
			await look('ended coach', c.coach);
			// Proposed again for the next round.
			await planTalk();
			// Leave this round's canvas, conversation and reflection private for the next one.
			for (const t of ['canvas'] as const)
				await setVisibility(w.ctx, c.owner, n, t, canvas.id, 'private');
		}
		const all = ['intent', 'goal', 'canvas', 'conversation', 'reflection'];
		const nobody = {
			'other participant': [],
			coordinator: [],
			'other network': [],
			anonymous: [],
			'proposed coach': [],
			'declined coach': [],
			'ended coach': []
		};
		expect(seen).toEqual({
			private: { owner: all, 'accepted coach': [], ...nobody },
			coach: { owner: all, 'accepted coach': all, ...nobody },
			network: {
				owner: [...all, 'olievlek'],
				'accepted coach': [...all, 'olievlek'],
				'proposed coach': [...all, 'olievlek'],
				'declined coach': [...all, 'olievlek'],
				'ended coach': [...all, 'olievlek'],
				'other participant': [...all, 'olievlek'],
				coordinator: [...all, 'olievlek'],
				'other network': [],
				anonymous: []
			}
		});
	});

	it('becoming a coach needs the member’s yes; only the member answers, once, and may end it', async () => {
		const c = await cast({ accept: false });
		const n = c.networkId;
		await saveGoal(w.ctx, c.owner, n, {
			title: 'Voor de coach',
			state: 'set',
			visibility: 'coach'
		});
		// The talk's mail asks; the database keeps only a hash of the link's token.
		const token = tokenIn(c.owner);
		const row = await w.ctx.db
			.selectFrom('coachingRelation')
			.selectAll()
			.where('networkId', '=', n)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ state: 'proposed', coachId: c.coach.userId, answeredAt: null });
		expect(row.tokenHash).not.toContain(token);
		expect(
			JSON.stringify(await w.ctx.db.selectFrom('coachingRelation').selectAll().execute())
		).not.toContain(token);
		// While proposed: the talk is the two people's, but nothing shared with a coach is.
		expect((await getTalk(w.ctx, c.coach, n, c.talkId)).isCoach).toBe(true);
		expect((await getTalk(w.ctx, c.owner, n, c.talkId)).talk.id).toBe(c.talkId);
		expect((await memberTrajectory(w.ctx, c.coach, n, c.owner.userId)).goal).toBeUndefined();
		await expect(timeline(w.ctx, c.coach, n, c.owner.userId)).rejects.toSatisfy(
			refused('error_not_found')
		);
		const o = await coachOverview(w.ctx, c.coach, n);
		expect(o.rows.map((r) => [r.member.name, r.accepted, r.goal])).toEqual([['Olga', false, null]]);
		// Nobody but the member can answer: not the coach, not another member with the link.
		const id = (await myCoaching(w.ctx, c.owner, n))!.id;
		await expect(
			answerCoaching(w.ctx, c.coach, n, { relationId: id, answer: 'accept' })
		).rejects.toSatisfy(refused('error_not_found'));
		await expect(answerCoaching(w.ctx, c.other, n, { token, answer: 'accept' })).rejects.toSatisfy(
			refused('error_not_found')
		);
		await expect(proposalByToken(w.ctx, c.other, n, token)).rejects.toSatisfy(
			refused('error_not_found')
		);
		await expect(proposalByToken(w.ctx, c.owner, n, 'not-a-token')).rejects.toSatisfy(
			refused('error_not_found')
		);
		await expect(answerCoaching(w.ctx, c.owner, n, { token, answer: 'maybe' })).rejects.toSatisfy(
			refused('error_coaching_answer')
		);
		expect(await proposalByToken(w.ctx, c.owner, n, token)).toMatchObject({ coachName: 'Kees' });
		// Another coordinator cannot step in while the proposal is open.
		await expect(
			scheduleTalk(w.ctx, c.coordinator, n, {
				memberId: c.owner.userId,
				date: '2026-12-08',
				time: '10:00'
			})
		).rejects.toSatisfy(refused('error_other_coach'));
		// The member says yes by the link; the link works once.
		await answerCoaching(w.ctx, c.owner, n, { token, answer: 'accept' });
		await expect(
			answerCoaching(w.ctx, c.owner, n, { relationId: id, answer: 'decline' })
		).rejects.toSatisfy(refused('error_coaching_not_proposed'));
		await expect(answerCoaching(w.ctx, c.owner, n, { token, answer: 'accept' })).rejects.toSatisfy(
			refused('error_not_found')
		);
		expect((await memberTrajectory(w.ctx, c.coach, n, c.owner.userId)).goal?.title).toBe(
			'Voor de coach'
		);
		expect((await coachOverview(w.ctx, c.coach, n)).rows[0]).toMatchObject({
			accepted: true,
			goal: { title: 'Voor de coach' }
		});
		// A further talk does not ask again.
		const before = w.mailer.sent.length;
		await scheduleTalk(w.ctx, c.coach, n, {
			memberId: c.owner.userId,
			date: '2026-12-09',
			time: '10:00'
		});
		expect(w.mailer.sent.slice(before).map((x) => x.text)).not.toContainEqual(
			expect.stringContaining('coaching%2Fanswer')
		);
		// Only the member ends it; then the coach reads nothing shared with a coach, and the
		// other coordinator may propose.
		await expect(endCoaching(w.ctx, c.coach, n, { relationId: id })).rejects.toSatisfy(
			refused('error_not_found')
		);
		await endCoaching(w.ctx, c.owner, n, { relationId: id });
		await expect(endCoaching(w.ctx, c.owner, n, { relationId: id })).rejects.toSatisfy(
			refused('error_not_found')
		);
		expect(
			await w.ctx.db
				.selectFrom('coachingRelation')
				.select(['state', 'endedAt'])
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).toMatchObject({ state: 'ended', endedAt: expect.any(String) });
		expect((await memberTrajectory(w.ctx, c.coach, n, c.owner.userId)).goal).toBeUndefined();
		expect((await getTalk(w.ctx, c.coach, n, c.talkId)).isCoach).toBe(true);
		expect(await myCoaching(w.ctx, c.owner, n)).toBeNull();
		await scheduleTalk(w.ctx, c.coordinator, n, {
			memberId: c.owner.userId,
			date: '2026-12-10',
			time: '10:00'
		});
		expect((await myCoaching(w.ctx, c.owner, n))?.coachName).toBe('Cora');
	});

	it('the database refuses a relation in an unknown state or a second open one', async () => {
		const c = await cast();
		const base = {
			networkId: c.networkId,
			memberId: c.owner.userId,
			proposedAt: '2026-12-01T10:00:00.000Z'
		};
		await expect(
			w.ctx.db
				.insertInto('coachingRelation')
				.values({ ...base, id: 'x1', coachId: c.other.userId, state: 'maybe' as 'proposed' })
				.execute()
		).rejects.toThrow();
		// Kees's relation is accepted: a second open one for the same member is refused.
		await expect(
			w.ctx.db
				.insertInto('coachingRelation')
				.values({ ...base, id: 'x2', coachId: c.coordinator.userId, state: 'proposed' })
				.execute()
		).rejects.toThrow();
		await expect(
			w.ctx.db
				.insertInto('coachingRelation')
				.values({ ...base, id: 'x3', coachId: c.coordinator.userId, state: 'accepted' })
				.execute()
		).rejects.toThrow();
	});

	it('a talk is for its two people; the coach’s notes for the coach alone', async () => {
		const c = await cast();
		const n = c.networkId;
		// The invitation went to the member with a calendar file.
		const mail = w.mailer.sent.find((x) => x.to === c.owner.email && /Kees/.test(x.subject))!;
		expect(mail.attachments?.[0]?.content).toContain('BEGIN:VEVENT');
		await addAgendaItem(w.ctx, c.owner, n, c.talkId, { text: 'Mijn leidinggevende twijfelt' });
		await addAgendaItem(w.ctx, c.coach, n, c.talkId, { text: 'Hoe ging het gesprek?' });
		await saveTalkNotes(w.ctx, c.coach, n, c.talkId, {
			status: 'held',
			sharedNotes: 'We oefenden het gesprek.',
			nextSteps: 'Afspraak maken met de directeur'
		});
		await savePrivateNote(w.ctx, c.coach, n, c.talkId, {
			privateNote: 'Let op: spanning in het team'
		});
		const forOwner = await getTalk(w.ctx, c.owner, n, c.talkId);
		expect(forOwner.agenda.map((a) => a.text)).toEqual([
			'Mijn leidinggevende twijfelt',
			'Hoe ging het gesprek?'
		]);
		expect(forOwner.talk.sharedNotes).toBe('We oefenden het gesprek.');
		expect(forOwner.privateNote).toBeNull();
		expect(JSON.stringify(forOwner)).not.toContain('spanning');
		expect((await getTalk(w.ctx, c.coach, n, c.talkId)).privateNote).toBe(
			'Let op: spanning in het team'
		);
		// Not the other participant, not the coordinator, not another network.
		for (const p of [c.other, c.coordinator, c.stranger, null])
			await expect(getTalk(w.ctx, p, n, c.talkId)).rejects.toSatisfy(refused('error_not_found'));
		await expect(
			savePrivateNote(w.ctx, c.owner, n, c.talkId, { privateNote: 'x' })
		).rejects.toSatisfy(refused('error_not_found'));
		await expect(
			saveTalkNotes(w.ctx, c.owner, n, c.talkId, { sharedNotes: 'x' })
		).rejects.toSatisfy(refused('error_forbidden'));
		// The form posts the note as `privateNote`, the contract's name: a note too long is
		// refused next to that field (not only in the summary) and keeps the stored note.
		const posted = { privateNote: 'x'.repeat(10_001) };
		const refusedNote = await runForm(privateNoteInput, posted, () =>
			savePrivateNote(w.ctx, c.coach, n, c.talkId, posted)
		);
		expect(isRefused(refusedNote) && refusedNote.data.errors.map((e) => e.field)).toEqual([
			'privateNote'
		]);
		expect((await getTalk(w.ctx, c.coach, n, c.talkId)).privateNote).toBe(
			'Let op: spanning in het team'
		);
		// A date or time that does not exist is refused before anything is written.
		for (const [date, time, key] of [
			['2026-13-45', '10:00', 'error_date'],
			['2026-02-30', '10:00', 'error_date'],
			['2026-12-08', '24:99', 'error_time']
		] as const)
			await expect(
				scheduleTalk(w.ctx, c.coach, n, { memberId: c.other.userId, date, time })
			).rejects.toSatisfy(refused(key));
		expect(
			await w.ctx.db
				.selectFrom('coachingRelation')
				.select(['memberId', 'state'])
				.where('networkId', '=', n)
				.execute()
		).toEqual([{ memberId: c.owner.userId, state: 'accepted' }]);
		// Another coordinator cannot take over a member who has a coach.
		await expect(
			scheduleTalk(w.ctx, c.coordinator, n, {
				memberId: c.owner.userId,
				date: '2026-12-08',
				time: '10:00'
			})
		).rejects.toSatisfy(refused('error_other_coach'));
		await expect(
			scheduleTalk(w.ctx, c.other, n, {
				memberId: c.owner.userId,
				date: '2026-12-08',
				time: '10:00'
			})
		).rejects.toSatisfy(refused('error_forbidden'));
		// The timeline: the member and the coach; nobody else.
		await saveGoal(w.ctx, c.owner, n, {
			title: 'Een inclusieve werving',
			state: 'forming',
			visibility: 'private'
		});
		const mine = await timeline(w.ctx, c.owner, n, c.owner.userId);
		expect(mine.map((e) => e.kind).sort()).toEqual(['goal', 'talk']);
		const coachView = await timeline(w.ctx, c.coach, n, c.owner.userId);
		expect(coachView.map((e) => e.kind)).toEqual(['talk']);
		await expect(timeline(w.ctx, c.coordinator, n, c.owner.userId)).rejects.toSatisfy(
			refused('error_not_found')
		);
	});

	it('a coach who no longer may coach stops seeing what was shared with the coach', async () => {
		const c = await cast();
		const n = c.networkId;
		await saveGoal(w.ctx, c.owner, n, {
			title: 'Voor de coach',
			state: 'set',
			visibility: 'coach'
		});
		expect((await memberTrajectory(w.ctx, c.coach, n, c.owner.userId)).goal?.title).toBe(
			'Voor de coach'
		);
		const { changeRole } = await import('../network/membership.service.ts');
		const membership = await w.ctx.db
			.selectFrom('membership')
			.select('id')
			.where('networkId', '=', n)
			.where('userId', '=', c.coach.userId)
			.executeTakeFirstOrThrow();
		await changeRole(w.ctx, c.coordinator, n, { membershipId: membership.id, role: 'participant' });
		expect((await memberTrajectory(w.ctx, c.coach, n, c.owner.userId)).goal).toBeUndefined();
		expect(await myCoaching(w.ctx, c.owner, n)).toBeNull();
		// The talk they had stays theirs to read.
		expect((await getTalk(w.ctx, c.coach, n, c.talkId)).isCoach).toBe(true);
	});

	it('a moved or cancelled talk reaches the member’s calendar as the same event', async () => {
		const c = await cast();
		const n = c.networkId;
		await expect(
			moveTalk(w.ctx, c.coach, n, c.talkId, { date: '2026-02-31', time: '10:00' })
		).rejects.toSatisfy(refused('error_date'));
		await expect(
			moveTalk(w.ctx, c.owner, n, c.talkId, { date: '2026-12-03', time: '10:00' })
		).rejects.toSatisfy(refused('error_forbidden'));
		await moveTalk(w.ctx, c.coach, n, c.talkId, {
			date: '2026-12-03',
			time: '14:30',
			place: 'Kamer 2'
		});
		const moved = w.mailer.sent.at(-1)!;
		expect(moved.to).toBe(c.owner.email);
		// The date reads in the network's language, as it does on every page.
		expect(moved.subject).toContain('donderdag 3 december 2026, 14:30');
		expect(moved.subject).not.toContain('2026-12-03');
		const ics = moved.attachments![0]!.content;
		expect(ics).toContain(`UID:${c.talkId}@olievlek-coaching`);
		expect(ics).toContain('SEQUENCE:1');
		expect(ics).toContain('DTSTART:20261203T143000');
		await saveTalkNotes(w.ctx, c.coach, n, c.talkId, { status: 'cancelled' });
		const cancelled = w.mailer.sent.at(-1)!.attachments![0]!.content;
		expect(cancelled).toContain('STATUS:CANCELLED');
		expect(cancelled).toContain('SEQUENCE:2');
		expect((await getTalk(w.ctx, c.owner, n, c.talkId)).talk).toMatchObject({
			startsAt: '2026-12-03T14:30',
			place: 'Kamer 2',
			status: 'cancelled'
		});
	});

	it('a move or a cancellation and its mail commit together: no change without its mail', async () => {
		const c = await cast();
		const n = c.networkId;
		const before = (await getTalk(w.ctx, c.coach, n, c.talkId)).talk;
		// The mail job cannot be written (a full disk, a lost connection): nothing is changed.
		const send = w.mailer.send;
		w.mailer.send = async () => {
			throw new Error('the job could not be written');
		};
		try {
			await expect(
				moveTalk(w.ctx, c.coach, n, c.talkId, { date: '2026-12-04', time: '09:00' })
			).rejects.toThrow('the job could not be written');
			await expect(
				saveTalkNotes(w.ctx, c.coach, n, c.talkId, { status: 'cancelled' })
			).rejects.toThrow('the job could not be written');
		} finally {
			w.mailer.send = send;
		}
		expect((await getTalk(w.ctx, c.coach, n, c.talkId)).talk).toMatchObject({
			startsAt: before.startsAt,
			sequence: before.sequence,
			status: before.status
		});
	});

	it('the coach overview flags who has had no talk and whose goal has not moved', async () => {
		const c = await cast();
		const n = c.networkId;
		await saveGoal(w.ctx, c.owner, n, { title: 'Doel', state: 'set', visibility: 'coach' });
		let o = await coachOverview(w.ctx, c.coach, n);
		expect(o.rows.map((r) => [r.member.name, r.goal?.state, !!r.next])).toEqual([
			['Olga', 'set', true]
		]);
		expect(o.upcoming).toHaveLength(1);
		// Months later, with the talk long past and the goal unchanged.
		w.clock.now = new Date(w.clock.now.getTime() + 120 * 86_400_000);
		o = await coachOverview(w.ctx, c.coach, n);
		expect(o.rows[0]).toMatchObject({ quiet: true, still: true, next: null });
		await expect(coachOverview(w.ctx, c.other, n)).rejects.toSatisfy(refused('error_forbidden'));
	});

	it('the olievlek counts shared goals over time; nothing private appears', async () => {
		const c = await cast();
		const n = c.networkId;
		await saveGoal(w.ctx, c.owner, n, {
			title: 'Gedeeld doel',
			state: 'set',
			theme: 'werk',
			visibility: 'network'
		});
		await saveGoal(w.ctx, c.other, n, {
			title: 'Geheim doel',
			state: 'reached',
			visibility: 'private'
		});
		w.clock.now = new Date(w.clock.now.getTime() + 40 * 86_400_000);
		await saveGoal(w.ctx, c.owner, n, {
			title: 'Gedeeld doel',
			state: 'reached',
			theme: 'werk',
			visibility: 'network'
		});
		const o = await olievlek(w.ctx, c.other, n);
		expect(o.goals.map((g) => [g.title, g.state])).toEqual([['Gedeeld doel', 'reached']]);
		expect(o.growth.at(0)).toMatchObject({ set: 1, reached: 0 });
		expect(o.growth.at(-1)).toMatchObject({ set: 0, reached: 1 });
		expect(JSON.stringify(o)).not.toContain('Geheim');
		const t = await myTrajectory(w.ctx, c.owner, n);
		expect(t.history.map((h) => h.change)).toEqual(['state', 'shared', 'created']);
		// A goal kept private for months and then shared counts only from the day it was shared.
		w.clock.now = new Date(w.clock.now.getTime() + 40 * 86_400_000);
		await saveGoal(w.ctx, c.other, n, {
			title: 'Geheim doel',
			state: 'reached',
			visibility: 'network'
		});
		const later = await olievlek(w.ctx, c.owner, n);
		expect(later.growth.at(-1)).toMatchObject({ reached: 2 });
		expect(later.growth.at(-2)).toMatchObject({ reached: 1 });
	});

	it('a canvas is built and checked; bad input changes nothing', async () => {
		const c = await cast();
		const n = c.networkId;
		await saveGoal(w.ctx, c.owner, n, { title: 'Iedereen welkom in de bieb', state: 'set' });
		const a = await createCanvas(w.ctx, c.owner, n, { title: 'Mijn directeur' });
		const b = await createCanvas(w.ctx, c.owner, n, { title: 'Een collega' });
		const pain = await addCanvasItem(w.ctx, c.owner, n, a.id, {
			section: 'pains',
			text: 'Geen tijd'
		});
		const gain = await addCanvasItem(w.ctx, c.owner, n, a.id, {
			section: 'gains',
			text: 'Meer bezoekers'
		});
		const reliever = await addCanvasItem(w.ctx, c.owner, n, a.id, {
			section: 'relievers',
			text: 'Kant-en-klaar plan'
		});
		const otherPain = await addCanvasItem(w.ctx, c.owner, n, b.id, {
			section: 'pains',
			text: 'Ander'
		});
		await linkFit(w.ctx, c.owner, n, a.id, { fromId: reliever.id, toId: pain.id });
		await linkFit(w.ctx, c.owner, n, a.id, { fromId: reliever.id, toId: pain.id }); // twice: once
		const got = await getCanvas(w.ctx, c.owner, n, a.id);
		expect(got.sections.products.map((i) => i.text)).toEqual(['Iedereen welkom in de bieb']);
		expect(got.fits).toEqual([{ fromId: reliever.id, toId: pain.id }]);
		await expect(
			linkFit(w.ctx, c.owner, n, a.id, { fromId: reliever.id, toId: otherPain.id })
		).rejects.toSatisfy(refused('error_canvas_item_unknown'));
		await expect(
			linkFit(w.ctx, c.owner, n, a.id, { fromId: reliever.id, toId: gain.id })
		).rejects.toSatisfy(refused('error_fit_mismatch'));
		await expect(
			addCanvasItem(w.ctx, c.owner, n, a.id, { section: 'pains', text: 'x'.repeat(301) })
		).rejects.toSatisfy(refused('error_too_long'));
		await expect(
			addCanvasItem(w.ctx, c.owner, n, a.id, { section: 'pains', text: '  ' })
		).rejects.toSatisfy(refused('error_required'));
		// Someone else cannot write on it, even their coach.
		await expect(
			addCanvasItem(w.ctx, c.coach, n, a.id, { section: 'pains', text: 'x' })
		).rejects.toSatisfy(refused('error_not_found'));
		await expect(saveGoal(w.ctx, c.owner, n, { title: '', state: 'set' })).rejects.toSatisfy(
			refused('error_required')
		);
		await expect(
			saveIntent(w.ctx, c.owner, n, { text: 'x', visibility: 'everyone' })
		).rejects.toSatisfy(refused('error_visibility'));
		const after = await getCanvas(w.ctx, c.owner, n, a.id);
		expect(after.sections.pains.map((i) => i.text)).toEqual(['Geen tijd']);
		expect((await myTrajectory(w.ctx, c.owner, n)).goal?.title).toBe('Iedereen welkom in de bieb');
	});

	it('a member who leaves takes their private items; what they shared stays without their name', async () => {
		const c = await cast();
		const n = c.networkId;
		await saveGoal(w.ctx, c.owner, n, { title: 'Gedeeld', state: 'set', visibility: 'network' });
		await addReflection(w.ctx, c.owner, n, { stayed: 'Privé', visibility: 'private' });
		await addConversation(w.ctx, c.owner, n, {
			kind: 'planned',
			withWhom: 'Coach-only',
			visibility: 'coach'
		});
		await leaveNetwork(w.ctx, c.owner, n);
		const o = await olievlek(w.ctx, c.other, n);
		expect(o.goals).toMatchObject([{ title: 'Gedeeld', userId: null, memberName: null }]);
		for (const t of ['reflection', 'conversation', 'intent', 'canvas'] as const)
			expect(
				await w.ctx.db
					.selectFrom(t)
					.select('id')
					.where('networkId', '=', n)
					.where('visibility', '!=', 'network')
					.execute()
			).toEqual([]);
		expect(
			await w.ctx.db.selectFrom('coachingTalk').select('id').where('networkId', '=', n).execute()
		).toEqual([]);
		expect(
			await w.ctx.db.selectFrom('goal').select('userId').where('networkId', '=', n).execute()
		).toEqual([{ userId: null }]);
	});
});
