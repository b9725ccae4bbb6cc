import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { ValidationError } from '../../validation.ts';
import { createNetwork } from '../network/network.service.ts';
import { addOrganisation } from '../network/organisation.service.ts';
import { addPartner, editPartner, evaluatePartner, removePartner } from './partner.service.ts';
import { dueOn, inventoryPage, partnerPage, stepPlanProgress } from './view.ts';

const refused = (key: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError ? e.errors.some((x) => x.key === key) : e.key === key);
const coded = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

/** An evaluation with the same level on every dimension unless told otherwise. */
const scores = (on: string, l: Partial<Record<string, number>> = {}, all = 2) => ({
	evaluatedOn: on,
	'level-diversity': String(l.diversity ?? all),
	'level-equal_opportunity': String(l.equal_opportunity ?? all),
	'level-accessibility': String(l.accessibility ?? all),
	'level-inclusion': String(l.inclusion ?? all),
	'evidence-diversity': 'Hun publiek is vooral wit en hoogopgeleid'
});

describe(`partnerships: inventory and step plan [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function network(orgCount = 3) {
		const cora = await createPerson(w, 'Cora');
		const { id: networkId } = await createNetwork(w.ctx, cora, {
			purpose: 'Inclusieve partnerschappen',
			coreValue: 'Samen',
			language: 'nl',
			name: `Actiegroep ${crypto.randomUUID()}`
		});
		const members = [];
		for (let i = 0; i < orgCount; i++) {
			const org = await addOrganisation(w.ctx, cora, networkId, {
				name: `Cultuurhuis ${i + 1}`,
				sector: 'culture',
				region: ''
			});
			const p = await createPerson(w, `Lid ${i + 1}`);
			await addMember(w, cora, networkId, p, 'participant', { organisationId: org.id });
			members.push(p);
		}
		return { cora, networkId, members };
	}

	it('keeps an organisation’s partners to itself, and scores and re-scores them with history', async () => {
		w.clock.now = new Date('2027-01-10T09:00:00Z');
		const { cora, networkId, members } = await network(2);
		const [ann, ben] = members as [(typeof members)[0], (typeof members)[0]];
		const theatre = await addPartner(w.ctx, ann, networkId, {
			name: 'Theater De Kade',
			kind: 'cultural',
			together: 'Voorstellingen voor scholen',
			since: '2019',
			contact: 'Mila, programmatie'
		});
		await addPartner(w.ctx, ann, networkId, {
			name: 'Moskeevereniging Noord',
			kind: 'community',
			prospective: 'on',
			why: 'Bereikt gezinnen die wij niet bereiken'
		});
		// The coordinator has no organisation: no inventory, and no partner of another's.
		await expect(
			addPartner(w.ctx, cora, networkId, { name: 'X', kind: 'other' })
		).rejects.toSatisfy(refused('error_partner_no_organisation'));
		await expect(partnerPage(w.ctx, cora, networkId, theatre)).rejects.toSatisfy(
			coded('not_found')
		);
		// Another organisation's member neither sees nor changes it.
		await expect(partnerPage(w.ctx, ben, networkId, theatre)).rejects.toSatisfy(coded('not_found'));
		await expect(
			evaluatePartner(w.ctx, ben, networkId, theatre, scores('2027-01-10'))
		).rejects.toSatisfy(coded('not_found'));
		expect((await inventoryPage(w.ctx, ben, networkId)).partners).toEqual([]);
		const mine = await inventoryPage(w.ctx, ann, networkId);
		expect(mine.partners.map((p) => [p.name, p.isProspective])).toEqual([
			['Theater De Kade', false],
			['Moskeevereniging Noord', true]
		]);

		// Bad input changes nothing: a level outside the scale, no date, an empty name.
		await expect(
			evaluatePartner(w.ctx, ann, networkId, theatre, scores('2027-01-10', { inclusion: 5 }))
		).rejects.toSatisfy(refused('error_partner_level'));
		await expect(
			evaluatePartner(w.ctx, ann, networkId, theatre, scores('2027-02-30'))
		).rejects.toSatisfy(refused('error_date'));
		await expect(
			editPartner(w.ctx, ann, networkId, theatre, { name: ' ', kind: 'cultural' })
		).rejects.toSatisfy(refused('error_required'));
		await expect(
			addPartner(w.ctx, ann, networkId, { name: 'Y', kind: 'circus' })
		).rejects.toSatisfy(refused('error_partner_kind'));
		expect((await partnerPage(w.ctx, ann, networkId, theatre)).history).toEqual([]);

		await evaluatePartner(w.ctx, ann, networkId, theatre, {
			...scores('2027-01-10', { accessibility: 1 }),
			ask: 'Wie zit er in jullie zaal, en wie niet?',
			offer: 'Onze contacten met de taalschool',
			talkOn: '2027-02-01'
		});
		let page = await partnerPage(w.ctx, ann, networkId, theatre);
		expect(page.latest!.levels).toEqual({
			diversity: 2,
			equal_opportunity: 2,
			accessibility: 1,
			inclusion: 2
		});
		expect(page.latest!.evidence.diversity).toBe('Hun publiek is vooral wit en hoogopgeleid');
		expect(page.latest!.ask).toBe('Wie zit er in jullie zaal, en wie niet?');
		expect(page.change).toBeNull();
		expect(page.dueOn).toBe('2028-01-10');
		expect(page.isDue).toBe(false);

		// A year later the re-evaluation is due, and shows the change per dimension.
		w.clock.now = new Date('2028-01-12T09:00:00Z');
		expect((await inventoryPage(w.ctx, ann, networkId)).partners[0]!.isDue).toBe(true);
		await evaluatePartner(
			w.ctx,
			ann,
			networkId,
			theatre,
			scores('2028-01-12', { accessibility: 3, inclusion: 3 })
		);
		page = await partnerPage(w.ctx, ann, networkId, theatre);
		expect(page.history.map((h) => h.on)).toEqual(['2027-01-10', '2028-01-12']);
		expect(page.change!.map((c) => [c.dimension, c.from, c.to, c.change])).toEqual([
			['diversity', 2, 2, 0],
			['equal_opportunity', 2, 2, 0],
			['accessibility', 1, 3, 2],
			['inclusion', 2, 3, 1]
		]);
		expect(page.isDue).toBe(false);

		// Removing takes the evaluations along; only the organisation's members may.
		await expect(removePartner(w.ctx, ben, networkId, theatre)).rejects.toSatisfy(
			coded('not_found')
		);
		await removePartner(w.ctx, ann, networkId, theatre);
		await expect(partnerPage(w.ctx, ann, networkId, theatre)).rejects.toSatisfy(coded('not_found'));
		expect(await w.ctx.db.selectFrom('partnerScore').select('level').execute()).toEqual([]);
	});

	it('shows the network only aggregates, and averages only over enough organisations', async () => {
		w.clock.now = new Date('2027-03-01T09:00:00Z');
		const { cora, networkId, members } = await network(3);
		const ids = [];
		for (const [i, m] of members.entries())
			ids.push(await addPartner(w.ctx, m, networkId, { name: `Partner ${i}`, kind: 'social' }));
		await evaluatePartner(w.ctx, members[0]!, networkId, ids[0]!, scores('2027-03-01', {}, 1));
		await evaluatePartner(w.ctx, members[1]!, networkId, ids[1]!, scores('2027-03-01', {}, 3));
		// Two organisations evaluated: an average would tell one's scores to the other.
		let progress = await stepPlanProgress(w.ctx, networkId);
		expect(progress).toMatchObject({ organisations: 3, evaluated: 2, averages: null });
		await evaluatePartner(w.ctx, members[2]!, networkId, ids[2]!, scores('2027-03-01', {}, 2));
		await evaluatePartner(w.ctx, members[0]!, networkId, ids[0]!, scores('2028-03-01', {}, 3));
		progress = (await inventoryPage(w.ctx, cora, networkId)).progress;
		expect(progress).toMatchObject({
			organisations: 3,
			organisationsEvaluating: 3,
			partners: 3,
			evaluated: 3,
			reevaluated: 1
		});
		// Latest levels 3, 3, 2 → 2.7; one partner changed by +2.
		expect(progress.averages!.map((a) => [a.dimension, a.latest, a.change])).toEqual([
			['diversity', 2.7, 2],
			['equal_opportunity', 2.7, 2],
			['accessibility', 2.7, 2],
			['inclusion', 2.7, 2]
		]);
		// Nothing in the aggregate names a partner.
		expect(JSON.stringify(progress)).not.toContain('Partner');
	});

	it('knows when a re-evaluation falls due, also at a month’s end', () => {
		expect(dueOn('2027-01-31', 1)).toBe('2027-02-28');
		expect(dueOn('2027-05-15', 12)).toBe('2028-05-15');
		expect(dueOn('2028-02-29', 12)).toBe('2029-02-28');
	});
});
