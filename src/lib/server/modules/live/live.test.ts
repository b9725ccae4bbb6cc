import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { ValidationError } from '../../validation.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep, updateStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { castDot, takeBackDot, tally } from './dot.service.ts';
import { JOIN_ALPHABET } from './live.schema.ts';
import { closeLive, findParticipant, joinSession, openLive, setStepState } from './live.service.ts';
import { addPostit, deletePostit, editPostit, listPostits } from './postit.service.ts';

const keyed = (k: string) => (e: unknown) => e instanceof DomainError && e.key === k;
const cid = () => `c-${crypto.randomUUID()}`;

describe(`live participation: join, post-its, dots [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function liveSession(opts: { anonymous?: boolean } = {}) {
		const facilitator = await createPerson(w, 'Facilitator');
		const { id: networkId } = await createNetwork(w.ctx, facilitator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Live ${crypto.randomUUID()}`
		});
		const { id: sessionId } = await createSession(w.ctx, facilitator, networkId, { title: 'Live' });
		const round = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'postit_round' });
		if (opts.anonymous)
			await updateStep(w.ctx, facilitator, networkId, sessionId, round.id, {
				title: 'Anoniem',
				maxPerPerson: '3',
				maxLength: '280',
				isAnonymous: 'yes'
			});
		const vote = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'dot_vote' });
		const { joinCode } = await openLive(w.ctx, facilitator, networkId, sessionId);
		const open = (stepId: string, state: 'open' | 'closed' = 'open') =>
			setStepState(w.ctx, facilitator, networkId, sessionId, stepId, state);
		const join = async (name: string) =>
			findParticipant(
				w.ctx,
				(await joinSession(w.ctx, { code: joinCode, displayName: name }, null)).token
			);
		return {
			facilitator,
			networkId,
			sessionId,
			round: round.id,
			vote: vote.id,
			joinCode,
			open,
			join
		};
	}

	it('gives a six-character code without look-alikes; anyone joins with it, no account', async () => {
		const s = await liveSession();
		expect(s.joinCode).toMatch(new RegExp(`^[${JOIN_ALPHABET}]{6}$`));
		expect(s.joinCode).not.toMatch(/[01OIL]/);
		const { token } = await joinSession(
			w.ctx,
			{ code: s.joinCode.toLowerCase(), displayName: 'Amal 🌍' },
			null
		);
		expect((await findParticipant(w.ctx, token)).displayName).toBe('Amal 🌍');
		await expect(joinSession(w.ctx, { code: 'ZZZZZZ', displayName: 'x' }, null)).rejects.toSatisfy(
			keyed('error_join_code')
		);
		await expect(
			joinSession(w.ctx, { code: 'O0O0O0', displayName: 'x' }, null)
		).rejects.toBeInstanceOf(ValidationError);
		await closeLive(w.ctx, s.facilitator, s.networkId, s.sessionId);
		await expect(
			joinSession(w.ctx, { code: s.joinCode, displayName: 'Late' }, null)
		).rejects.toSatisfy(keyed('error_join_code'));
		await expect(findParticipant(w.ctx, token)).rejects.toSatisfy(
			keyed('error_participant_unknown')
		);
	});

	it('a phone that joins again stays the same participant: its dots do not come back', async () => {
		const s = await liveSession();
		await s.open(s.round);
		const writer = await s.join('Schrijver');
		const x = await addPostit(w.ctx, writer, s.round, { clientId: cid(), text: 'X' });
		await s.open(s.round, 'closed');
		await s.open(s.vote);
		const first = await joinSession(w.ctx, { code: s.joinCode, displayName: 'Amal' }, null);
		const amal = await findParticipant(w.ctx, first.token);
		for (let i = 0; i < 5; i++)
			await castDot(w.ctx, amal, s.vote, { clientId: cid(), postitId: x.id });
		// Twenty joins from the same phone (its cookie): still one participant, no dot left.
		for (let i = 0; i < 20; i++) {
			const again = await joinSession(
				w.ctx,
				{ code: s.joinCode, displayName: i === 19 ? 'Amal B.' : 'Amal' },
				null,
				first.token
			);
			expect(again).toMatchObject({ participantId: amal.id, token: first.token, again: true });
		}
		expect((await findParticipant(w.ctx, first.token)).displayName).toBe('Amal B.');
		await expect(
			castDot(w.ctx, amal, s.vote, { clientId: cid(), postitId: x.id })
		).rejects.toSatisfy(keyed('error_no_dots_left'));
		expect((await tally(w.ctx, s.sessionId, s.vote)).map((r) => r.dots)).toEqual([5]);
		// A token of another session, or none, makes a new participant.
		const other = await liveSession();
		const elsewhere = await joinSession(
			w.ctx,
			{ code: other.joinCode, displayName: 'Amal' },
			null,
			first.token
		);
		expect(elsewhere.again).toBe(false);
		expect(elsewhere.token).not.toBe(first.token);
		const fresh = await joinSession(w.ctx, { code: s.joinCode, displayName: 'Amal' }, null);
		expect(fresh.participantId).not.toBe(amal.id);
	});

	it('post-its: only while the round is open, up to the maximum, idempotent per client id, markup kept as text', async () => {
		const s = await liveSession();
		const p = await s.join('Sanne');
		await expect(
			addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'te vroeg' })
		).rejects.toSatisfy(keyed('error_round_closed'));
		await s.open(s.round);
		const first = cid();
		const a = await addPostit(w.ctx, p, s.round, {
			clientId: first,
			text: '<script>alert(1)</script> Taalcafé'
		});
		const again = await addPostit(w.ctx, p, s.round, {
			clientId: first,
			text: '<script>alert(1)</script> Taalcafé'
		});
		expect(again).toMatchObject({ id: a.id, duplicate: true });
		await addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'مكتبة للجميع' });
		await addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Voorleesuur' });
		await expect(
			addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Vierde' })
		).rejects.toSatisfy(keyed('error_postit_limit'));
		await expect(
			addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'x'.repeat(281) })
		).rejects.toSatisfy(keyed('error_postit_too_long'));
		await expect(
			addPostit(w.ctx, p, s.round, { clientId: cid(), text: '   ' })
		).rejects.toBeInstanceOf(ValidationError);
		const texts = (await listPostits(w.ctx, s.sessionId, s.round)).map((x) => x.text);
		expect(texts).toEqual(['<script>alert(1)</script> Taalcafé', 'مكتبة للجميع', 'Voorleesuur']);
		// Deleting frees a place; editing works on one's own only.
		await deletePostit(w.ctx, p, s.round, a.id);
		await addPostit(w.ctx, p, s.round, { clientId: cid(), text: 'Vierde mag nu' });
		const other = await s.join('Bert');
		const mine = (await listPostits(w.ctx, s.sessionId, s.round))[0]!;
		await expect(editPostit(w.ctx, other, s.round, mine.id, 'gekaapt')).rejects.toSatisfy(
			(e) => e instanceof DomainError && e.code === 'not_found'
		);
		await s.open(s.round, 'closed');
		await expect(editPostit(w.ctx, p, s.round, mine.id, 'te laat')).rejects.toSatisfy(
			keyed('error_round_closed')
		);
	});

	it('an anonymous round stores no participant id with the post-it; the writer edits by secret', async () => {
		const s = await liveSession({ anonymous: true });
		await s.open(s.round);
		const p = await s.join('Anoniem');
		const { id, editSecret } = await addPostit(w.ctx, p, s.round, {
			clientId: cid(),
			text: 'Gevoelig'
		});
		const row = await w.ctx.db
			.selectFrom('postit')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.participantId).toBeNull();
		expect(JSON.stringify(row)).not.toContain(p.id);
		expect(editSecret).toBeTruthy();
		await expect(editPostit(w.ctx, p, s.round, id, 'zonder geheim')).rejects.toThrow();
		await editPostit(w.ctx, p, s.round, id, 'Aangepast', editSecret!);
		expect((await listPostits(w.ctx, s.sessionId, s.round))[0]!.text).toBe('Aangepast');
	});

	it('dots: five per person, stacked or spread, taken back, replay-safe, ranked at the end', async () => {
		const s = await liveSession();
		await s.open(s.round);
		const writer = await s.join('Schrijver');
		const x = await addPostit(w.ctx, writer, s.round, { clientId: cid(), text: 'X' });
		const y = await addPostit(w.ctx, writer, s.round, { clientId: cid(), text: 'Y' });
		await s.open(s.round, 'closed');
		const voter = await s.join('Stemmer');
		await expect(
			castDot(w.ctx, voter, s.vote, { clientId: cid(), postitId: x.id })
		).rejects.toSatisfy(keyed('error_vote_closed'));
		await s.open(s.vote);
		const tap = cid();
		await castDot(w.ctx, voter, s.vote, { clientId: tap, postitId: x.id });
		expect((await castDot(w.ctx, voter, s.vote, { clientId: tap, postitId: x.id })).duplicate).toBe(
			true
		);
		for (let i = 0; i < 3; i++)
			await castDot(w.ctx, voter, s.vote, { clientId: cid(), postitId: x.id });
		await castDot(w.ctx, voter, s.vote, { clientId: cid(), postitId: y.id });
		await expect(
			castDot(w.ctx, voter, s.vote, { clientId: cid(), postitId: y.id })
		).rejects.toSatisfy(keyed('error_no_dots_left'));
		await takeBackDot(w.ctx, voter, s.vote, x.id);
		await castDot(w.ctx, voter, s.vote, { clientId: cid(), postitId: y.id });
		expect((await tally(w.ctx, s.sessionId, s.vote)).map((r) => [r.text, r.dots])).toEqual([
			['X', 3],
			['Y', 2]
		]);
	});

	it('never spends more dots than the budget, whatever arrives at once', async () => {
		const s = await liveSession();
		await s.open(s.round);
		const writer = await s.join('Schrijver');
		const x = await addPostit(w.ctx, writer, s.round, { clientId: cid(), text: 'X' });
		await s.open(s.round, 'closed');
		await s.open(s.vote);
		const voter = await s.join('Snelle duim');
		// 20 different taps and 10 replays of one tap, all at the same time.
		const replay = cid();
		const calls = [
			...Array.from({ length: 20 }, () =>
				castDot(w.ctx, voter, s.vote, { clientId: cid(), postitId: x.id })
			),
			...Array.from({ length: 10 }, () =>
				castDot(w.ctx, voter, s.vote, { clientId: replay, postitId: x.id })
			)
		];
		const results = await Promise.allSettled(calls);
		const refused = results
			.filter((r) => r.status === 'rejected')
			.map((r) => (r as PromiseRejectedResult).reason);
		expect(
			refused.every((e) => keyed('error_no_dots_left')(e) || /unique|duplicate/i.test(String(e)))
		).toBe(true);
		const spent = await w.ctx.db
			.selectFrom('dot')
			.select('id')
			.where('participantId', '=', voter.id)
			.execute();
		expect(spent).toHaveLength(5);
	});
});
