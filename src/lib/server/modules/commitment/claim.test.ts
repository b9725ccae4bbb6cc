import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { closeLive, findParticipant, joinSession, openLive } from '../live/live.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { decideMembershipRequest, listMembershipRequests } from '../network/request.service.ts';
import { createSession } from '../session/session.service.ts';
import {
	CLAIM_DAYS,
	CLAIM_LINKS,
	claimOfPhone,
	keepClaim,
	keepClaimSignedIn,
	mailClaimLink,
	sweepExpiredClaims,
	viewClaim,
	writeClaim
} from './claim.service.ts';
import { getCommitment, listCommitments } from './commitment.read.ts';

const fails = (code: string, key?: string) => (e: unknown) =>
	e instanceof DomainError && e.code === code && (key === undefined || e.key === key);

describe(`claiming a commitment written on a phone [${TEST_DB}]`, () => {
	let w: TestWorld;
	let coordinator: Awaited<ReturnType<typeof createPerson>>;
	let n: string;
	let sessionId: string;
	let joinCode: string;
	beforeAll(async () => {
		w = await makeWorld();
		coordinator = await createPerson(w, 'Coordinator');
		n = (
			await createNetwork(w.ctx, coordinator, {
				purpose: 'x',
				coreValue: 'y',
				language: 'nl',
				name: `Claims ${crypto.randomUUID()}`
			})
		).id;
		sessionId = (await createSession(w.ctx, coordinator, n, { title: 'Sessie 1' })).id;
		joinCode = (await openLive(w.ctx, coordinator, n, sessionId)).joinCode;
	});
	afterAll(() => w.drop());

	const phone = async (name = 'Amal') =>
		findParticipant(
			w.ctx,
			(await joinSession(w.ctx, { code: joinCode, displayName: name }, null)).token
		);
	const linkOf = (to: string) => {
		const mail = w.mailer.sent.filter((m) => m.to === to).at(-1);
		return /\/claims\/([\w-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
	};
	const tableRows = async (table: 'commitmentClaim' | 'membershipRequest') =>
		w.database.db.selectFrom(table).selectAll().execute();

	it('a phone writes its commitment, mails itself a link, and nothing holds the address', async () => {
		const p = await phone();
		await writeClaim(w.ctx, p, {
			title: 'Ik durf te werken met ervaringsdeskundigen',
			firstStep: 'Bellen'
		});
		await writeClaim(w.ctx, p, {
			title: 'Ik werk met ervaringsdeskundigen',
			firstStep: 'Bellen met Sara'
		});
		expect(await claimOfPhone(w.ctx, p)).toMatchObject({
			title: 'Ik werk met ervaringsdeskundigen',
			firstStep: 'Bellen met Sara',
			state: 'draft',
			linksLeft: CLAIM_LINKS
		});
		const email = `amal.${crypto.randomUUID().slice(0, 6)}@example.org`;
		await mailClaimLink(w.ctx, p, { email: ` ${email.toUpperCase()} ` }, 'nl');
		const token = linkOf(email);
		expect(token.length).toBeGreaterThan(40);
		// Nowhere in the database: not with the claim, not as a user, not as a request.
		for (const table of ['commitmentClaim', 'membershipRequest'] as const)
			expect(JSON.stringify(await tableRows(table))).not.toContain(email);
		const users = await w.database.db.selectFrom('user').select('email').execute();
		expect(users.map((u) => u.email)).not.toContain(email);
		expect(token).not.toContain(email.split('@')[0]);
		// The link opens for anyone holding it, and tells who it was meant for.
		const view = await viewClaim(w.ctx, null, token);
		expect(view).toMatchObject({ email, state: 'sent', emailMatches: false });
		expect(view.claim.title).toBe('Ik werk met ervaringsdeskundigen');
	});

	it('a member opening the link finds the commitment made; the link then works for nobody else', async () => {
		const member = await createPerson(w, 'Sanne');
		await addMember(w, coordinator, n, member);
		const p = await phone('Sanne');
		await writeClaim(w.ctx, p, {
			title: 'Trainingen over inclusie op het werk',
			needs: 'Een zaal'
		});
		await mailClaimLink(w.ctx, p, { email: member.email }, 'nl');
		const token = linkOf(member.email);
		// Signed in as someone else: refused, nothing changes.
		const other = await createPerson(w, 'Other');
		await expect(keepClaim(w.ctx, other, token, {})).rejects.toSatisfy(
			fails('forbidden', 'error_claim_other_email')
		);
		const kept = await keepClaim(w.ctx, member, token, {});
		expect(kept.state).toBe('claimed');
		const { commitment: c } = await getCommitment(w.ctx, member, n, kept.commitmentId!);
		expect(c).toMatchObject({
			title: 'Trainingen over inclusie op het werk',
			needs: 'Een zaal',
			state: 'proposed',
			visibility: 'private',
			sessionId
		});
		// A double tap, or the same link again, lands on the same commitment.
		expect(await keepClaim(w.ctx, member, token, {})).toMatchObject({
			commitmentId: kept.commitmentId
		});
		expect(
			(await listCommitments(w.ctx, member, n)).filter((x) => x.title.startsWith('Trainingen'))
		).toHaveLength(1);
		// The phone can no longer change it or mail it again.
		await expect(writeClaim(w.ctx, p, { title: 'Iets anders' })).rejects.toSatisfy(
			fails('conflict', 'error_claim_kept')
		);
		await expect(mailClaimLink(w.ctx, p, { email: 'x@example.org' }, 'nl')).rejects.toSatisfy(
			fails('conflict')
		);
		// Another account with the link: used.
		await expect(viewClaim(w.ctx, other, token)).rejects.toSatisfy(
			fails('expired', 'error_claim_used')
		);
	});

	it('someone who is not a member asks to join, and finds the commitment when let in', async () => {
		const p = await phone('Newcomer');
		await writeClaim(w.ctx, p, { title: 'Een nepintake organiseren', thresholds: 'Tijd' });
		const newcomer = await createPerson(w, 'Newcomer');
		await mailClaimLink(w.ctx, p, { email: newcomer.email }, 'en');
		const token = linkOf(newcomer.email);
		// Not a member: cannot own a commitment yet; the house rules must be accepted to ask.
		await expect(keepClaim(w.ctx, newcomer, token, {})).rejects.toSatisfy(
			fails('invalid', 'error_accept_rules')
		);
		expect(await tableRows('membershipRequest')).toHaveLength(0);
		expect(await keepClaim(w.ctx, newcomer, token, { acceptRules: 'yes' })).toMatchObject({
			state: 'waiting'
		});
		expect((await viewClaim(w.ctx, newcomer, token)).state).toBe('waiting');
		const requests = await listMembershipRequests(w.ctx, coordinator, n);
		expect(requests.map((r) => [r.name, r.sessionTitle])).toEqual([['Newcomer', 'Sessie 1']]);
		// Only a coordinator decides.
		await expect(listMembershipRequests(w.ctx, newcomer, n)).rejects.toSatisfy(fails('not_found'));
		await decideMembershipRequest(w.ctx, coordinator, n, requests[0]!.id, 'admit');
		await expect(
			decideMembershipRequest(w.ctx, coordinator, n, requests[0]!.id, 'admit')
		).rejects.toSatisfy(fails('conflict', 'error_request_decided'));
		const mine = await listCommitments(w.ctx, newcomer, n);
		expect(mine.map((c) => [c.title, c.state])).toEqual([
			['Een nepintake organiseren', 'proposed']
		]);
		expect(w.mailer.sent.at(-1)).toMatchObject({ to: newcomer.email, kind: 'membership_request' });
		expect((await viewClaim(w.ctx, newcomer, token)).state).toBe('claimed');
	});

	it('declined: what they wrote is deleted', async () => {
		const p = await phone('Passer-by');
		await writeClaim(w.ctx, p, { title: 'Iets geheims' });
		const person = await createPerson(w, 'Passer');
		await mailClaimLink(w.ctx, p, { email: person.email }, 'nl');
		await keepClaim(w.ctx, person, linkOf(person.email), { acceptRules: 'yes' });
		const [request] = await listMembershipRequests(w.ctx, coordinator, n);
		await decideMembershipRequest(w.ctx, coordinator, n, request!.id, 'decline');
		expect(JSON.stringify(await tableRows('commitmentClaim'))).not.toContain('Iets geheims');
		await expect(listCommitments(w.ctx, person, n)).rejects.toSatisfy(fails('not_found'));
	});

	it('bad input changes nothing: empty, too long, bad address, too many links, a forged or old link', async () => {
		const p = await phone('Tester');
		await expect(writeClaim(w.ctx, p, { title: '  ' })).rejects.toSatisfy(fails('invalid'));
		await expect(writeClaim(w.ctx, p, { title: 'x'.repeat(201) })).rejects.toSatisfy(
			fails('invalid')
		);
		await expect(writeClaim(w.ctx, p, { title: 'a\u0007b' })).rejects.toSatisfy(fails('invalid'));
		expect(await claimOfPhone(w.ctx, p)).toBeNull();
		await expect(mailClaimLink(w.ctx, p, { email: 'a@b.nl' }, 'nl')).rejects.toSatisfy(
			fails('conflict', 'error_claim_none')
		);
		await writeClaim(w.ctx, p, { title: '<script>alert(1)</script>' });
		await expect(mailClaimLink(w.ctx, p, { email: 'not an address' }, 'nl')).rejects.toSatisfy(
			fails('invalid')
		);
		const sentBefore = w.mailer.sent.length;
		for (let i = 0; i < CLAIM_LINKS; i++)
			await mailClaimLink(w.ctx, p, { email: `t${i}@example.org` }, 'nl');
		await expect(mailClaimLink(w.ctx, p, { email: 't9@example.org' }, 'nl')).rejects.toSatisfy(
			fails('rate_limited', 'error_claim_links')
		);
		expect(w.mailer.sent.length - sentBefore).toBe(CLAIM_LINKS);
		// The first link was replaced by the later ones.
		await expect(viewClaim(w.ctx, null, linkOf('t0@example.org'))).rejects.toSatisfy(
			fails('expired', 'error_claim_link_old')
		);
		expect((await viewClaim(w.ctx, null, linkOf('t2@example.org'))).claim.title).toBe(
			'<script>alert(1)</script>'
		);
		// Any changed character: the seal does not open.
		const good = linkOf('t2@example.org');
		for (const at of [0, 20, good.length - 2]) {
			const forged = good.slice(0, at) + (good[at] === 'A' ? 'B' : 'A') + good.slice(at + 1);
			await expect(viewClaim(w.ctx, null, forged)).rejects.toSatisfy(
				fails('not_found', 'error_claim_unknown')
			);
		}
	});

	it('a signed-in member keeps it from the phone at once; a non-member cannot', async () => {
		const member = await createPerson(w, 'Direct');
		await addMember(w, coordinator, n, member);
		const p = await phone('Direct');
		await writeClaim(w.ctx, p, { title: 'Direct bewaard' });
		const stranger = await createPerson(w, 'Stranger');
		await expect(keepClaimSignedIn(w.ctx, stranger, p)).rejects.toSatisfy(
			fails('forbidden', 'error_claim_not_member')
		);
		const kept = await keepClaimSignedIn(w.ctx, member, p);
		expect((await getCommitment(w.ctx, member, n, kept.commitmentId)).commitment.title).toBe(
			'Direct bewaard'
		);
		expect(await keepClaimSignedIn(w.ctx, member, p)).toEqual(kept);
	});

	it('a claim nobody kept is deleted when it expires; a session that ended takes no more', async () => {
		const p = await phone('Late');
		await writeClaim(w.ctx, p, { title: 'Vergeten engagement' });
		const swept = await sweepExpiredClaims(w.ctx);
		expect(JSON.stringify(await tableRows('commitmentClaim'))).toContain('Vergeten engagement');
		w.clock.now = new Date(w.clock.now.getTime() + (CLAIM_DAYS + 1) * 86_400_000);
		expect((await sweepExpiredClaims(w.ctx)) - swept).toBeGreaterThanOrEqual(1);
		expect(JSON.stringify(await tableRows('commitmentClaim'))).not.toContain('Vergeten engagement');
		// Kept claims stay (they are the commitment's origin).
		expect(JSON.stringify(await tableRows('commitmentClaim'))).toContain('Direct bewaard');
		const q = await phone('After');
		await closeLive(w.ctx, coordinator, n, sessionId);
		await expect(
			writeClaim(w.ctx, { ...q, status: 'ended' }, { title: 'Te laat' })
		).rejects.toSatisfy(fails('conflict', 'error_session_not_live'));
	});
});
