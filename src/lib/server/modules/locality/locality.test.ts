import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { ValidationError } from '../../validation.ts';
import { createNetwork } from '../network/network.service.ts';
import { exportPlan, planBlocks } from './locality.document.ts';
import {
	defineFramework,
	editApproach,
	removeFramework,
	startApproach,
	takeSnapshot
} from './locality.service.ts';
import {
	addFinding,
	addInterview,
	addNote,
	addSource,
	editInterview,
	reviewPoints,
	scoreSnapshot
} from './evidence.service.ts';
import {
	addAction,
	addAgreement,
	addMediationNote,
	chooseBlock,
	editBlock,
	removeBlock,
	setActionStatus
} from './block.service.ts';
import { approachPage, blockPage, interviewPage, localIndex, snapshotPage } from './view.ts';

const refused = (key: string, field?: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError
		? e.errors.some((x) => x.key === key && (!field || x.field === field))
		: e.key === key && (!field || e.field === field));
const coded = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

describe(`the local approach: snapshot, building blocks and plan [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	/** A network with a coordinator, a facilitator who leads, a team member, a mediator, an outsider. */
	async function network() {
		const cora = await createPerson(w, 'Cora');
		const { id: networkId } = await createNetwork(w.ctx, cora, {
			purpose: 'Inclusie in de gemeente',
			coreValue: 'Samen',
			language: 'nl',
			name: `Lokaal ${crypto.randomUUID()}`
		});
		const fien = await createPerson(w, 'Fien');
		await addMember(w, cora, networkId, fien, 'facilitator');
		const tom = await createPerson(w, 'Tom');
		await addMember(w, cora, networkId, tom);
		const mo = await createPerson(w, 'Mo');
		await addMember(w, cora, networkId, mo);
		const olga = await createPerson(w, 'Olga');
		await addMember(w, cora, networkId, olga);
		return { cora, fien, tom, mo, olga, networkId };
	}

	async function approachWithEvidence() {
		const n = await network();
		const approachId = await startApproach(
			w.ctx,
			n.fien,
			n.networkId,
			{ name: 'Gemeente Zuiderveen', placeKind: 'municipality', people: 'wethouder, buurtteam' },
			[n.tom.userId]
		);
		const page = await approachPage(w.ctx, n.fien, n.networkId, approachId);
		const snapshotId = page.snapshots[0]!.id;
		const s = (raw: Record<string, string>) =>
			addSource(w.ctx, n.tom, n.networkId, approachId, snapshotId, raw);
		const policy = await s({
			kind: 'policy',
			title: 'Integratienota 2026',
			line: 'Geen budget voor ontmoeting'
		});
		const figures = await s({
			kind: 'figures',
			title: 'Buurtmonitor',
			link: 'https://example.org/monitor'
		});
		const i = (raw: Record<string, string>) =>
			addInterview(w.ctx, n.tom, n.networkId, approachId, snapshotId, {
				heldOn: '2027-03-01',
				...raw
			});
		const alderman = await i({ interviewee: 'Wethouder', role: 'municipality', consent: 'quotes' });
		const imam = await i({ interviewee: 'Imam Yusuf', role: 'community', consent: 'notes' });
		const resident = await i({ interviewee: 'Bewoner A', role: 'resident', consent: 'none' });
		return { ...n, approachId, snapshotId, policy, figures, alderman, imam, resident };
	}

	it('keeps one evidence trail: sources and interviews, coded notes, quotes only with consent', async () => {
		w.clock.now = new Date('2027-03-02T10:00:00Z');
		const x = await approachWithEvidence();
		const note = (interviewId: string, raw: Record<string, string>) =>
			addNote(w.ctx, x.tom, x.networkId, x.approachId, interviewId, raw);
		await note(x.alderman, {
			text: 'We willen dat iedereen meedoet.',
			themes: 'Beleid, ontmoeting',
			quote: 'on'
		});
		await note(x.imam, {
			text: 'Jongeren voelen zich niet welkom in het buurthuis.',
			themes: 'ontmoeting, jongeren'
		});
		// No quote without consent to be quoted, no notes at all without consent to notes.
		await expect(note(x.imam, { text: 'Letterlijk citaat', quote: 'on' })).rejects.toSatisfy(
			refused('error_local_no_consent_quote', 'quote')
		);
		await expect(note(x.resident, { text: 'Iets' })).rejects.toSatisfy(
			refused('error_local_no_consent_notes', 'text')
		);
		// Bad input changes nothing.
		await expect(note(x.alderman, { text: ' ' })).rejects.toSatisfy(
			refused('error_required', 'text')
		);
		await expect(note(x.alderman, { text: 'a\u0000b' })).rejects.toSatisfy(
			refused('error_control_chars', 'text')
		);
		await expect(note(x.alderman, { text: 'x'.repeat(4001) })).rejects.toSatisfy(
			refused('error_too_long', 'text')
		);
		const themes = (await snapshotPage(w.ctx, x.tom, x.networkId, x.approachId, x.snapshotId))
			.themes;
		expect(themes).toEqual([
			{ theme: 'ontmoeting', count: 2 },
			{ theme: 'beleid', count: 1 },
			{ theme: 'jongeren', count: 1 }
		]);

		// Narrowing the consent: the quote is a quote no longer.
		await editInterview(w.ctx, x.tom, x.networkId, x.approachId, x.alderman, {
			interviewee: 'Wethouder',
			role: 'municipality',
			heldOn: '2027-03-01',
			consent: 'notes'
		});
		// Taking consent away deletes the notes: only once that is confirmed.
		const none = {
			interviewee: 'Wethouder',
			role: 'municipality',
			heldOn: '2027-03-01',
			consent: 'none'
		};
		await expect(
			editInterview(w.ctx, x.tom, x.networkId, x.approachId, x.alderman, none)
		).rejects.toSatisfy(refused('error_local_consent_confirm', 'confirm'));
		expect(
			(await interviewPage(w.ctx, x.tom, x.networkId, x.approachId, x.alderman)).notes
		).toHaveLength(1);
		const talk = await interviewPage(w.ctx, x.tom, x.networkId, x.approachId, x.alderman);
		expect(talk.notes.map((n) => n.isQuote)).toEqual([0]);
		expect(talk.themes).toEqual(['beleid', 'jongeren', 'ontmoeting']);

		// A conclusion rests on something of this snapshot, named on the page.
		const finding = (raw: Record<string, string>) =>
			addFinding(w.ctx, x.tom, x.networkId, x.approachId, x.snapshotId, raw);
		await expect(finding({ findingKind: 'conclusion', text: 'Zonder grond' })).rejects.toSatisfy(
			refused('error_local_basis', 'basis')
		);
		await expect(
			finding({
				findingKind: 'conclusion',
				text: 'Vreemde grond',
				[`interview-${crypto.randomUUID()}`]: 'on'
			})
		).rejects.toSatisfy(refused('error_local_basis', 'basis'));
		await finding({
			findingKind: 'conclusion',
			text: 'Er zijn weinig plekken waar groepen elkaar ontmoeten.',
			[`interview-${x.imam}`]: 'on',
			[`source-${x.policy}`]: 'on'
		});
		await finding({
			findingKind: 'improvement',
			text: 'Maak het buurthuis een plek voor iedereen.',
			[`interview-${x.imam}`]: 'on'
		});
		const page = await snapshotPage(w.ctx, x.tom, x.networkId, x.approachId, x.snapshotId);
		expect(page.findings).toHaveLength(2);
		expect(page.findings[0]!.interviews.map((i) => i.interviewee)).toEqual(['Imam Yusuf']);
		expect(page.findings[0]!.sources.map((s) => s.title)).toEqual(['Integratienota 2026']);
		expect(page.interviews.map((i) => [i.interviewee, i.notes])).toEqual([
			['Bewoner A', 0],
			['Imam Yusuf', 1],
			['Wethouder', 1]
		]);
		// A source's link must be a web address.
		await expect(
			addSource(w.ctx, x.tom, x.networkId, x.approachId, x.snapshotId, {
				kind: 'study',
				title: 'Onderzoek',
				link: 'javascript:alert(1)'
			})
		).rejects.toSatisfy(refused('error_link', 'link'));
	});

	it('shows an approach only to its team, its lead and the network coordinators', async () => {
		w.clock.now = new Date('2027-03-02T10:00:00Z');
		const x = await approachWithEvidence();
		const other = await network();
		const pages = (who: typeof x.cora) => [
			() => approachPage(w.ctx, who, x.networkId, x.approachId),
			() => snapshotPage(w.ctx, who, x.networkId, x.approachId, x.snapshotId),
			() => interviewPage(w.ctx, who, x.networkId, x.approachId, x.imam)
		];
		for (const who of [x.fien, x.tom, x.cora])
			for (const read of pages(who)) await expect(read()).resolves.toBeTruthy();
		// A member of the same network not on the team, and another network's coordinator.
		for (const who of [x.olga, x.mo, other.cora])
			for (const read of pages(who)) await expect(read()).rejects.toSatisfy(coded('not_found'));
		expect((await localIndex(w.ctx, x.olga, x.networkId)).approaches).toEqual([]);
		expect((await localIndex(w.ctx, x.tom, x.networkId)).approaches.map((a) => a.name)).toEqual([
			'Gemeente Zuiderveen'
		]);
		// Another network's ids through this network's path, and this approach through the other's.
		await expect(approachPage(w.ctx, other.cora, other.networkId, x.approachId)).rejects.toSatisfy(
			coded('not_found')
		);
		await expect(
			addNote(w.ctx, x.olga, x.networkId, x.approachId, x.imam, { text: 'x' })
		).rejects.toSatisfy(coded('not_found'));
		// A participant cannot start an approach; a team member cannot change the team.
		await expect(
			startApproach(w.ctx, x.tom, x.networkId, { name: 'Wijk', placeKind: 'neighbourhood' })
		).rejects.toSatisfy(coded('forbidden'));
		await expect(
			editApproach(
				w.ctx,
				x.tom,
				x.networkId,
				x.approachId,
				{ name: 'Gemeente Zuiderveen', placeKind: 'municipality' },
				[x.tom.userId, x.olga.userId]
			)
		).rejects.toSatisfy(coded('forbidden'));
		await expect(
			editApproach(
				w.ctx,
				x.fien,
				x.networkId,
				x.approachId,
				{ name: 'Gemeente Zuiderveen', placeKind: 'municipality' },
				[x.tom.userId, other.cora.userId]
			)
		).rejects.toSatisfy(refused('error_local_team', 'team'));
	});

	it('chooses building blocks with their reasons, keeps mediation notes with their two readers, and exports the plan', async () => {
		w.clock.now = new Date('2027-03-10T10:00:00Z');
		const x = await approachWithEvidence();
		const conclusion = await addFinding(w.ctx, x.tom, x.networkId, x.approachId, x.snapshotId, {
			findingKind: 'conclusion',
			text: 'Jongeren en ouderen leven langs elkaar heen.',
			[`interview-${x.imam}`]: 'on'
		});
		const tension = await addFinding(w.ctx, x.tom, x.networkId, x.approachId, x.snapshotId, {
			findingKind: 'improvement',
			text: 'Herstel het vertrouwen tussen de moskee en de gemeente.',
			[`interview-${x.alderman}`]: 'on'
		});
		const block = (raw: Record<string, string>) =>
			chooseBlock(w.ctx, x.tom, x.networkId, x.approachId, raw);
		await expect(block({ kind: 'rebubbling', reason: 'Ontmoeting' })).rejects.toSatisfy(
			refused('error_local_block_basis', 'basis')
		);
		await expect(
			block({ kind: 'festival', reason: 'x', [`finding-${conclusion}`]: 'on' })
		).rejects.toSatisfy(refused('error_local_block_kind', 'kind'));
		const rebubbling = await block({
			kind: 'rebubbling',
			title: 'Buurtmaaltijden',
			reason: 'Groepen ontmoeten elkaar nauwelijks.',
			[`finding-${conclusion}`]: 'on'
		});
		const mediation = await block({
			kind: 'mediation',
			reason: 'Er is wantrouwen na de sluiting van het buurthuis.',
			[`finding-${tension}`]: 'on'
		});
		const alliance = await block({
			kind: 'alliance',
			reason: 'Organisaties willen samen afspraken maken.',
			[`finding-${conclusion}`]: 'on'
		});
		await editBlock(w.ctx, x.tom, x.networkId, x.approachId, alliance, {
			reason: 'Organisaties willen samen afspraken maken.',
			principles: 'Iedereen is welkom\nWe vragen wat mensen nodig hebben',
			[`finding-${conclusion}`]: 'on'
		});
		await addAgreement(w.ctx, x.tom, x.networkId, x.approachId, alliance, {
			what: 'Het buurthuis is op vrijdag open voor jongeren',
			who: 'Welzijn Zuid'
		});
		await expect(
			addAgreement(w.ctx, x.tom, x.networkId, x.approachId, rebubbling, { what: 'x' })
		).rejects.toSatisfy(refused('error_local_not_alliance'));
		// The mediator, Mo, is not on the team; the lead chooses him.
		await editBlock(w.ctx, x.fien, x.networkId, x.approachId, mediation, {
			reason: 'Er is wantrouwen na de sluiting van het buurthuis.',
			tension: 'vertical',
			parties: 'Moskeebestuur, gemeente',
			outcome: 'Een gezamenlijke avond in mei',
			mediatorId: x.mo.userId,
			[`finding-${tension}`]: 'on'
		});
		await addMediationNote(w.ctx, x.mo, x.networkId, x.approachId, mediation, {
			text: 'Het bestuur voelt zich niet gehoord sinds 2024.'
		});
		await addMediationNote(w.ctx, x.fien, x.networkId, x.approachId, mediation, {
			text: 'Wethouder wil excuses maken.'
		});
		// Its two readers: the mediator and the approach's lead. Not the team, not the network's coordinator.
		for (const who of [x.mo, x.fien])
			expect(
				(await blockPage(w.ctx, who, x.networkId, x.approachId, mediation)).notes.map((n) => n.text)
			).toEqual([
				'Het bestuur voelt zich niet gehoord sinds 2024.',
				'Wethouder wil excuses maken.'
			]);
		for (const who of [x.tom, x.cora]) {
			const page = await blockPage(w.ctx, who, x.networkId, x.approachId, mediation);
			expect(page.readsNotes).toBe(false);
			expect(page.notes).toEqual([]);
			expect(JSON.stringify(page)).not.toContain('niet gehoord');
			await expect(
				addMediationNote(w.ctx, who, x.networkId, x.approachId, mediation, { text: 'x' })
			).rejects.toSatisfy(coded('not_found'));
		}
		for (const who of [x.olga])
			await expect(blockPage(w.ctx, who, x.networkId, x.approachId, mediation)).rejects.toSatisfy(
				coded('not_found')
			);
		// Nobody but the lead chooses the mediator: a team member or the network's coordinator who
		// names themselves changes nothing, and still reads no note; nor can they remove the block.
		for (const who of [x.tom, x.cora]) {
			await editBlock(w.ctx, who, x.networkId, x.approachId, mediation, {
				reason: 'Er is wantrouwen na de sluiting van het buurthuis.',
				tension: 'vertical',
				parties: 'Moskeebestuur, gemeente',
				outcome: 'Een gezamenlijke avond in mei',
				mediatorId: who.userId,
				[`finding-${tension}`]: 'on'
			});
			const page = await blockPage(w.ctx, who, x.networkId, x.approachId, mediation);
			expect(page.block.mediatorId).toBe(x.mo.userId);
			expect(page.notes).toEqual([]);
			await expect(removeBlock(w.ctx, who, x.networkId, x.approachId, mediation)).rejects.toSatisfy(
				coded('forbidden')
			);
		}
		// The mediator reaches the mediation, not the rest of the approach.
		await expect(approachPage(w.ctx, x.mo, x.networkId, x.approachId)).rejects.toSatisfy(
			coded('not_found')
		);
		await expect(blockPage(w.ctx, x.mo, x.networkId, x.approachId, rebubbling)).rejects.toSatisfy(
			coded('not_found')
		);
		const moView = await blockPage(w.ctx, x.mo, x.networkId, x.approachId, mediation);
		expect(moView.findings).toEqual([]);
		await expect(
			editBlock(w.ctx, x.mo, x.networkId, x.approachId, mediation, { reason: 'anders' })
		).rejects.toSatisfy(coded('forbidden'));

		// The plan: actions per block, with bad dates and another approach's block refused.
		const action = (raw: Record<string, string>) =>
			addAction(w.ctx, x.tom, x.networkId, x.approachId, raw);
		await expect(
			action({ blockId: rebubbling, action: 'x', startsOn: '2027-05-01', dueOn: '2027-04-01' })
		).rejects.toSatisfy(refused('error_local_due_before_start', 'dueOn'));
		await expect(action({ blockId: crypto.randomUUID(), action: 'x' })).rejects.toSatisfy(
			refused('error_local_action_block', 'blockId')
		);
		const meal = await action({
			blockId: rebubbling,
			action: 'Eerste buurtmaaltijd',
			owner: 'Buurtteam',
			stakeholders: 'Moskee, ouderensoos',
			startsOn: '2027-04-01',
			dueOn: '2027-04-30'
		});
		await action({ blockId: alliance, action: 'Alliantiebijeenkomst', dueOn: '2027-06-15' });
		await setActionStatus(w.ctx, x.tom, x.networkId, x.approachId, {
			actionId: meal,
			status: 'doing'
		});
		await expect(
			setActionStatus(w.ctx, x.tom, x.networkId, x.approachId, { actionId: meal, status: 'klaar' })
		).rejects.toSatisfy(refused('error_local_status', 'status'));

		const page = await approachPage(w.ctx, x.tom, x.networkId, x.approachId);
		expect(page.blocks.map((b) => [b.kind, b.actions.length])).toEqual([
			['rebubbling', 1],
			['mediation', 0],
			['alliance', 1]
		]);
		expect(page.blocks[0]!.actions[0]!.status).toBe('doing');
		const text = JSON.stringify(planBlocks(page));
		for (const shown of [
			'Buurtmaaltijden',
			'Groepen ontmoeten elkaar nauwelijks.',
			'Jongeren en ouderen leven langs elkaar heen.',
			'Imam Yusuf',
			'Het buurthuis is op vrijdag open voor jongeren',
			'Eerste buurtmaaltijd',
			'Een gezamenlijke avond in mei'
		])
			expect(text).toContain(shown);
		// Mediation notes never leave their two readers, not even in the plan their lead downloads.
		expect(text).not.toContain('niet gehoord');
		const docx = await exportPlan(w.ctx, x.fien, x.networkId, x.approachId, 'docx');
		expect(docx.name).toBe('plan-van-aanpak-gemeente-zuiderveen.docx');
		expect(Buffer.from(docx.bytes.slice(0, 2)).toString()).toBe('PK');
		const pdf = await exportPlan(w.ctx, x.tom, x.networkId, x.approachId, 'pdf');
		expect(Buffer.from(pdf.bytes.slice(0, 5)).toString()).toBe('%PDF-');
		await expect(exportPlan(w.ctx, x.olga, x.networkId, x.approachId, 'pdf')).rejects.toSatisfy(
			coded('not_found')
		);
	});

	it('scores snapshots on the network framework and compares a second snapshot with the first', async () => {
		w.clock.now = new Date('2027-03-02T10:00:00Z');
		const n = await network();
		await expect(
			defineFramework(w.ctx, n.cora, n.networkId, {
				name: 'Kader',
				levels: 'alleen',
				indicators: 'a'
			})
		).rejects.toSatisfy(refused('error_local_levels', 'levels'));
		await expect(
			defineFramework(w.ctx, n.fien, n.networkId, {
				name: 'Kader',
				levels: 'a\nb',
				indicators: 'a'
			})
		).rejects.toSatisfy(coded('forbidden'));
		const frameworkId = await defineFramework(w.ctx, n.cora, n.networkId, {
			name: 'Welkome gemeente',
			levels: 'Niet gehaald\nDeels gehaald\nHelemaal gehaald',
			indicators: 'Ontmoetingsplekken\nTaal bij de balie\nBewoners aan tafel'
		});
		const approachId = await startApproach(w.ctx, n.fien, n.networkId, {
			name: 'Wijk Oost',
			placeKind: 'neighbourhood',
			frameworkId
		});
		await expect(removeFramework(w.ctx, n.cora, n.networkId, { frameworkId })).rejects.toSatisfy(
			refused('error_local_framework_in_use')
		);
		const first = (await approachPage(w.ctx, n.fien, n.networkId, approachId)).snapshots[0]!.id;
		const source = await addSource(w.ctx, n.fien, n.networkId, approachId, first, {
			kind: 'figures',
			title: 'Wijkcijfers'
		});
		const point = await addFinding(w.ctx, n.fien, n.networkId, approachId, first, {
			findingKind: 'improvement',
			text: 'Informatie bij de balie ook in eenvoudige taal',
			[`source-${source}`]: 'on'
		});
		const [meet, taal, tafel] = (
			await snapshotPage(w.ctx, n.fien, n.networkId, approachId, first)
		).framework!.indicators.map((i) => i.id);
		await expect(
			scoreSnapshot(w.ctx, n.fien, n.networkId, approachId, first, { [`level-${meet}`]: '4' })
		).rejects.toSatisfy(refused('error_local_level', `level-${meet}`));
		await scoreSnapshot(w.ctx, n.fien, n.networkId, approachId, first, {
			[`level-${meet}`]: '1',
			[`level-${taal}`]: '1',
			[`evidence-${taal}`]: 'Alles alleen in het Nederlands'
		});
		// A first snapshot has nothing to compare with.
		await expect(reviewPoints(w.ctx, n.fien, n.networkId, approachId, first, {})).rejects.toSatisfy(
			refused('error_local_no_previous')
		);

		w.clock.now = new Date('2028-03-02T10:00:00Z');
		const second = await takeSnapshot(w.ctx, n.fien, n.networkId, approachId, {
			takenOn: '2028-03-01',
			summary: 'Een jaar later'
		});
		await scoreSnapshot(w.ctx, n.fien, n.networkId, approachId, second, {
			[`level-${meet}`]: '2',
			[`level-${taal}`]: '3',
			[`level-${tafel}`]: '1'
		});
		await expect(
			reviewPoints(w.ctx, n.fien, n.networkId, approachId, second, {
				[`addressed-${point}`]: 'misschien'
			})
		).rejects.toSatisfy(refused('error_local_addressed', `addressed-${point}`));
		await reviewPoints(w.ctx, n.fien, n.networkId, approachId, second, {
			[`addressed-${point}`]: 'yes',
			[`note-${point}`]: 'Folders in vijf talen'
		});
		const page = await snapshotPage(w.ctx, n.fien, n.networkId, approachId, second);
		expect(page.previous?.number).toBe(1);
		expect(page.framework!.indicators.map((i) => [i.name, i.before, i.level, i.change])).toEqual([
			['Ontmoetingsplekken', 1, 2, 1],
			['Taal bij de balie', 1, 3, 2],
			['Bewoners aan tafel', null, 1, null]
		]);
		expect(page.points).toEqual([
			{
				id: point,
				text: 'Informatie bij de balie ook in eenvoudige taal',
				addressed: 'yes',
				note: 'Folders in vijf talen'
			}
		]);
		// Changing the framework once scored would break the comparison.
		const otherFramework = await defineFramework(w.ctx, n.cora, n.networkId, {
			name: 'Ander kader',
			levels: 'a\nb',
			indicators: 'c'
		});
		await expect(
			editApproach(w.ctx, n.fien, n.networkId, approachId, {
				name: 'Wijk Oost',
				placeKind: 'neighbourhood',
				frameworkId: otherFramework
			})
		).rejects.toSatisfy(refused('error_local_framework_scored', 'frameworkId'));
		await removeFramework(w.ctx, n.cora, n.networkId, { frameworkId: otherFramework });
		expect((await localIndex(w.ctx, n.cora, n.networkId)).frameworks.map((f) => f.name)).toEqual([
			'Welkome gemeente'
		]);
	});
});
