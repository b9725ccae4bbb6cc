import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { acceptInvitation, inviteMember } from './invitation.service.ts';
import { changeRole, leaveNetwork, listMembers, removeMember } from './membership.service.ts';
import { acceptHouseRules, createNetwork, getNetwork, updateNetwork } from './network.service.ts';
import { ValidationError } from '../../validation.ts';
import { addOrganisation, removeOrganisation, updateOrganisation } from './organisation.service.ts';

const base = { purpose: 'Leren', coreValue: 'Respect', language: 'nl' as const };
const keyed = (k: string) => (e: unknown) => e instanceof DomainError && e.key === k;

describe(`members and organisations [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function networkWith(n: number) {
		const coordinator = await createPerson(w, 'Coord');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, {
			...base,
			name: `N ${crypto.randomUUID()}`,
			regions: 'Noord\nZuid'
		});
		const north = await addOrganisation(w.ctx, coordinator, networkId, {
			name: 'Noordbieb',
			region: 'Noord',
			sector: 'Bibliotheek'
		});
		const south = await addOrganisation(w.ctx, coordinator, networkId, {
			name: 'Gemeente Zuid',
			region: 'Zuid',
			sector: 'Gemeente'
		});
		const people = [];
		for (let i = 0; i < n; i++) {
			const p = await createPerson(w, `Member ${i}`);
			const { token } = await inviteMember(w.ctx, coordinator, networkId, {
				email: p.email,
				role: i % 2 ? 'facilitator' : 'participant',
				organisationId: i % 2 ? north.id : south.id
			});
			await acceptInvitation(w.ctx, p, token, true);
			people.push(p);
		}
		return { coordinator, networkId, people, north, south };
	}

	it('filters the member list by organisation, role and region', async () => {
		const { coordinator, networkId, north } = await networkWith(4);
		const all = await listMembers(w.ctx, coordinator, networkId, {});
		expect(all).toHaveLength(5);
		expect(all.every((m) => m.email)).toBe(true);
		expect(
			await listMembers(w.ctx, coordinator, networkId, { organisationId: north.id })
		).toHaveLength(2);
		expect(await listMembers(w.ctx, coordinator, networkId, { role: 'participant' })).toHaveLength(
			2
		);
		expect(await listMembers(w.ctx, coordinator, networkId, { region: 'Zuid' })).toHaveLength(2);
		expect(await listMembers(w.ctx, coordinator, networkId, { role: 'nonsense' })).toHaveLength(5);
	});

	it('keeps at least one coordinator', async () => {
		const { coordinator, networkId, people } = await networkWith(1);
		const mine = (await getNetwork(w.ctx, coordinator, networkId)).membership;
		await expect(
			changeRole(w.ctx, coordinator, networkId, { membershipId: mine.id, role: 'participant' })
		).rejects.toSatisfy(keyed('error_last_coordinator'));
		await expect(removeMember(w.ctx, coordinator, networkId, mine.id)).rejects.toSatisfy(
			keyed('error_last_coordinator')
		);
		await expect(leaveNetwork(w.ctx, coordinator, networkId)).rejects.toSatisfy(
			keyed('error_last_coordinator')
		);
		const other = (await getNetwork(w.ctx, people[0]!, networkId)).membership;
		await changeRole(w.ctx, coordinator, networkId, {
			membershipId: other.id,
			role: 'coordinator'
		});
		await changeRole(w.ctx, coordinator, networkId, { membershipId: mine.id, role: 'participant' });
		expect((await getNetwork(w.ctx, coordinator, networkId)).membership.role).toBe('participant');
	});

	it('removing a member keeps the row, ends access, and needs a coordinator', async () => {
		const { coordinator, networkId, people } = await networkWith(2);
		const target = (await getNetwork(w.ctx, people[0]!, networkId)).membership;
		await expect(removeMember(w.ctx, people[1]!, networkId, target.id)).rejects.toSatisfy(
			(e) => e instanceof DomainError && e.code === 'forbidden'
		);
		await removeMember(w.ctx, coordinator, networkId, target.id);
		await expect(getNetwork(w.ctx, people[0]!, networkId)).rejects.toSatisfy(
			(e) => e instanceof DomainError && e.code === 'not_found'
		);
		const row = await w.ctx.db
			.selectFrom('membership')
			.selectAll()
			.where('id', '=', target.id)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('removed');
		expect((await listMembers(w.ctx, coordinator, networkId, {})).map((m) => m.id)).not.toContain(
			target.id
		);
	});

	it('does not let a coordinator of one network touch another network’s members or organisations', async () => {
		const a = await networkWith(1);
		const b = await networkWith(1);
		const targetInA = (await getNetwork(w.ctx, a.people[0]!, a.networkId)).membership;
		const notFound = (e: unknown) => e instanceof DomainError && e.code === 'not_found';
		// Their own network id with the other network's object ids.
		await expect(removeMember(w.ctx, b.coordinator, b.networkId, targetInA.id)).rejects.toSatisfy(
			notFound
		);
		await expect(
			changeRole(w.ctx, b.coordinator, b.networkId, {
				membershipId: targetInA.id,
				role: 'coordinator'
			})
		).rejects.toSatisfy(notFound);
		await expect(
			updateOrganisation(w.ctx, b.coordinator, b.networkId, a.north.id, { name: 'Stolen' })
		).rejects.toSatisfy(notFound);
		await expect(
			removeOrganisation(w.ctx, b.coordinator, b.networkId, a.north.id)
		).rejects.toSatisfy(notFound);
		// The other network's id.
		await expect(
			removeOrganisation(w.ctx, b.coordinator, a.networkId, a.north.id)
		).rejects.toSatisfy(notFound);
		const stillThere = await w.ctx.db
			.selectFrom('organisation')
			.select('name')
			.where('id', '=', a.north.id)
			.executeTakeFirstOrThrow();
		expect(stillThere.name).toBe('Noordbieb');
		expect((await getNetwork(w.ctx, a.people[0]!, a.networkId)).membership.status).toBe('active');
	});

	it('refuses a duplicate organisation name and a website that is not http(s)', async () => {
		const { coordinator, networkId } = await networkWith(0);
		await expect(
			addOrganisation(w.ctx, coordinator, networkId, { name: 'Noordbieb' })
		).rejects.toSatisfy(keyed('error_organisation_exists'));
		await expect(
			addOrganisation(w.ctx, coordinator, networkId, { name: 'X', website: 'javascript:alert(1)' })
		).rejects.toThrow();
	});
});

describe(`review fixes [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('a role change to boundary spanner starts a 30-day guest period, after which the guest is gone from the list', async () => {
		const coordinator = await createPerson(w, 'Coord');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, { ...base, name: 'Gasten' });
		const p = await createPerson(w, 'Later gast');
		const { token } = await inviteMember(w.ctx, coordinator, networkId, {
			email: p.email,
			role: 'participant'
		});
		await acceptInvitation(w.ctx, p, token, true);
		const target = (await getNetwork(w.ctx, p, networkId)).membership;
		await changeRole(w.ctx, coordinator, networkId, {
			membershipId: target.id,
			role: 'boundary_spanner'
		});
		const after = (await getNetwork(w.ctx, p, networkId)).membership;
		expect(
			Math.abs(Date.parse(after.guestUntil ?? '') - (w.clock.now.getTime() + 30 * 86_400_000))
		).toBeLessThan(50);
		const saved = w.clock.now;
		w.clock.now = new Date(saved.getTime() + 31 * 86_400_000);
		expect((await listMembers(w.ctx, coordinator, networkId, {})).map((m) => m.id)).not.toContain(
			target.id
		);
		w.clock.now = saved;
	});

	it('refuses a guest date that does not exist', async () => {
		const coordinator = await createPerson(w, 'Coord');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, { ...base, name: 'Data' });
		for (const guestUntil of ['2026-99-99', '2027-02-30']) {
			await expect(
				inviteMember(w.ctx, coordinator, networkId, {
					email: `g${guestUntil}@example.org`,
					role: 'boundary_spanner',
					guestUntil
				})
			).rejects.toSatisfy((e) => e instanceof ValidationError && e.errors[0]?.key === 'error_date');
		}
	});

	it('the coordinator who rewrites the house rules has accepted them; the others are asked again', async () => {
		const coordinator = await createPerson(w, 'Coord');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, { ...base, name: 'Regels' });
		const p = await createPerson(w, 'Lid');
		const { token } = await inviteMember(w.ctx, coordinator, networkId, {
			email: p.email,
			role: 'participant'
		});
		await acceptInvitation(w.ctx, p, token, true);
		await updateNetwork(w.ctx, coordinator, networkId, {
			...base,
			name: 'Regels',
			houseRules: 'Nieuwe regels'
		});
		expect((await getNetwork(w.ctx, coordinator, networkId)).membership.rulesVersion).toBe(2);
		expect((await getNetwork(w.ctx, p, networkId)).membership.rulesVersion).toBe(1);
		await acceptHouseRules(w.ctx, p, networkId);
		expect((await getNetwork(w.ctx, p, networkId)).membership.rulesVersion).toBe(2);
	});
});

describe(`coordinators stepping down at the same moment [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('leaves at least one coordinator', async () => {
		for (let round = 0; round < 5; round++) {
			const a = await createPerson(w, 'A');
			const { id: networkId } = await createNetwork(w.ctx, a, { ...base, name: `Race ${round}` });
			const b = await createPerson(w, 'B');
			const { token } = await inviteMember(w.ctx, a, networkId, {
				email: b.email,
				role: 'coordinator'
			});
			await acceptInvitation(w.ctx, b, token, true);
			const ma = (await getNetwork(w.ctx, a, networkId)).membership;
			const mb = (await getNetwork(w.ctx, b, networkId)).membership;
			await Promise.allSettled([
				changeRole(w.ctx, a, networkId, { membershipId: ma.id, role: 'participant' }),
				changeRole(w.ctx, b, networkId, { membershipId: mb.id, role: 'participant' })
			]);
			const left = await w.ctx.db
				.selectFrom('membership')
				.select('id')
				.where('networkId', '=', networkId)
				.where('role', '=', 'coordinator')
				.execute();
			expect(left).toHaveLength(1);
		}
	});
});
