import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listJobs } from '../../jobs/queue.repository.ts';
import { runJobsNow } from '../../jobs/run-now.ts';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { ValidationError } from '../../validation.ts';
import { createNetwork } from '../network/network.service.ts';
import { addOrganisation } from '../network/organisation.service.ts';
import {
	answerPartnerLink,
	createPartnerLink,
	partnerLinkPage,
	revokePartnerLink
} from './partner-link.service.ts';
import { planPartnerReviews } from './partner-review.service.ts';
import {
	addPartner,
	editPartner,
	evaluatePartner,
	readEvidenceFile,
	shareScores
} from './partner.service.ts';
import { inventoryPage, partnerPage, stepPlanProgress } from './view.ts';

const refused = (key: string, field?: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError
		? e.errors.some((x) => x.key === key && (!field || x.field === field))
		: e.key === key && (!field || e.field === field));
const coded = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

const levels = (all: number, extra: Record<string, string> = {}) => ({
	'level-diversity': String(all),
	'level-equal_opportunity': String(all),
	'level-accessibility': String(all),
	'level-inclusion': String(all),
	...extra
});
const pdf = (name = 'jaarverslag.pdf') =>
	new File([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], name, {
		type: 'application/pdf'
	});

describe(`partnerships: the partner's view, evidence, sharing, reminders [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function network(orgCount = 2) {
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
				name: `Bibliotheek ${i + 1}`,
				sector: 'culture',
				region: ''
			});
			const p = await createPerson(w, `Lid ${i + 1}`);
			await addMember(w, cora, networkId, p, 'participant', { organisationId: org.id });
			members.push(p);
		}
		return { cora, networkId, members };
	}

	it('lets the partner answer once by link, beside the own scores and never mixed in', async () => {
		w.clock.now = new Date('2027-02-01T09:00:00Z');
		const { cora, networkId, members } = await network(1);
		const ann = members[0]!;
		const id = await addPartner(w.ctx, ann, networkId, {
			name: 'Buurthuis De Pit',
			kind: 'community',
			contact: 'Samira'
		});
		await evaluatePartner(w.ctx, ann, networkId, id, { evaluatedOn: '2027-02-01', ...levels(2) });
		// Only a keeper of the inventory makes a link; a prospective partner has none.
		await expect(createPartnerLink(w.ctx, cora, networkId, id, {})).rejects.toSatisfy(
			coded('not_found')
		);
		await expect(createPartnerLink(w.ctx, ann, networkId, id, { days: '0' })).rejects.toSatisfy(
			refused('error_partner_link_days', 'days')
		);
		const prospect = await addPartner(w.ctx, ann, networkId, {
			name: 'Sportclub',
			kind: 'community',
			prospective: 'on'
		});
		await expect(createPartnerLink(w.ctx, ann, networkId, prospect, {})).rejects.toSatisfy(
			refused('error_partner_link_prospective')
		);

		const token = await createPartnerLink(w.ctx, ann, networkId, id, { days: '14' });
		const page = await partnerLinkPage(w.ctx, token);
		expect(page).toMatchObject({
			state: 'open',
			partner: 'Buurthuis De Pit',
			organisation: 'Bibliotheek 1',
			respondent: 'Samira'
		});
		// Bad input changes nothing: no name, a level off the scale, script shown as text later.
		await expect(
			answerPartnerLink(w.ctx, token, { respondent: ' ', ...levels(3) })
		).rejects.toSatisfy(refused('error_required', 'respondent'));
		await expect(
			answerPartnerLink(w.ctx, token, { respondent: 'Samira', ...levels(5) })
		).rejects.toSatisfy(refused('error_partner_level', 'level-diversity'));
		expect((await partnerLinkPage(w.ctx, token)).state).toBe('open');
		await answerPartnerLink(w.ctx, token, {
			respondent: 'Samira <script>alert(1)</script>',
			...levels(3, { 'level-accessibility': '1', 'evidence-accessibility': 'Geen lift' }),
			offer: 'Kom eens langs op woensdag'
		});
		// A second answer (a second person, or a second tap) writes nothing.
		await expect(
			answerPartnerLink(w.ctx, token, { respondent: 'Iemand anders', ...levels(4) })
		).rejects.toSatisfy(refused('error_partner_link_closed'));
		expect((await partnerLinkPage(w.ctx, token)).state).toBe('used');
		await expect(partnerLinkPage(w.ctx, 'not-a-token')).rejects.toSatisfy(coded('not_found'));

		const view = await partnerPage(w.ctx, ann, networkId, id);
		expect(view.history).toHaveLength(1);
		expect(view.views).toHaveLength(1);
		expect(view.views[0]).toMatchObject({
			by: 'Samira <script>alert(1)</script>',
			offer: 'Kom eens langs op woensdag',
			evidence: { accessibility: 'Geen lift' }
		});
		expect(view.change).toBeNull();
		expect(view.sideBySide).toEqual([
			{ dimension: 'diversity', own: 2, partner: 3 },
			{ dimension: 'equal_opportunity', own: 2, partner: 3 },
			{ dimension: 'accessibility', own: 2, partner: 1 },
			{ dimension: 'inclusion', own: 2, partner: 3 }
		]);
		expect(view.links.map((l) => l.state)).toEqual(['used']);
		// The network's totals count the organisation's own evaluation only.
		expect((await stepPlanProgress(w.ctx, networkId)).reevaluated).toBe(0);

		// Expired and withdrawn links take no answer.
		const late = await createPartnerLink(w.ctx, ann, networkId, id, { days: '1' });
		w.clock.now = new Date('2027-02-02T09:00:01Z');
		expect((await partnerLinkPage(w.ctx, late)).state).toBe('expired');
		await expect(
			answerPartnerLink(w.ctx, late, { respondent: 'Samira', ...levels(4) })
		).rejects.toSatisfy(refused('error_partner_link_closed'));
		const withdrawn = await createPartnerLink(w.ctx, ann, networkId, id, {});
		const linkId = (await partnerPage(w.ctx, ann, networkId, id)).links.find(
			(l) => l.state === 'open'
		)!.id;
		await revokePartnerLink(w.ctx, ann, networkId, id, linkId);
		expect((await partnerLinkPage(w.ctx, withdrawn)).state).toBe('revoked');
		await expect(
			answerPartnerLink(w.ctx, withdrawn, { respondent: 'Samira', ...levels(4) })
		).rejects.toSatisfy(refused('error_partner_link_closed'));
		expect((await partnerPage(w.ctx, ann, networkId, id)).views).toHaveLength(1);
	});

	it('keeps evidence files to the organisation, checked by their bytes and size', async () => {
		w.clock.now = new Date('2027-03-01T09:00:00Z');
		const { cora, networkId, members } = await network(2);
		const [ann, ben] = members as [(typeof members)[0], (typeof members)[0]];
		const id = await addPartner(w.ctx, ann, networkId, { name: 'Museum', kind: 'cultural' });
		const scored = { evaluatedOn: '2027-03-01', ...levels(2) };
		// A "pdf" that is not one, and one too large: refused next to its dimension, nothing saved.
		await expect(
			evaluatePartner(w.ctx, ann, networkId, id, scored, {
				inclusion: new File(['gewoon tekst'], 'nep.pdf')
			})
		).rejects.toSatisfy(refused('error_file_type', 'file-inclusion'));
		await expect(
			evaluatePartner(w.ctx, ann, networkId, id, scored, {
				diversity: new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'groot.pdf')
			})
		).rejects.toSatisfy(refused('error_file_too_large', 'file-diversity'));
		expect((await partnerPage(w.ctx, ann, networkId, id)).history).toHaveLength(0);

		await evaluatePartner(w.ctx, ann, networkId, id, scored, { accessibility: pdf() });
		const [h] = (await partnerPage(w.ctx, ann, networkId, id)).history;
		const file = h!.files.accessibility!;
		expect(file.name).toBe('jaarverslag.pdf');
		expect(h!.files.diversity).toBeUndefined();
		const read = await readEvidenceFile(w.ctx, ann, networkId, id, file.id);
		expect(read.mime).toBe('application/pdf');
		expect(read.data.subarray(0, 4).toString()).toBe('%PDF');
		// Not for another organisation's member, not for the coordinator, not through another partner.
		for (const who of [ben, cora])
			await expect(readEvidenceFile(w.ctx, who, networkId, id, file.id)).rejects.toSatisfy(
				coded('not_found')
			);
		const other = await addPartner(w.ctx, ann, networkId, { name: 'Ander', kind: 'other' });
		await expect(readEvidenceFile(w.ctx, ann, networkId, other, file.id)).rejects.toSatisfy(
			coded('not_found')
		);
	});

	it('shows partner-level scores to the network only while the organisation shares them', async () => {
		w.clock.now = new Date('2027-04-01T09:00:00Z');
		const { cora, networkId, members } = await network(2);
		const [ann, ben] = members as [(typeof members)[0], (typeof members)[0]];
		const id = await addPartner(w.ctx, ann, networkId, { name: 'Theater', kind: 'cultural' });
		await addPartner(w.ctx, ann, networkId, {
			name: 'Geheime wens',
			kind: 'business',
			prospective: 'on'
		});
		await evaluatePartner(w.ctx, ann, networkId, id, { evaluatedOn: '2026-04-01', ...levels(1) });
		await evaluatePartner(w.ctx, ann, networkId, id, { evaluatedOn: '2027-04-01', ...levels(3) });
		expect((await inventoryPage(w.ctx, ben, networkId)).shared).toEqual([]);
		expect((await inventoryPage(w.ctx, cora, networkId)).shared).toEqual([]);
		expect(await shareScores(w.ctx, ann, networkId, { share: 'on' })).toBe(true);
		await expect(shareScores(w.ctx, cora, networkId, { share: 'on' })).rejects.toSatisfy(
			refused('error_partner_no_organisation')
		);
		for (const who of [ben, cora]) {
			const { shared } = await inventoryPage(w.ctx, who, networkId);
			expect(shared).toHaveLength(1);
			expect(shared[0]!.organisation).toBe('Bibliotheek 1');
			// Current partners only, with levels and change; no notes, evidence or prospects.
			expect(shared[0]!.partners).toEqual([
				{
					id,
					name: 'Theater',
					kind: 'cultural',
					latest: { diversity: 3, equal_opportunity: 3, accessibility: 3, inclusion: 3 },
					change: { diversity: 2, equal_opportunity: 2, accessibility: 2, inclusion: 2 }
				}
			]);
		}
		expect((await inventoryPage(w.ctx, ann, networkId)).sharing).toBe(true);
		await shareScores(w.ctx, ann, networkId, {});
		expect((await inventoryPage(w.ctx, ben, networkId)).shared).toEqual([]);
	});

	it('reminds the last scorer when a re-evaluation falls due, once, and not after re-scoring', async () => {
		w.clock.now = new Date('2027-05-03T06:00:00Z');
		const { networkId, members } = await network(1);
		const ann = members[0]!;
		const id = await addPartner(w.ctx, ann, networkId, {
			name: 'Jeugdwerk Oost',
			kind: 'social',
			reviewMonths: '12'
		});
		await evaluatePartner(w.ctx, ann, networkId, id, { evaluatedOn: '2026-05-04', ...levels(2) });
		const mails = () =>
			w.mailer.sent.filter((m) => m.to === ann.email && m.kind === 'partner_review');
		// Due tomorrow (4 May 2027): planned for 09:00 then, once however often the planner runs.
		expect(await planPartnerReviews(w.ctx)).toBeGreaterThanOrEqual(1);
		expect(await planPartnerReviews(w.ctx)).toBe(0);
		const jobs = (await listJobs(w.ctx.db, { kind: 'partner-review' })).filter((j) =>
			j.key.includes(id)
		);
		expect(jobs.map((j) => j.key)).toEqual([`partner-review:${id}:2027-05-04`]);
		await runJobsNow(w.ctx);
		expect(mails()).toHaveLength(0);
		w.clock.now = new Date('2027-05-04T07:00:01Z');
		await runJobsNow(w.ctx);
		expect(mails()).toHaveLength(1);
		expect(mails()[0]!.subject).toContain('Jeugdwerk Oost');
		expect(mails()[0]!.text).toContain(`/networks/${networkId}/partners/${id}`);

		// Scored again before the next due day: that reminder is planned, then finds nothing to do.
		await editPartner(w.ctx, ann, networkId, id, {
			name: 'Jeugdwerk Oost',
			kind: 'social',
			reviewMonths: '1'
		});
		w.clock.now = new Date('2027-06-03T06:00:00Z');
		await planPartnerReviews(w.ctx);
		await evaluatePartner(w.ctx, ann, networkId, id, { evaluatedOn: '2027-06-03', ...levels(3) });
		w.clock.now = new Date('2027-06-04T08:00:00Z');
		await runJobsNow(w.ctx);
		expect(mails()).toHaveLength(1);
	});
});
