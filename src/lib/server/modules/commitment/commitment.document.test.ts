import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { setUserLocale } from '../../auth/account.repository.ts';
import { createNetwork } from '../network/network.service.ts';
import { commitmentDocument, exportCommitment } from './commitment.document.ts';
import { createCommitment } from './commitment.service.ts';
import { addAction, addSprint, saveCheckin, savePlan } from './plan.service.ts';

const scores = (s: number) =>
	Object.fromEntries(
		['time', 'money', 'information', 'organisation', 'quality'].flatMap((p) => [
			[`${p}Score`, String(s)],
			[`${p}Note`, p === 'money' ? 'Nog geen budget' : '']
		])
	);

describe(`a commitment as a document [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('holds the commitment, its plan, sprints and check-ins, in the owner’s language', async () => {
		const coordinator = await createPerson(w, 'Cora');
		const { id: n } = await createNetwork(w.ctx, coordinator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Document ${crypto.randomUUID()}`
		});
		const owner = await createPerson(w, 'Olga');
		const stranger = await createPerson(w, 'Sven');
		await addMember(w, coordinator, n, owner);
		await setUserLocale(w.ctx.authDb, owner.userId, 'en');
		const { id } = await createCommitment(w.ctx, owner, n, {
			title: 'Trainingen over inclusie geven',
			firstStep: 'Een mail aan HR',
			visibility: 'network'
		});
		await savePlan(w.ctx, owner, n, id, {
			hundredDays: 'Drie trainingen gegeven',
			role_connecting: 'on'
		});
		const { id: sprintId } = await addSprint(w.ctx, owner, n, id, {
			startsOn: '2027-01-11',
			endsOn: '2027-04-11'
		});
		await addAction(w.ctx, owner, n, id, sprintId, {
			title: 'Zaal boeken',
			ownerId: owner.userId,
			dueOn: '2027-01-20'
		});
		await saveCheckin(w.ctx, owner, n, id, sprintId, { moment: 'start', ...scores(2) });
		await saveCheckin(w.ctx, owner, n, id, sprintId, { moment: 'end', ...scores(4) });

		// The owner chose English: the document's own words are English, whoever downloads it.
		const doc = await commitmentDocument(w.ctx, coordinator, n, id);
		expect(doc.locale).toBe('en');
		const text = JSON.stringify(doc.blocks);
		for (const s of [
			'Trainingen over inclusie geven',
			'Een mail aan HR',
			'Drie trainingen gegeven',
			'Zaal boeken',
			'Nog geen budget',
			'Action plan',
			'Connecting'
		])
			expect(text).toContain(s);
		const docx = await exportCommitment(w.ctx, coordinator, n, id, 'docx');
		expect(docx.name).toBe('trainingen-over-inclusie-geven.docx');
		expect(Buffer.from(docx.bytes.slice(0, 2)).toString()).toBe('PK');
		const pdf = await exportCommitment(w.ctx, coordinator, n, id, 'pdf');
		expect(Buffer.from(pdf.bytes.slice(0, 5)).toString()).toBe('%PDF-');
		await expect(exportCommitment(w.ctx, stranger, n, id, 'pdf')).rejects.toBeInstanceOf(
			DomainError
		);
	});
});
