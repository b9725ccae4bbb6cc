import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { ValidationError } from '../../validation.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import {
	createNetwork,
	getNetwork,
	getNetworkHome,
	getNetworkSettings,
	listMyNetworks,
	updateNetwork
} from './network.service.ts';

const base = {
	purpose: 'Samen leren',
	coreValue: 'Niets over ons zonder ons',
	language: 'nl' as const
};

describe(`networks [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('makes the creator coordinator and fills in default house rules in the network language', async () => {
		const ana = await createPerson(w, 'Ana');
		const { id } = await createNetwork(w.ctx, ana, {
			...base,
			name: 'Netwerk A',
			language: 'fr',
			regions: 'Brussel\nGent, Brussel'
		});
		const { network, membership, regions } = await getNetwork(w.ctx, ana, id);
		expect(membership.role).toBe('coordinator');
		expect(membership.rulesAcceptedAt).toBeTruthy();
		expect(network.houseRules).toMatch(/espace sûr et courageux/);
		expect(regions).toEqual(['Brussel', 'Gent']);
		expect((await listMyNetworks(w.ctx, ana)).map((n) => n.id)).toContain(id);
	});

	it('opens the settings to coordinators only', async () => {
		const ana = await createPerson(w, 'Ana');
		const { id } = await createNetwork(w.ctx, ana, { ...base, name: 'Instellingen' });
		expect((await getNetworkSettings(w.ctx, ana, id)).network.name).toBe('Instellingen');
		const stranger = await createPerson(w, 'Vreemde');
		await expect(getNetworkSettings(w.ctx, stranger, id)).rejects.toSatisfy(
			(e) => e instanceof DomainError && e.code === 'not_found'
		);
	});

	it('rejects bad input with field errors and writes nothing', async () => {
		const bob = await createPerson(w, 'Bob');
		const before = await w.ctx.db
			.selectFrom('network')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const attempt = (input: object) => createNetwork(w.ctx, bob, { ...base, name: 'x', ...input });
		await expect(attempt({ name: '   ' })).rejects.toSatisfy(
			(e) =>
				e instanceof ValidationError &&
				e.errors[0]?.field === 'name' &&
				e.errors[0]?.key === 'error_required'
		);
		await expect(attempt({ name: 'n'.repeat(121) })).rejects.toSatisfy(
			(e) =>
				e instanceof ValidationError &&
				e.errors[0]?.key === 'error_too_long' &&
				e.errors[0]?.params?.max === 120
		);
		await expect(attempt({ language: 'de' })).rejects.toBeInstanceOf(ValidationError);
		const after = await w.ctx.db
			.selectFrom('network')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
		expect(await listMyNetworks(w.ctx, bob)).toEqual([]);
	});

	it('stores markup, right-to-left text and emoji exactly as typed', async () => {
		const rana = await createPerson(w, 'Rana');
		const name = '<script>alert(1)</script> شبكة التعلم 🌍';
		const { id } = await createNetwork(w.ctx, rana, { ...base, name });
		expect((await getNetwork(w.ctx, rana, id)).network.name).toBe(name);
	});

	it('keeps tenants apart: a member of another network gets not-found', async () => {
		const a = await createPerson(w, 'Alice');
		const b = await createPerson(w, 'Bert');
		const { id: netA } = await createNetwork(w.ctx, a, { ...base, name: 'A' });
		await createNetwork(w.ctx, b, { ...base, name: 'B' });
		for (const call of [
			() => getNetwork(w.ctx, b, netA),
			() => getNetworkHome(w.ctx, b, netA),
			() => getNetwork(w.ctx, null, netA),
			() => updateNetwork(w.ctx, b, netA, { ...base, name: 'taken over', houseRules: 'x' })
		]) {
			await expect(call()).rejects.toSatisfy(
				(e) => e instanceof DomainError && e.code === 'not_found'
			);
		}
		expect((await getNetwork(w.ctx, a, netA)).network.name).toBe('A');
	});

	it('bumps the house-rules version only when the rules change', async () => {
		const c = await createPerson(w, 'Chris');
		const { id } = await createNetwork(w.ctx, c, { ...base, name: 'C' });
		const rules = (await getNetwork(w.ctx, c, id)).network.houseRules;
		await updateNetwork(w.ctx, c, id, { ...base, name: 'C2', houseRules: rules });
		expect((await getNetwork(w.ctx, c, id)).network.houseRulesVersion).toBe(1);
		await updateNetwork(w.ctx, c, id, { ...base, name: 'C2', houseRules: rules + '\n7. Nieuw.' });
		const after = await getNetwork(w.ctx, c, id);
		expect(after.network.houseRulesVersion).toBe(2);
		expect(after.network.name).toBe('C2');
	});

	it('enforces roles and one membership per person in the schema itself', async () => {
		const d = await createPerson(w, 'Dana');
		const { id } = await createNetwork(w.ctx, d, { ...base, name: 'D' });
		const row = {
			id: crypto.randomUUID(),
			networkId: id,
			userId: d.userId,
			role: 'participant' as const,
			organisationId: null,
			status: 'active' as const,
			guestUntil: null,
			rulesAcceptedAt: 'x',
			rulesVersion: 1,
			joinedAt: 'x',
			removedAt: null
		};
		await expect(w.ctx.db.insertInto('membership').values(row).execute()).rejects.toThrow();
		const other = await createPerson(w, 'Eli');
		await expect(
			w.ctx.db
				.insertInto('membership')
				.values({ ...row, userId: other.userId, role: 'admin' as never })
				.execute()
		).rejects.toThrow();
	});
});
