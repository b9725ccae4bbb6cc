import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { onEvent, type DomainEvent } from '../../events.ts';
import { ValidationError } from '../../validation.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { changeState, createCommitment } from '../commitment/commitment.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { latestCheckinReport, reportOnCommitment } from './checkin.service.ts';
import { findStep } from './live.repository.ts';
import { findParticipant, joinSession, openLive, setStepState } from './live.service.ts';
import { phoneScreen } from './phone.service.ts';
import { stepResults } from './results.service.ts';

const refused = (key: string, field?: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError
		? e.errors.some((x) => x.key === key && (!field || x.field === field))
		: e.key === key && (!field || e.field === field));
const cid = () => `c-${crypto.randomUUID()}`;

describe(`commitment check-in in the next session [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function cast() {
		const coordinator = await createPerson(w, 'Cora');
		const network = async () =>
			(
				await createNetwork(w.ctx, coordinator, {
					purpose: 'x',
					coreValue: 'y',
					language: 'nl',
					name: `Terugblik ${crypto.randomUUID()}`
				})
			).id;
		const networkId = await network();
		const otherNetworkId = await network();
		const olga = await createPerson(w, 'Olga');
		const hamid = await createPerson(w, 'Hamid');
		await addMember(w, coordinator, networkId, olga);
		await addMember(w, coordinator, networkId, hamid);
		await addMember(w, coordinator, otherNetworkId, olga);
		const commit = async (
			who: typeof olga,
			title: string,
			extra: Record<string, unknown> = {},
			net = networkId
		) => (await createCommitment(w.ctx, who, net, { title, visibility: 'private', ...extra })).id;
		const intake = await commit(olga, 'Een nep-intake oefenen');
		const shared = await commit(hamid, 'Samen de folder herschrijven', {
			coOwners: [olga.userId],
			visibility: 'network'
		});
		const hamids = await commit(hamid, 'Hamid zijn eigen plan');
		const elsewhere = await commit(olga, 'In een ander netwerk', {}, otherNetworkId);
		const done = await commit(olga, 'Al gehouden');
		await changeState(w.ctx, olga, networkId, done, { state: 'kept', reason: 'gelukt' });

		const { id: sessionId } = await createSession(w.ctx, coordinator, networkId, {
			title: 'Sessie 2'
		});
		const bornHere = await commit(olga, 'Vandaag bedacht', { sessionId });
		const step = (
			await addStep(w.ctx, coordinator, networkId, sessionId, {
				kind: 'commitment_checkin'
			})
		).id;
		const other = (await addStep(w.ctx, coordinator, networkId, sessionId, { kind: 'checkout' }))
			.id;
		const { joinCode } = await openLive(w.ctx, coordinator, networkId, sessionId);
		const open = (id: string, state: 'open' | 'closed' = 'open') =>
			setStepState(w.ctx, coordinator, networkId, sessionId, id, state);
		const join = async (name: string, userId: string | null) =>
			findParticipant(
				w.ctx,
				(await joinSession(w.ctx, { code: joinCode, displayName: name }, userId)).token
			);
		const results = async () => {
			const r = await stepResults(w.ctx, sessionId, (await findStep(w.ctx.db, sessionId, step))!);
			if (r.kind !== 'checkin') throw new Error(`expected a check-in, got ${r.kind}`);
			return r;
		};
		return {
			coordinator,
			networkId,
			sessionId,
			olga,
			hamid,
			intake,
			shared,
			hamids,
			elsewhere,
			done,
			bornHere,
			step,
			other,
			open,
			join,
			results
		};
	}

	it('shows a member their own open commitments from before the session, as owner or co-owner', async () => {
		const c = await cast();
		await c.open(c.step);
		const olga = await c.join('Olga', c.olga.userId);
		const screen = await phoneScreen(w.ctx, olga, new Map());
		expect(screen.checkin?.signedIn).toBe(true);
		// Not Hamid's own, not another network's, not kept, not born in this session.
		expect(screen.checkin?.commitments.map((x) => x.title).sort()).toEqual([
			'Een nep-intake oefenen',
			'Samen de folder herschrijven'
		]);
		const guest = await c.join('Gast', null);
		const guestScreen = await phoneScreen(w.ctx, guest, new Map());
		expect(guestScreen.checkin).toMatchObject({ signedIn: false, commitments: [] });
		expect(guestScreen.checkin?.signInHref).toMatch(
			/^\/sign-in\?next=%2Fjoin%3Fcode%3D[A-Z0-9]{6}$/
		);
	});

	it('reports, changes the report, stays idempotent by client id, and never touches the commitment', async () => {
		const c = await cast();
		await c.open(c.step);
		const olga = await c.join('Olga', c.olga.userId);
		const events: DomainEvent[] = [];
		const stop = onEvent((e) => void events.push(e));
		try {
			const first = cid();
			const r1 = await reportOnCommitment(w.ctx, olga, c.step, {
				clientId: first,
				commitmentId: c.intake,
				outcome: 'partly',
				line: 'Half gelukt'
			});
			expect(r1.duplicate).toBe(false);
			// A retry of the same post changes nothing and tells no one.
			const again = await reportOnCommitment(w.ctx, olga, c.step, {
				clientId: first,
				commitmentId: c.intake,
				outcome: 'partly',
				line: 'Half gelukt'
			});
			expect(again).toEqual({ id: r1.id, duplicate: true });
			expect(events.filter((e) => e.name === 'CommitmentReported')).toHaveLength(1);
			// Reporting again changes the one report.
			const r2 = await reportOnCommitment(w.ctx, olga, c.step, {
				clientId: cid(),
				commitmentId: c.intake,
				outcome: 'kept',
				line: 'Toch gelukt',
				showLine: '1'
			});
			expect(r2.id).toBe(r1.id);
			expect(events.filter((e) => e.name === 'CommitmentReported')).toHaveLength(2);
			expect(events.at(-1)).toEqual({
				name: 'CommitmentReported',
				sessionId: c.sessionId,
				stepId: c.step
			});
		} finally {
			stop();
		}
		const r = await c.results();
		expect(r.counts).toEqual({ kept: 1, partly: 0, notYet: 0 });
		expect(r.lines.map((l) => l.text)).toEqual(['Toch gelukt']);
		const screen = await phoneScreen(w.ctx, olga, new Map());
		expect(screen.checkin?.commitments.find((x) => x.id === c.intake)?.report).toEqual({
			outcome: 'kept',
			line: 'Toch gelukt',
			showLine: true
		});
		// "Kept" in the room is not the commitment's state: its owner changes that.
		const { getCommitment } = await import('../commitment/index.ts');
		const page = await getCommitment(w.ctx, c.olga, c.networkId, c.intake);
		expect(page.commitment.state).toBe('active');
		expect(await latestCheckinReport(w.ctx, c.intake)).toMatchObject({
			outcome: 'kept',
			sessionId: c.sessionId
		});
		// The commitment's page shows the latest report to its keepers, and to no one else.
		await reportOnCommitment(w.ctx, olga, c.step, {
			clientId: cid(),
			commitmentId: c.shared,
			outcome: 'not_yet',
			line: 'Nog niet aan toe'
		});
		const forOwner = await getCommitment(w.ctx, c.hamid, c.networkId, c.shared);
		expect(forOwner.lastSessionReport).toMatchObject({
			outcome: 'not_yet',
			line: 'Nog niet aan toe',
			sessionTitle: 'Sessie 2'
		});
		const forMember = await getCommitment(w.ctx, c.coordinator, c.networkId, c.shared);
		expect(forMember.commitment.title).toBe('Samen de folder herschrijven');
		expect(forMember.lastSessionReport).toBeNull();
	});

	it('counts open and reported commitments of the people in the room, and shows only consented lines, without names', async () => {
		const c = await cast();
		await c.open(c.step);
		const olga = await c.join('Olga', c.olga.userId);
		const hamid = await c.join('Hamid', c.hamid.userId);
		await c.join('Gast', null);
		await reportOnCommitment(w.ctx, olga, c.step, {
			clientId: cid(),
			commitmentId: c.intake,
			outcome: 'kept',
			line: 'Olga deelt dit',
			showLine: '1'
		});
		await reportOnCommitment(w.ctx, olga, c.step, {
			clientId: cid(),
			commitmentId: c.shared,
			outcome: 'not_yet',
			line: 'Olga houdt dit voor zich'
		});
		await reportOnCommitment(w.ctx, hamid, c.step, {
			clientId: cid(),
			commitmentId: c.hamids,
			outcome: 'partly',
			line: 'Hamid zegt nee',
			showLine: ''
		});
		const r = await c.results();
		expect(r.counts).toEqual({ kept: 1, partly: 1, notYet: 1 });
		// Olga's intake, the shared one, Hamid's own: three open, three reported on.
		expect(r).toMatchObject({ open: 3, reported: 3 });
		expect(r.lines.map((l) => l.text)).toEqual(['Olga deelt dit']);
		// Nothing on the wire names a person or a commitment, nor lets one be looked up.
		const wire = JSON.stringify(r);
		for (const leak of [
			'Hamid zegt',
			'houdt',
			'nep-intake',
			'folder',
			c.olga.userId,
			c.hamid.userId,
			olga.id,
			hamid.id,
			c.intake
		])
			expect(wire, leak).not.toContain(leak);
		// A line shown without its text shows nothing: consent without a line stores no consent.
		await reportOnCommitment(w.ctx, hamid, c.step, {
			clientId: cid(),
			commitmentId: c.hamids,
			outcome: 'partly',
			showLine: '1'
		});
		expect((await c.results()).lines).toHaveLength(1);
		// A line that comes later stands by its words, not after the earlier one.
		await reportOnCommitment(w.ctx, hamid, c.step, {
			clientId: cid(),
			commitmentId: c.hamids,
			outcome: 'partly',
			line: 'Aan de slag',
			showLine: '1'
		});
		expect((await c.results()).lines.map((l) => l.text)).toEqual(['Aan de slag', 'Olga deelt dit']);
	});

	it('refuses bad input, another person’s commitment, another network’s, a closed step or another kind, and changes nothing', async () => {
		const c = await cast();
		const olga = await c.join('Olga', c.olga.userId);
		const guest = await c.join('Gast', null);
		const ok = { commitmentId: c.intake, outcome: 'kept', line: '' };
		await expect(
			reportOnCommitment(w.ctx, olga, c.step, { ...ok, clientId: cid() })
		).rejects.toSatisfy(refused('error_checkin_closed'));
		await c.open(c.step);
		await c.open(c.other);
		const cases: [Record<string, unknown>, string, string?][] = [
			[{ ...ok, outcome: 'done' }, 'error_checkin_outcome', 'outcome'],
			[{ ...ok, outcome: undefined }, 'error_checkin_outcome', 'outcome'],
			[{ ...ok, line: 'x'.repeat(281) }, 'error_too_long', 'line'],
			[{ ...ok, line: 'stil\u0000teken' }, 'error_control_chars', 'line'],
			[{ ...ok, commitmentId: c.hamids }, 'error_checkin_not_yours', 'commitmentId'],
			[{ ...ok, commitmentId: c.elsewhere }, 'error_checkin_not_yours', 'commitmentId'],
			[{ ...ok, commitmentId: c.done }, 'error_checkin_not_yours', 'commitmentId'],
			[{ ...ok, commitmentId: c.bornHere }, 'error_checkin_not_yours', 'commitmentId'],
			[{ ...ok, commitmentId: 'nope' }, 'error_checkin_not_yours', 'commitmentId']
		];
		for (const [input, key, field] of cases)
			await expect(
				reportOnCommitment(w.ctx, olga, c.step, { ...input, clientId: cid() }),
				key
			).rejects.toSatisfy(refused(key, field));
		await expect(
			reportOnCommitment(w.ctx, guest, c.step, { ...ok, clientId: cid() })
		).rejects.toSatisfy(refused('error_checkin_no_account'));
		await expect(
			reportOnCommitment(w.ctx, olga, c.other, { ...ok, clientId: cid() })
		).rejects.toSatisfy(refused('error_not_found'));
		await expect(
			reportOnCommitment(w.ctx, olga, 'no-such-step', { ...ok, clientId: cid() })
		).rejects.toSatisfy(refused('error_not_found'));
		// A client id already used for another commitment is not a way to overwrite it.
		const used = cid();
		await reportOnCommitment(w.ctx, olga, c.step, { ...ok, clientId: used, outcome: 'partly' });
		await expect(
			reportOnCommitment(w.ctx, olga, c.step, { ...ok, commitmentId: c.shared, clientId: used })
		).rejects.toSatisfy(refused('error_invalid'));
		const r = await c.results();
		expect(r.counts).toEqual({ kept: 0, partly: 1, notYet: 0 });
		expect(r.reported).toBe(1);
		// The step closes: the report stays as it was.
		await c.open(c.step, 'closed');
		await expect(
			reportOnCommitment(w.ctx, olga, c.step, { ...ok, clientId: cid() })
		).rejects.toSatisfy(refused('error_checkin_closed'));
		expect((await c.results()).counts).toEqual({ kept: 0, partly: 1, notYet: 0 });
	});
});
