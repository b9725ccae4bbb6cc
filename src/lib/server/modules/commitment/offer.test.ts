import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { ValidationError } from '../../validation.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { createCommitment } from './commitment.service.ts';
import { answerOffer, listNeeds, offerHelp, offersOn } from './offer.service.ts';

const refused = (key: string, field?: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError
		? e.errors.some((x) => x.key === key && (!field || x.field === field))
		: e.key === key && (!field || e.field === field));
const notFound = (e: unknown) => e instanceof DomainError && e.code === 'not_found';

describe(`needs others can meet [${TEST_DB}]`, () => {
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
					name: `Hulp ${crypto.randomUUID()}`
				})
			).id;
		const networkId = await network();
		const otherNetworkId = await network();
		const owner = await createPerson(w, 'Olga');
		const helper = await createPerson(w, 'Hamid');
		const stranger = await createPerson(w, 'Sven');
		await addMember(w, coordinator, networkId, owner);
		await addMember(w, coordinator, networkId, helper);
		await addMember(w, coordinator, otherNetworkId, stranger);
		const shared = (
			await createCommitment(w.ctx, owner, networkId, {
				title: 'Een nep-intake oefenen',
				needs: 'Iemand die al eens een nep-intake deed',
				visibility: 'network'
			})
		).id;
		const secret = (
			await createCommitment(w.ctx, owner, networkId, {
				title: 'Privé plan',
				needs: 'Geld',
				visibility: 'private'
			})
		).id;
		return { coordinator, networkId, otherNetworkId, owner, helper, stranger, shared, secret };
	}

	it('a need shared with the network is on the board; a member offers help and the owner accepts', async () => {
		const c = await cast();
		const board = await listNeeds(w.ctx, c.helper, c.networkId);
		expect(board.map((n) => [n.title, n.needs, n.isMine])).toEqual([
			['Een nep-intake oefenen', 'Iemand die al eens een nep-intake deed', false]
		]);
		const before = w.mailer.sent.length;
		await offerHelp(w.ctx, c.helper, c.networkId, c.shared, {
			note: 'Ik deed er drie vorig jaar.'
		});
		// Offering again changes the note: still one offer.
		await offerHelp(w.ctx, c.helper, c.networkId, c.shared, { note: 'Ik deed er vier.' });
		const toOwner = w.mailer.sent.slice(before).filter((m) => m.to === c.owner.email);
		expect(toOwner).toHaveLength(2);
		expect(toOwner[0]!.subject).toBe('Hamid wil helpen met ‘Een nep-intake oefenen’');
		expect(toOwner[1]!.text).toContain('Ik deed er vier.');
		let offers = await offersOn(w.ctx, c.owner, c.networkId, c.shared);
		expect(offers.map((o) => [o.name, o.note, o.state, o.email])).toEqual([
			['Hamid', 'Ik deed er vier.', 'offered', null]
		]);
		expect((await listNeeds(w.ctx, c.helper, c.networkId))[0]!.myOffer?.state).toBe('offered');
		// Another member sees no one's offers; the helper sees their own.
		expect(await offersOn(w.ctx, c.coordinator, c.networkId, c.shared)).toEqual([]);
		expect((await offersOn(w.ctx, c.helper, c.networkId, c.shared)).map((o) => o.isMine)).toEqual([
			true
		]);

		await answerOffer(w.ctx, c.owner, c.networkId, c.shared, {
			offerId: offers[0]!.id,
			answer: 'accept'
		});
		const toHelper = w.mailer.sent.filter((m) => m.to === c.helper.email).at(-1)!;
		expect(toHelper.subject).toBe('Olga neemt je hulp graag aan');
		expect(toHelper.text).toContain(c.owner.email);
		offers = await offersOn(w.ctx, c.owner, c.networkId, c.shared);
		// Accepted: the owner sees how to reach the helper.
		expect(offers.map((o) => [o.state, o.email])).toEqual([['accepted', c.helper.email]]);
		await expect(
			answerOffer(w.ctx, c.owner, c.networkId, c.shared, {
				offerId: offers[0]!.id,
				answer: 'thank'
			})
		).rejects.toSatisfy(refused('error_offer_answered'));
	});

	it('refuses help from outside, on one’s own or a private need, and an empty note', async () => {
		const c = await cast();
		const before = w.mailer.sent.length;
		// Someone of another network: the network does not exist for them.
		await expect(
			offerHelp(w.ctx, c.stranger, c.networkId, c.shared, { note: 'Ik help' })
		).rejects.toSatisfy(notFound);
		// The same commitment asked for through another network: not there.
		await expect(
			offerHelp(w.ctx, c.stranger, c.otherNetworkId, c.shared, { note: 'Ik help' })
		).rejects.toSatisfy(notFound);
		await expect(
			offerHelp(w.ctx, c.helper, c.networkId, c.secret, { note: 'Ik help' })
		).rejects.toSatisfy(notFound);
		await expect(
			offerHelp(w.ctx, c.owner, c.networkId, c.shared, { note: 'Ik help mezelf' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			offerHelp(w.ctx, c.helper, c.networkId, c.shared, { note: '  \u200B ' })
		).rejects.toSatisfy(refused('error_required', 'note'));
		await expect(
			offerHelp(w.ctx, c.helper, c.networkId, c.shared, { note: 'x'.repeat(1001) })
		).rejects.toSatisfy(refused('error_too_long', 'note'));
		// Only owners answer.
		await offerHelp(w.ctx, c.helper, c.networkId, c.shared, { note: 'Graag' });
		const [offer] = await offersOn(w.ctx, c.owner, c.networkId, c.shared);
		await expect(
			answerOffer(w.ctx, c.helper, c.networkId, c.shared, { offerId: offer!.id, answer: 'accept' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			answerOffer(w.ctx, c.owner, c.networkId, c.shared, { offerId: offer!.id, answer: 'maybe' })
		).rejects.toSatisfy(refused('error_invalid', 'answer'));
		expect(w.mailer.sent.length - before).toBe(1);
		expect(await listNeeds(w.ctx, c.owner, c.networkId)).toEqual([
			expect.objectContaining({ title: 'Een nep-intake oefenen', isMine: true })
		]);
	});
});
