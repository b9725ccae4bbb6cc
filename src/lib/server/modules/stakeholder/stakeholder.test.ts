import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '#lib/domain.ts';
import { quadrantOf } from '#lib/stakeholder.ts';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { ValidationError } from '../../validation.ts';
import { getCommitment } from '../commitment/index.ts';
import { createCommitment } from '../commitment/commitment.service.ts';
import { addSprint } from '../commitment/plan.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { mayOnStakeholder, type StakeholderDeed } from './stakeholder.policy.ts';
import {
	addStakeholder,
	editStakeholder,
	nextMoveToAction,
	placeStakeholder,
	removeStakeholder,
	sprintForToday
} from './stakeholder.service.ts';
import { mapPage, stakeholderPage } from './view.ts';

const refused = (key: string, field?: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError
		? e.errors.some((x) => x.key === key && (field === undefined || x.field === field))
		: e.key === key && (field === undefined || e.field === field));
const coded = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

const DEEDS: StakeholderDeed[] = ['list', 'see', 'add', 'edit', 'place', 'remove', 'to_action'];

describe('the stakeholder policy, as a matrix', () => {
	// Who: the member who added it, the member named as knowing them, anyone else.
	const cases = ['creator', 'known_by', 'other'] as const;
	for (const role of ROLES)
		for (const who of cases)
			it(`${role} who is ${who}`, () => {
				const m = { userId: 'me', role };
				const s = {
					createdBy: who === 'creator' ? 'me' : 'someone',
					knownBy: who === 'known_by' ? 'me' : null
				};
				const keeps = role === 'coordinator' || who === 'creator';
				const expected: Record<StakeholderDeed, boolean> = {
					list: true,
					see: true,
					add: true,
					edit: keeps,
					place: keeps,
					remove: keeps,
					to_action: keeps || who === 'known_by'
				};
				for (const d of DEEDS) expect([d, mayOnStakeholder(m, d, s)]).toEqual([d, expected[d]]);
			});
	it('a stakeholder whose adder left is the coordinators’ to change', () => {
		const s = { createdBy: null, knownBy: null };
		expect(mayOnStakeholder({ userId: 'me', role: 'participant' }, 'edit', s)).toBe(false);
		expect(mayOnStakeholder({ userId: 'me', role: 'coordinator' }, 'remove', s)).toBe(true);
		// Without a stakeholder, only listing and adding make sense.
		expect(mayOnStakeholder({ userId: 'me', role: 'coordinator' }, 'see')).toBe(false);
	});
	it('names the quadrant from influence and interest', () => {
		expect(quadrantOf(5, 5)).toBe('manage_closely');
		expect(quadrantOf(3, 3)).toBe('manage_closely');
		expect(quadrantOf(4, 2)).toBe('keep_satisfied');
		expect(quadrantOf(2, 4)).toBe('keep_informed');
		expect(quadrantOf(1, 2)).toBe('monitor');
	});
	it('puts a new action in the sprint of today, else the next, else the latest', () => {
		const a = { id: 'a', startsOn: '2027-01-01', endsOn: '2027-01-31' };
		const b = { id: 'b', startsOn: '2027-03-01', endsOn: '2027-03-31' };
		const c = { id: 'c', startsOn: '2027-05-01', endsOn: '2027-05-31' };
		expect(sprintForToday([a, b, c], '2027-01-15')?.id).toBe('a');
		expect(sprintForToday([c, b, a], '2027-02-15')?.id).toBe('b');
		expect(sprintForToday([a, c, b], '2027-07-01')?.id).toBe('c');
		expect(sprintForToday([], '2027-07-01')).toBeNull();
	});
});

describe(`stakeholder map [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function network() {
		const cora = await createPerson(w, 'Cora');
		const { id: networkId } = await createNetwork(w.ctx, cora, {
			purpose: 'Iedereen welkom in de bibliotheek',
			coreValue: 'Samen',
			language: 'nl',
			name: `Netwerk ${crypto.randomUUID()}`
		});
		const ann = await createPerson(w, 'Ann');
		const ben = await createPerson(w, 'Ben');
		await addMember(w, cora, networkId, ann, 'participant');
		await addMember(w, cora, networkId, ben, 'facilitator');
		return { cora, ann, ben, networkId };
	}

	const alderman = {
		name: 'Wethouder Jansen',
		organisation: 'Gemeente Oostwijk',
		kind: 'person',
		win: 'Een wijk waar nieuwkomers sneller meedoen',
		influence: '5',
		interest: '2',
		relation: 'Ann kent haar van de wijkraad',
		nextMove: 'Wethouder uitnodigen voor de volgende sessie',
		nextMoveOn: '2027-02-01'
	};

	it('is the network’s map: every member sees it, who added one changes it, and coordinators all', async () => {
		w.clock.now = new Date('2027-01-10T09:00:00Z');
		const { cora, ann, ben, networkId } = await network();
		const id = await addStakeholder(w.ctx, ann, networkId, { ...alderman, knownBy: ann.userId });
		await addStakeholder(w.ctx, ben, networkId, {
			name: 'Taalhuis',
			kind: 'organisation',
			win: 'Meer cursisten die de bibliotheek leren kennen',
			influence: '2',
			interest: '5'
		});
		// Every member sees the whole map, with the quadrant and who knows them.
		const map = await mapPage(w.ctx, ben, networkId);
		expect(
			map.stakeholders.map((s) => [s.name, s.quadrant, s.knownBy?.name ?? null, s.canEdit])
		).toEqual([
			['Taalhuis', 'keep_informed', null, true],
			['Wethouder Jansen', 'keep_satisfied', 'Ann', false]
		]);
		const page = await stakeholderPage(w.ctx, ben, networkId, id);
		expect(page.stakeholder).toMatchObject({
			win: alderman.win,
			relation: alderman.relation,
			nextMove: alderman.nextMove,
			nextMoveOn: '2027-02-01',
			addedBy: 'Ann',
			canEdit: false,
			canAct: false
		});
		// Ben (a facilitator, not the adder) may not change or move it, nor remove it.
		await expect(
			editStakeholder(w.ctx, ben, networkId, id, { ...alderman, name: 'Anders' })
		).rejects.toSatisfy(coded('forbidden'));
		await expect(
			placeStakeholder(w.ctx, ben, networkId, id, { influence: '1', interest: '1' })
		).rejects.toSatisfy(coded('forbidden'));
		await expect(removeStakeholder(w.ctx, ben, networkId, id)).rejects.toSatisfy(
			coded('forbidden')
		);
		// Ann moves it; the coordinator edits it.
		expect(
			await placeStakeholder(w.ctx, ann, networkId, id, { influence: '4', interest: '4' })
		).toMatchObject({ influence: 4, interest: 4 });
		// The details leave the place on the map alone, whatever scores come along.
		await editStakeholder(w.ctx, cora, networkId, id, {
			...alderman,
			influence: '1',
			interest: '1',
			notes: 'Heeft weinig tijd'
		});
		const after = await stakeholderPage(w.ctx, ann, networkId, id);
		expect(after.stakeholder).toMatchObject({
			influence: 4,
			interest: 4,
			quadrant: 'manage_closely',
			notes: 'Heeft weinig tijd',
			// Editing without naming the member leaves nobody named.
			knownBy: null,
			canEdit: true
		});
		// The coordinator removes it; then it is gone for everyone.
		await removeStakeholder(w.ctx, cora, networkId, id);
		await expect(stakeholderPage(w.ctx, ann, networkId, id)).rejects.toSatisfy(coded('not_found'));
		expect((await mapPage(w.ctx, ann, networkId)).stakeholders.map((s) => s.name)).toEqual([
			'Taalhuis'
		]);
	});

	it('refuses bad input field by field and changes nothing', async () => {
		const { cora, ann, networkId } = await network();
		const id = await addStakeholder(w.ctx, ann, networkId, alderman);
		const bad: [Record<string, string>, string, string][] = [
			[{ name: '  ' }, 'error_required', 'name'],
			[{ name: '\u200B' }, 'error_required', 'name'],
			[{ name: 'x'.repeat(201) }, 'error_too_long', 'name'],
			[{ name: 'Jan\u0000' }, 'error_control_chars', 'name'],
			[{ win: '' }, 'error_required', 'win'],
			[{ win: 'x'.repeat(1001) }, 'error_too_long', 'win'],
			[{ relation: 'via\u0007 Ann' }, 'error_control_chars', 'relation'],
			[{ nextMove: 'x'.repeat(301) }, 'error_too_long', 'nextMove'],
			[{ nextMoveOn: '2027-02-30' }, 'error_date', 'nextMoveOn'],
			[{ kind: 'ghost' }, 'error_stakeholder_kind', 'kind'],
			[{ influence: '0' }, 'error_stakeholder_influence', 'influence'],
			[{ influence: '6' }, 'error_stakeholder_influence', 'influence'],
			[{ interest: '2.5' }, 'error_stakeholder_interest', 'interest'],
			[{ interest: 'veel' }, 'error_stakeholder_interest', 'interest'],
			[{ interest: '' }, 'error_stakeholder_interest', 'interest'],
			[{ knownBy: cora.userId.slice(0, -1) + 'x' }, 'error_stakeholder_known_by', 'knownBy']
		];
		for (const [change, key, field] of bad) {
			await expect(
				addStakeholder(w.ctx, ann, networkId, { ...alderman, ...change }),
				JSON.stringify(change)
			).rejects.toSatisfy(refused(key, field));
			// Influence and interest change by moving on the map, not in the details.
			if (field === 'influence' || field === 'interest') continue;
			await expect(
				editStakeholder(w.ctx, ann, networkId, id, { ...alderman, ...change }),
				JSON.stringify(change)
			).rejects.toSatisfy(refused(key, field));
		}
		for (const [influence, interest, field] of [
			['0', '3', 'influence'],
			['6', '3', 'influence'],
			['3', 'x', 'interest'],
			['3', '-1', 'interest']
		] as const)
			await expect(
				placeStakeholder(w.ctx, ann, networkId, id, { influence, interest })
			).rejects.toSatisfy(refused(`error_stakeholder_${field}`, field));
		await expect(
			placeStakeholder(w.ctx, ann, networkId, id, { influence: '9', interest: '3' })
		).rejects.toSatisfy(refused('error_stakeholder_influence', 'influence'));
		await expect(placeStakeholder(w.ctx, ann, networkId, id, { influence: '3' })).rejects.toSatisfy(
			refused('error_stakeholder_interest', 'interest')
		);
		const map = await mapPage(w.ctx, ann, networkId);
		expect(map.stakeholders).toHaveLength(1);
		expect(map.stakeholders[0]).toMatchObject({
			name: alderman.name,
			influence: 5,
			interest: 2,
			win: alderman.win
		});
	});

	it('keeps another network’s map out of reach, and non-members out', async () => {
		const a = await network();
		const b = await network();
		const id = await addStakeholder(w.ctx, a.ann, a.networkId, alderman);
		const outsider = await createPerson(w, 'Olga');
		for (const [who, net] of [
			[b.cora, b.networkId],
			[b.cora, a.networkId],
			[outsider, a.networkId]
		] as const) {
			await expect(stakeholderPage(w.ctx, who, net, id)).rejects.toSatisfy(coded('not_found'));
			await expect(
				editStakeholder(w.ctx, who, net, id, { ...alderman, name: 'Overgenomen' })
			).rejects.toSatisfy(coded('not_found'));
			await expect(
				placeStakeholder(w.ctx, who, net, id, { influence: '1', interest: '1' })
			).rejects.toSatisfy(coded('not_found'));
			await expect(removeStakeholder(w.ctx, who, net, id)).rejects.toSatisfy(coded('not_found'));
			await expect(nextMoveToAction(w.ctx, who, net, id, { commitmentId: 'x' })).rejects.toSatisfy(
				coded('not_found')
			);
		}
		await expect(mapPage(w.ctx, outsider, a.networkId)).rejects.toSatisfy(coded('not_found'));
		expect((await mapPage(w.ctx, b.cora, b.networkId)).stakeholders).toEqual([]);
		// A member of B cannot be named as knowing one of A's stakeholders.
		await expect(
			editStakeholder(w.ctx, a.ann, a.networkId, id, { ...alderman, knownBy: b.ann.userId })
		).rejects.toSatisfy(refused('error_stakeholder_known_by', 'knownBy'));
		// An id that is no id names nothing.
		await expect(stakeholderPage(w.ctx, a.ann, a.networkId, 'x'.repeat(500))).rejects.toSatisfy(
			coded('not_found')
		);
	});

	it('makes a next move an action of my own commitment, once', async () => {
		w.clock.now = new Date('2027-01-10T09:00:00Z');
		const { cora, ann, ben, networkId } = await network();
		const id = await addStakeholder(w.ctx, ann, networkId, { ...alderman, knownBy: ben.userId });
		const quiet = await addStakeholder(w.ctx, ann, networkId, { ...alderman, nextMove: '' });
		const { id: mine } = await createCommitment(w.ctx, ann, networkId, {
			title: 'Ik haal de gemeente erbij',
			visibility: 'network'
		});
		const { id: empty } = await createCommitment(w.ctx, ann, networkId, {
			title: 'Zonder sprint',
			visibility: 'private'
		});
		const { id: bens } = await createCommitment(w.ctx, ben, networkId, {
			title: 'Van Ben',
			visibility: 'network'
		});
		await addSprint(w.ctx, ann, networkId, mine, { startsOn: '2027-01-05' });
		await addSprint(w.ctx, ben, networkId, bens, { startsOn: '2027-01-05' });

		// Only my own commitments that take actions are offered.
		const page = await stakeholderPage(w.ctx, ann, networkId, id);
		expect(page.commitments.map((c) => c.title).sort()).toEqual([
			'Ik haal de gemeente erbij',
			'Zonder sprint'
		]);
		expect((await stakeholderPage(w.ctx, cora, networkId, id)).commitments).toEqual([]);
		// Someone else's commitment, one without a sprint, a stakeholder without a next move.
		await expect(
			nextMoveToAction(w.ctx, ann, networkId, id, { commitmentId: bens })
		).rejects.toSatisfy(refused('error_stakeholder_commitment', 'commitmentId'));
		await expect(
			nextMoveToAction(w.ctx, ann, networkId, id, { commitmentId: 'nope' })
		).rejects.toSatisfy(refused('error_stakeholder_commitment', 'commitmentId'));
		await expect(
			nextMoveToAction(w.ctx, ann, networkId, id, { commitmentId: '' })
		).rejects.toSatisfy(refused('error_stakeholder_commitment', 'commitmentId'));
		await expect(
			nextMoveToAction(w.ctx, ann, networkId, id, { commitmentId: empty })
		).rejects.toSatisfy(refused('error_stakeholder_no_sprint', 'commitmentId'));
		await expect(
			nextMoveToAction(w.ctx, ann, networkId, quiet, { commitmentId: mine })
		).rejects.toSatisfy(refused('error_stakeholder_no_next_move'));
		// A member who neither added it nor knows them, and is no coordinator, may not.
		const dora = await createPerson(w, 'Dora');
		await addMember(w, cora, networkId, dora, 'participant');
		await expect(
			nextMoveToAction(w.ctx, dora, networkId, id, { commitmentId: mine })
		).rejects.toSatisfy(coded('forbidden'));
		expect((await getCommitment(w.ctx, ann, networkId, mine)).sprints[0]!.actions).toEqual([]);

		const done = await nextMoveToAction(w.ctx, ann, networkId, id, { commitmentId: mine });
		expect(done.commitmentId).toBe(mine);
		const c = await getCommitment(w.ctx, ann, networkId, mine);
		expect(c.sprints[0]!.actions).toMatchObject([
			{
				id: done.actionId,
				title: alderman.nextMove,
				ownerId: ann.userId,
				dueOn: '2027-02-01'
			}
		]);
		const after = await stakeholderPage(w.ctx, ben, networkId, id);
		expect(after.action).toEqual({ commitment: { id: mine, title: 'Ik haal de gemeente erbij' } });
		expect(after.stakeholder.hasAction).toBe(true);
		// Once: a second time is refused, even by the member who knows them, into their own.
		await expect(
			nextMoveToAction(w.ctx, ben, networkId, id, { commitmentId: bens })
		).rejects.toSatisfy(refused('error_stakeholder_already_action'));
		expect((await getCommitment(w.ctx, ben, networkId, bens)).sprints[0]!.actions).toEqual([]);
	});

	it('names a commitment that took a next move only to those who may see it', async () => {
		w.clock.now = new Date('2027-01-10T09:00:00Z');
		const { ann, ben, networkId } = await network();
		const id = await addStakeholder(w.ctx, ann, networkId, alderman);
		const { id: mine } = await createCommitment(w.ctx, ann, networkId, {
			title: 'Alleen voor mij',
			visibility: 'private'
		});
		await addSprint(w.ctx, ann, networkId, mine, { startsOn: '2027-01-05' });
		await nextMoveToAction(w.ctx, ann, networkId, id, { commitmentId: mine });
		expect((await stakeholderPage(w.ctx, ann, networkId, id)).action).toEqual({
			commitment: { id: mine, title: 'Alleen voor mij' }
		});
		expect((await stakeholderPage(w.ctx, ben, networkId, id)).action).toEqual({
			commitment: null
		});
	});
});
