import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { ValidationError } from '../../validation.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { answerCoaching } from '../trajectory/coaching-relation.service.ts';
import { saveTalkNotes, scheduleTalk } from '../trajectory/coaching.service.ts';
import { commitmentsOfCoachees } from './coach.read.ts';
import { createCommitment, updateCommitment } from './commitment.service.ts';
import { talkProgress, talksAbout } from './progress.read.ts';
import { linkTalk, unlinkTalk } from './progress.service.ts';

type Person = { userId: string; email: string; name: string };
/** Refused with this message key (on the commitment field when it names one). */
const refused = (key: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError ? e.errors.some((x) => x.key === key) : e.key === key);
const notFound = (e: unknown) =>
	e instanceof DomainError && e.code === 'not_found' && e.key === 'error_not_found';

describe(`progress conversations: coaching talks about a commitment [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	const tokenIn = (p: Person) =>
		w.mailer.sent
			.filter((x) => x.to === p.email)
			.at(-1)!
			.text.match(/coaching%2Fanswer%3Ftoken%3D([\w-]+)/)![1]!;

	async function network(coordinator: Person, name: string) {
		return (
			await createNetwork(w.ctx, coordinator, {
				purpose: 'x',
				coreValue: 'y',
				language: 'nl',
				name: `${name} ${crypto.randomUUID()}`
			})
		).id;
	}

	/**
	 * Olga (with a private, a "me and my coach" and a network commitment, the last co-owned by Bo),
	 * her coach Kees, Pim with a commitment of his own, and a second network where Kees coaches
	 * Olga too.
	 */
	async function cast() {
		w.clock.now = new Date('2027-01-10T09:00:00Z');
		const cora = await createPerson(w, 'Cora');
		const n = await network(cora, 'Voortgang');
		const olga = await createPerson(w, 'Olga');
		const bo = await createPerson(w, 'Bo');
		const kees = await createPerson(w, 'Kees');
		const pim = await createPerson(w, 'Pim');
		await addMember(w, cora, n, olga);
		await addMember(w, cora, n, bo);
		await addMember(w, cora, n, kees, 'facilitator');
		await addMember(w, cora, n, pim);
		const made = async (p: Person, title: string, visibility: string, coOwners: string[] = []) =>
			(await createCommitment(w.ctx, p, n, { title, visibility, coOwners })).id;
		const privé = await made(olga, 'Privé', 'private');
		const coachOnly = await made(olga, 'Met mijn coach', 'coach');
		const shared = await made(olga, 'Samen', 'network', [bo.userId]);
		const pims = await made(pim, 'Van Pim', 'network');
		const { id: talk } = await scheduleTalk(w.ctx, kees, n, {
			memberId: olga.userId,
			date: '2027-01-20',
			time: '10:00'
		});
		const token = tokenIn(olga);
		const n2 = await network(cora, 'Ander netwerk');
		await addMember(w, cora, n2, olga);
		await addMember(w, cora, n2, kees, 'facilitator');
		const { id: otherTalk } = await scheduleTalk(w.ctx, kees, n2, {
			memberId: olga.userId,
			date: '2027-01-21',
			time: '10:00'
		});
		return {
			cora,
			n,
			n2,
			olga,
			bo,
			kees,
			pim,
			privé,
			coachOnly,
			shared,
			pims,
			talk,
			otherTalk,
			token
		};
	}

	it('links a talk to a commitment the member keeps and the coach may see; refuses the rest', async () => {
		const c = await cast();
		const linkedOf = async (p: Person) => (await talkProgress(w.ctx, p, c.n, c.talk)).linked;
		const titles = async (p: Person) =>
			(await talkProgress(w.ctx, p, c.n, c.talk)).choices.map((x) => x.title).sort();

		// Before Olga accepted Kees as her coach, he sees only what the network sees.
		expect(await titles(c.kees)).toEqual(['Samen']);
		expect(await titles(c.olga)).toEqual(['Samen']);
		await expect(
			linkTalk(w.ctx, c.kees, c.n, c.talk, { commitmentId: c.coachOnly })
		).rejects.toSatisfy(refused('error_talk_commitment_choose'));
		await expect(
			linkTalk(w.ctx, c.olga, c.n, c.talk, { commitmentId: c.coachOnly })
		).rejects.toSatisfy(refused('error_talk_commitment_hidden'));
		expect(await linkedOf(c.olga)).toBeNull();

		await answerCoaching(w.ctx, c.olga, c.n, { token: c.token, answer: 'accept' });
		expect(await titles(c.kees)).toEqual(['Met mijn coach', 'Samen']);
		expect(await titles(c.olga)).toEqual(['Met mijn coach', 'Samen']);

		// Kees links it; both people in the talk see which commitment it is about.
		await linkTalk(w.ctx, c.kees, c.n, c.talk, { commitmentId: c.coachOnly });
		expect(await linkedOf(c.kees)).toEqual({ id: c.coachOnly, title: 'Met mijn coach' });
		expect(await linkedOf(c.olga)).toEqual({ id: c.coachOnly, title: 'Met mijn coach' });

		// Bad input: each refused with its reason, and the link stays as it was.
		const tries: [Person, string, unknown, (e: unknown) => boolean][] = [
			// Private: the coach may not see it, so it cannot be talked about with him.
			[c.olga, c.talk, { commitmentId: c.privé }, refused('error_talk_commitment_hidden')],
			[c.kees, c.talk, { commitmentId: c.privé }, refused('error_talk_commitment_choose')],
			// Someone else's commitment, one that does not exist, none at all.
			[c.kees, c.talk, { commitmentId: c.pims }, refused('error_talk_commitment_other_person')],
			[
				c.olga,
				c.talk,
				{ commitmentId: crypto.randomUUID() },
				refused('error_talk_commitment_choose')
			],
			[c.olga, c.talk, { commitmentId: '' }, refused('error_talk_commitment_choose')],
			// Not one of the talk's two people: the talk does not exist for them.
			[c.pim, c.talk, { commitmentId: c.pims }, notFound],
			[c.bo, c.talk, { commitmentId: c.shared }, notFound],
			[c.cora, c.talk, { commitmentId: c.shared }, notFound],
			// A talk of another network, asked for here.
			[c.kees, c.otherTalk, { commitmentId: c.shared }, notFound]
		];
		for (const [who, talk, input, why] of tries)
			await expect(linkTalk(w.ctx, who, c.n, talk, input)).rejects.toSatisfy(why);
		// This network's commitment, linked from the other network's talk: not among its choices.
		await expect(
			linkTalk(w.ctx, c.kees, c.n2, c.otherTalk, { commitmentId: c.shared })
		).rejects.toSatisfy(refused('error_talk_commitment_choose'));
		expect((await talkProgress(w.ctx, c.kees, c.n2, c.otherTalk)).linked).toBeNull();
		await expect(unlinkTalk(w.ctx, c.pim, c.n, c.talk)).rejects.toSatisfy(notFound);
		expect(await linkedOf(c.olga)).toEqual({ id: c.coachOnly, title: 'Met mijn coach' });

		// Olga links it to another of hers: a talk is about one commitment.
		await linkTalk(w.ctx, c.olga, c.n, c.talk, { commitmentId: c.shared });
		expect(await linkedOf(c.kees)).toEqual({ id: c.shared, title: 'Samen' });
		expect(await talksAbout(w.ctx, c.olga, c.n, c.coachOnly)).toEqual([]);
		await unlinkTalk(w.ctx, c.olga, c.n, c.talk);
		expect(await linkedOf(c.kees)).toBeNull();
		expect(await talksAbout(w.ctx, c.olga, c.n, c.shared)).toEqual([]);
	});

	it('shows the talks about a commitment to the people in them; the coach sees when he last talked about it', async () => {
		const c = await cast();
		await answerCoaching(w.ctx, c.olga, c.n, { token: c.token, answer: 'accept' });
		// Bo keeps "Samen" with Olga: Kees may link a talk with Bo to it as well.
		const { id: boTalk } = await scheduleTalk(w.ctx, c.kees, c.n, {
			memberId: c.bo.userId,
			date: '2027-01-15',
			time: '14:00'
		});
		const { id: later } = await scheduleTalk(w.ctx, c.kees, c.n, {
			memberId: c.olga.userId,
			date: '2027-03-01',
			time: '10:00'
		});
		const { id: calledOff } = await scheduleTalk(w.ctx, c.kees, c.n, {
			memberId: c.olga.userId,
			date: '2027-01-25',
			time: '10:00'
		});
		await linkTalk(w.ctx, c.kees, c.n, c.talk, { commitmentId: c.shared });
		await linkTalk(w.ctx, c.bo, c.n, boTalk, { commitmentId: c.shared });
		await linkTalk(w.ctx, c.olga, c.n, later, { commitmentId: c.shared });
		await linkTalk(w.ctx, c.kees, c.n, calledOff, { commitmentId: c.coachOnly });
		await saveTalkNotes(w.ctx, c.kees, c.n, calledOff, { status: 'cancelled' });

		const seen = async (p: Person, id: string) =>
			(await talksAbout(w.ctx, p, c.n, id)).map((t) => [t.startsAt, t.coachName, t.memberName]);
		expect(await seen(c.kees, c.shared)).toEqual([
			['2027-03-01T10:00', 'Kees', 'Olga'],
			['2027-01-20T10:00', 'Kees', 'Olga'],
			['2027-01-15T14:00', 'Kees', 'Bo']
		]);
		// Each of the two keepers sees their own talks only; another member sees none.
		expect(await seen(c.olga, c.shared)).toEqual([
			['2027-03-01T10:00', 'Kees', 'Olga'],
			['2027-01-20T10:00', 'Kees', 'Olga']
		]);
		expect(await seen(c.bo, c.shared)).toEqual([['2027-01-15T14:00', 'Kees', 'Bo']]);
		expect(await seen(c.pim, c.shared)).toEqual([]);
		// A commitment the viewer may not see is not there at all.
		await expect(talksAbout(w.ctx, c.pim, c.n, c.coachOnly)).rejects.toSatisfy(notFound);

		// On 1 February: the last talk about "Samen" that took place was on 20 January (the one in
		// March is still to come); about "Met mijn coach" none, the only one was called off.
		w.clock.now = new Date('2027-02-01T10:00:00Z');
		const overview = async () =>
			Object.fromEntries(
				(await commitmentsOfCoachees(w.ctx, c.kees, c.n)).map((r) => [r.title, r.lastTalkAt])
			);
		expect(await overview()).toEqual({ 'Met mijn coach': null, Samen: '2027-01-20T10:00' });

		// Olga makes "Samen" private again, with Bo: Kees no longer sees it, nor that a talk is about it.
		await updateCommitment(w.ctx, c.olga, c.n, c.shared, {
			title: 'Samen',
			visibility: 'private',
			coOwners: [c.bo.userId]
		});
		expect((await talkProgress(w.ctx, c.kees, c.n, c.talk)).linked).toBeNull();
		expect((await talkProgress(w.ctx, c.olga, c.n, c.talk)).linked).toEqual({
			id: c.shared,
			title: 'Samen'
		});
		await expect(talksAbout(w.ctx, c.kees, c.n, c.shared)).rejects.toSatisfy(notFound);
		expect(await overview()).toEqual({ 'Met mijn coach': null });
	});
});
