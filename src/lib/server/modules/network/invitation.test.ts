import { formatDate } from '#lib/dates.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { ValidationError } from '../../validation.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import {
	acceptInvitation,
	inviteMember,
	listInvitations,
	resendInvitation,
	revokeInvitation,
	viewInvitation
} from './invitation.service.ts';
import { translate } from '#lib/i18n.ts';
import { listMembers } from './membership.service.ts';
import { createNetwork, getNetwork } from './network.service.ts';
import { addOrganisation } from './organisation.service.ts';

const base = { purpose: 'Leren', coreValue: 'Respect', language: 'nl' as const };
const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c;
const keyed = (k: string) => (e: unknown) => e instanceof DomainError && e.key === k;
const tokenFrom = (text: string) => /\/invitations\/([\w-]+)/.exec(text)?.[1] ?? '';

describe(`invitations [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function setup() {
		const coordinator = await createPerson(w, 'Coordinator');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, {
			...base,
			name: `Net ${crypto.randomUUID()}`
		});
		return { coordinator, networkId };
	}

	it('sends a mail whose link lets the invited person read the rules and join', async () => {
		const { coordinator, networkId } = await setup();
		const guest = await createPerson(w, 'Guest');
		const org = await addOrganisation(w.ctx, coordinator, networkId, {
			name: 'Bieb',
			sector: 'Bibliotheek',
			region: 'Zuid'
		});
		await inviteMember(w.ctx, coordinator, networkId, {
			email: guest.email.toUpperCase(),
			role: 'experience_expert',
			organisationId: org.id
		});
		const mail = w.mailer.sent.at(-1)!;
		expect(mail.to).toBe(guest.email);
		expect(mail.html).not.toMatch(/<script/);
		const token = tokenFrom(mail.text);
		const view = await viewInvitation(w.ctx, token);
		expect(view.network.houseRules.length).toBeGreaterThan(20);

		// Not before accepting the rules, and not while content is hidden.
		await expect(getNetwork(w.ctx, guest, networkId)).rejects.toSatisfy(code('not_found'));
		await expect(acceptInvitation(w.ctx, guest, token, false)).rejects.toSatisfy(
			keyed('error_accept_rules')
		);
		await acceptInvitation(w.ctx, guest, token, true);
		const { membership } = await getNetwork(w.ctx, guest, networkId);
		expect(membership.role).toBe('experience_expert');
		expect(membership.organisationId).toBe(org.id);
		// The test clock moves on a millisecond per reading: "now" within a few readings.
		expect(
			Math.abs(Date.parse(membership.rulesAcceptedAt ?? '') - w.clock.now.getTime())
		).toBeLessThan(50);

		// A second use of the same link changes nothing.
		await expect(acceptInvitation(w.ctx, guest, token, true)).rejects.toSatisfy(
			keyed('error_invitation_used')
		);
		const members = await listMembers(w.ctx, guest, networkId, {});
		expect(members.filter((m) => m.userId === guest.userId)).toHaveLength(1);
		expect(members.every((m) => m.email === null)).toBe(true);
	});

	it('only lets the invited address accept', async () => {
		const { coordinator, networkId } = await setup();
		const invited = await createPerson(w, 'Invited');
		const stranger = await createPerson(w, 'Stranger');
		const { token } = await inviteMember(w.ctx, coordinator, networkId, {
			email: invited.email,
			role: 'participant'
		});
		await expect(acceptInvitation(w.ctx, stranger, token, true)).rejects.toSatisfy(
			keyed('error_invitation_other_email')
		);
		await expect(getNetwork(w.ctx, stranger, networkId)).rejects.toSatisfy(code('not_found'));
	});

	it('allows one pending invitation per address, also in the database', async () => {
		const { coordinator, networkId } = await setup();
		await inviteMember(w.ctx, coordinator, networkId, {
			email: 'twice@example.org',
			role: 'participant'
		});
		await expect(
			inviteMember(w.ctx, coordinator, networkId, {
				email: 'twice@example.org',
				role: 'facilitator'
			})
		).rejects.toSatisfy(keyed('error_already_invited'));
		const row = await w.ctx.db
			.selectFrom('invitation')
			.selectAll()
			.where('email', '=', 'twice@example.org')
			.executeTakeFirstOrThrow();
		await expect(
			w.ctx.db
				.insertInto('invitation')
				.values({ ...row, id: crypto.randomUUID(), tokenHash: 'other' })
				.execute()
		).rejects.toThrow();
	});

	it('rejects bad invitations with a clear reason', async () => {
		const { coordinator, networkId } = await setup();
		await expect(
			inviteMember(w.ctx, coordinator, networkId, { email: 'not-an-address', role: 'participant' })
		).rejects.toSatisfy((e) => e instanceof ValidationError && e.errors[0]?.key === 'error_email');
		await expect(
			inviteMember(w.ctx, coordinator, networkId, { email: 'a@b.org', role: 'admin' as never })
		).rejects.toSatisfy((e) => e instanceof ValidationError && e.errors[0]?.key === 'error_role');
		const other = await setup();
		const foreignOrg = await addOrganisation(w.ctx, other.coordinator, other.networkId, {
			name: 'Elders'
		});
		await expect(
			inviteMember(w.ctx, coordinator, networkId, {
				email: 'c@b.org',
				role: 'participant',
				organisationId: foreignOrg.id
			})
		).rejects.toSatisfy(keyed('error_organisation'));
		const participant = await createPerson(w, 'Plain');
		await expect(
			inviteMember(w.ctx, participant, networkId, { email: 'd@b.org', role: 'participant' })
		).rejects.toSatisfy(code('not_found'));
	});

	it('expires after 14 days; resend replaces the link; revoke ends it', async () => {
		const { coordinator, networkId } = await setup();
		const p = await createPerson(w, 'Late');
		const { token, id } = await inviteMember(w.ctx, coordinator, networkId, {
			email: p.email,
			role: 'participant'
		});
		const saved = w.clock.now;
		w.clock.now = new Date(saved.getTime() + 15 * 86_400_000);
		await expect(viewInvitation(w.ctx, token)).rejects.toSatisfy(keyed('error_invitation_expired'));
		const { token: fresh } = await resendInvitation(w.ctx, coordinator, networkId, id);
		await expect(viewInvitation(w.ctx, token)).rejects.toSatisfy(keyed('error_invitation_unknown'));
		expect((await viewInvitation(w.ctx, fresh)).invitation.email).toBe(p.email);
		await revokeInvitation(w.ctx, coordinator, networkId, id);
		await expect(acceptInvitation(w.ctx, p, fresh, true)).rejects.toSatisfy(
			keyed('error_invitation_revoked')
		);
		w.clock.now = saved;
	});

	it('gives a boundary spanner access only until the guest date', async () => {
		const { coordinator, networkId } = await setup();
		const guest = await createPerson(w, 'Spanner');
		const { token } = await inviteMember(w.ctx, coordinator, networkId, {
			email: guest.email,
			role: 'boundary_spanner',
			guestUntil: '2026-12-01'
		});
		await acceptInvitation(w.ctx, guest, token, true);
		// "Until 1 December" ends when 1 December ends where the network is (Brussels, UTC+1),
		// and reads as 1 December on the members page, not 2 December.
		const { guestUntil } = (await getNetwork(w.ctx, guest, networkId)).membership;
		expect(guestUntil).toBe('2026-12-01T22:59:59.999Z');
		expect(formatDate(guestUntil!, { locale: 'nl' })).toBe('1 december 2026');
		const saved = w.clock.now;
		w.clock.now = new Date('2026-12-01T22:30:00Z');
		await expect(getNetwork(w.ctx, guest, networkId)).resolves.toBeTruthy();
		w.clock.now = new Date('2026-12-01T23:30:00Z');
		await expect(getNetwork(w.ctx, guest, networkId)).rejects.toSatisfy(code('not_found'));
		w.clock.now = new Date('2026-12-02T08:00:00Z');
		await expect(getNetwork(w.ctx, guest, networkId)).rejects.toSatisfy(code('not_found'));
		w.clock.now = saved;
	});

	it('sends at most the daily number of invitation mails per network, resends included', async () => {
		const { coordinator, networkId } = await setup();
		const other = await setup();
		const ctx = { ...w.ctx, invitesPerDay: 3 };
		const sentBefore = w.mailer.sent.length;
		const first = await inviteMember(ctx, coordinator, networkId, {
			email: 'een@example.org',
			role: 'participant'
		});
		await inviteMember(ctx, coordinator, networkId, {
			email: 'twee@example.org',
			role: 'participant'
		});
		await resendInvitation(ctx, coordinator, networkId, first.id);
		const refused = await inviteMember(ctx, coordinator, networkId, {
			email: 'vier@example.org',
			role: 'participant'
		}).catch((e: unknown) => e);
		expect(refused).toSatisfy(keyed('error_invitations_per_day'));
		expect((refused as DomainError).status).toBe(429);
		expect((refused as DomainError).field).toBe('email');
		expect(translate('error_invitations_per_day', { ...(refused as object) })).toContain('3');
		await expect(resendInvitation(ctx, coordinator, networkId, first.id)).rejects.toSatisfy(
			keyed('error_invitations_per_day')
		);
		// Nothing was written or sent for the refused ones.
		expect(w.mailer.sent.length - sentBefore).toBe(3);
		const pending = await listInvitations(ctx, coordinator, networkId);
		expect(pending.map((i) => i.email).sort()).toEqual(['een@example.org', 'twee@example.org']);
		// Another network has its own allowance; a day later this one has its allowance back.
		await inviteMember(ctx, other.coordinator, other.networkId, {
			email: 'vier@example.org',
			role: 'participant'
		});
		const saved = w.clock.now;
		w.clock.now = new Date(saved.getTime() + 86_400_000 + 1000);
		await inviteMember(ctx, coordinator, networkId, {
			email: 'vier@example.org',
			role: 'participant'
		});
		w.clock.now = saved;
	});

	it('holds the daily limit when invitations are sent at the same moment', async () => {
		const { coordinator, networkId } = await setup();
		const ctx = { ...w.ctx, invitesPerDay: 4 };
		const results = await Promise.allSettled(
			Array.from({ length: 10 }, (_, i) =>
				inviteMember(ctx, coordinator, networkId, {
					email: `same${i}@example.org`,
					role: 'participant'
				})
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
		const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
		expect(reasons.every(keyed('error_invitations_per_day'))).toBe(true);
	});
});
