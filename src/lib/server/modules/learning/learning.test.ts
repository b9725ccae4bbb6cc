import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { ValidationError } from '../../validation.ts';
import { removeDocs } from '../knowledge/index.ts';
import { search } from '../knowledge/search.service.ts';
import { reindexLearning } from './search.ts';
import { castDot } from '../live/dot.service.ts';
import { addAnswer } from '../live/answer.service.ts';
import { formGroups } from '../live/group.service.ts';
import { findParticipant, joinSession, openLive, setStepState } from '../live/live.service.ts';
import { setCluster } from '../live/moderation.service.ts';
import { addPostit } from '../live/postit.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { addOrganisation } from '../network/organisation.service.ts';
import { addStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import {
	bringChallenge,
	chooseThemes,
	clusterChallenges,
	createTheme,
	harvestSession,
	removeChallenge
} from './challenge.service.ts';
import {
	createCollection,
	publishCollection,
	recordThanks,
	setCollectionPublic,
	setCollectionQuestions
} from './collection.service.ts';
import { adoptTips, editInsight, mergeInsight, moveInsight } from './insight.service.ts';
import { collectionDocument } from './learning.document.ts';
import { createQuestion, editQuestion, setQuestionGuests } from './question.service.ts';
import { editTip, giveTip, removeTip, setTipCredit } from './tip.service.ts';
import {
	learningOverview,
	memberCollection,
	publicCollection,
	questionPage,
	themePage,
	thanksPage,
	welcomePage
} from './view.ts';

type Person = { userId: string; email: string; name: string };
const refused = (key: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e instanceof ValidationError ? e.errors.some((x) => x.key === key) : e.key === key);
const coded = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;
const cid = () => `c-${crypto.randomUUID()}`;

describe(`learning questions: challenge → theme → question → tip → insight [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	/**
	 * A kick-off day: Cora coordinates, Fien facilitates; Ali (library, region East) and Bea
	 * (municipality, region West) bring challenges; Sam is a boundary spanner for one day; Eva an
	 * experience expert. In the room: a post-it round, a dot vote and two breakout groups.
	 */
	async function kickOff() {
		w.clock.now = new Date('2027-02-01T09:00:00Z');
		const [cora, fien, ali, bea, sam, eva] = await Promise.all(
			['Cora', 'Fien', 'Ali', 'Bea', 'Sam', 'Eva'].map((n) => createPerson(w, n))
		);
		const { id: networkId } = await createNetwork(w.ctx, cora!, {
			purpose: 'Inclusie in de regio',
			coreValue: 'Iedereen hoort erbij',
			language: 'nl',
			name: `Leren ${crypto.randomUUID()}`
		});
		const library = await addOrganisation(w.ctx, cora!, networkId, {
			name: 'Bibliotheek Oost',
			sector: 'library',
			region: 'Oost'
		});
		const town = await addOrganisation(w.ctx, cora!, networkId, {
			name: 'Gemeente West',
			sector: 'government',
			region: 'West'
		});
		await addMember(w, cora!, networkId, fien!, 'facilitator');
		await addMember(w, cora!, networkId, ali!, 'participant', { organisationId: library.id });
		await addMember(w, cora!, networkId, bea!, 'participant', { organisationId: town.id });
		await addMember(w, cora!, networkId, sam!, 'boundary_spanner', { guestUntil: '2027-02-01' });
		await addMember(w, cora!, networkId, eva!, 'experience_expert');

		const { id: sessionId } = await createSession(w.ctx, fien!, networkId, { title: 'Kick-off' });
		const round = await addStep(w.ctx, fien!, networkId, sessionId, { kind: 'postit_round' });
		const vote = await addStep(w.ctx, fien!, networkId, sessionId, { kind: 'dot_vote' });
		const breakout = await addStep(w.ctx, fien!, networkId, sessionId, { kind: 'breakout' });
		const { joinCode } = await openLive(w.ctx, fien!, networkId, sessionId);
		const open = (stepId: string, state: 'open' | 'closed' = 'open') =>
			setStepState(w.ctx, fien!, networkId, sessionId, stepId, state);
		const join = async (p: Person) =>
			findParticipant(
				w.ctx,
				(await joinSession(w.ctx, { code: joinCode, displayName: p.name }, p.userId)).token
			);
		const [pa, pb] = [await join(ali!), await join(bea!)];
		await open(round.id);
		const post = (p: typeof pa, text: string) =>
			addPostit(w.ctx, p, round.id, { clientId: cid(), text });
		const reach = await post(pa, 'Nieuwkomers bereiken we niet');
		const waits = await post(pa, 'Wachtlijsten');
		const interpreters = await post(pb, 'Te weinig tolken');
		const leaflets = await post(pb, 'Folders alleen in het Nederlands');
		const cluster = (postitId: string, name: string) =>
			setCluster(w.ctx, fien!, networkId, sessionId, { postitId, cluster: name });
		await cluster(interpreters.id, 'Taal');
		await cluster(leaflets.id, 'Taal');
		await cluster(reach.id, 'Bereik');
		await cluster(waits.id, 'Wachten');
		await open(round.id, 'closed');
		await open(vote.id);
		const dot = (p: typeof pa, postitId: string) =>
			castDot(w.ctx, p, vote.id, { clientId: cid(), postitId });
		await dot(pa, interpreters.id);
		await dot(pb, leaflets.id);
		await dot(pb, interpreters.id);
		await dot(pa, reach.id);
		await dot(pb, reach.id);
		await dot(pa, waits.id);
		await open(vote.id, 'closed');
		await open(breakout.id);
		await formGroups(w.ctx, fien!, networkId, sessionId, breakout.id, {
			source: 'pick',
			count: '2',
			postitIds: [interpreters.id, reach.id],
			mode: 'assign'
		});
		await addAnswer(w.ctx, pa, breakout.id, {
			clientId: cid(),
			question: '0',
			text: 'Hoe maken we ons aanbod meertalig?'
		});
		await addAnswer(w.ctx, pb, breakout.id, {
			clientId: cid(),
			question: '0',
			text: 'Hoe betrekken we nieuwkomers bij een divers aanbod?'
		});
		return {
			cora: cora!,
			fien: fien!,
			ali: ali!,
			bea: bea!,
			sam: sam!,
			eva: eva!,
			networkId,
			sessionId
		};
	}

	it('keeps the chain from a region’s challenge to a published insight, and back to its tips and givers', async () => {
		const k = await kickOff();
		const f = k.fien;
		const result = await harvestSession(w.ctx, f, k.networkId, {
			sessionId: k.sessionId,
			choose: '2'
		});
		expect(result).toEqual({ challenges: 4, themes: 3, chosen: 2 });
		// Harvesting again takes nothing twice.
		expect(
			await harvestSession(w.ctx, f, k.networkId, { sessionId: k.sessionId, choose: '2' })
		).toMatchObject({ challenges: 0 });

		const overview = await learningOverview(w.ctx, f, k.networkId);
		expect(overview.themes.map((t) => [t.name, t.votes, t.isChosen, t.challenges])).toEqual([
			['Taal', 3, true, 2],
			['Bereik', 2, true, 1],
			['Wachten', 1, false, 1]
		]);
		const taal = overview.themes.find((t) => t.name === 'Taal')!;
		const theme = await themePage(w.ctx, f, k.networkId, taal.id);
		// Which region brought each challenge (the round was not anonymous).
		expect(theme.challenges.map((c) => [c.text, c.organisation, c.region])).toEqual([
			['Folders alleen in het Nederlands', 'Gemeente West', 'West'],
			['Te weinig tolken', 'Gemeente West', 'West']
		]);
		// The group that worked on one of the theme's challenges drafted its wording.
		expect(theme.drafts).toEqual([
			{ groupId: expect.any(String), title: 'Te weinig tolken', wording: expect.any(String) }
		]);
		const draft = theme.drafts[0]!;
		const questionId = await createQuestion(w.ctx, f, k.networkId, {
			themeId: taal.id,
			wording: draft.wording,
			groupId: draft.groupId,
			settled: 'on'
		});

		// Tips: a boundary spanner (named for members only), an experience expert's anonymous
		// sub-tip, and a peer who is named everywhere.
		const samTip = await giveTip(w.ctx, k.sam, k.networkId, questionId, {
			text: 'Werk met een tolkentelefoon',
			practice: 'Bij Atlas: de nep-intake',
			role: 'boundary_spanner',
			credit: 'members'
		});
		await giveTip(w.ctx, k.eva, k.networkId, questionId, {
			text: 'Vraag nieuwkomers zelf wat werkt',
			parentId: samTip,
			role: 'experience_expert',
			credit: 'anonymous'
		});
		const aliTip = await giveTip(w.ctx, k.ali, k.networkId, questionId, {
			text: 'Vertaal de folders in vijf talen',
			role: 'peer',
			credit: 'name'
		});
		const page = await questionPage(w.ctx, k.bea, k.networkId, questionId);
		expect(page.provenance).toMatchObject({
			theme: { name: 'Taal', votes: 3 },
			session: { title: 'Kick-off' },
			groupTitle: 'Te weinig tolken'
		});
		expect(page.provenance.challenges.map((c) => c.region)).toEqual(['West', 'West']);
		expect(page.tips.map((t) => [t.text, t.credit.name, t.credit.role, t.subTips.length])).toEqual([
			['Werk met een tolkentelefoon', 'Sam', 'boundary_spanner', 1],
			['Vertaal de folders in vijf talen', 'Ali', 'peer', 0]
		]);
		expect(page.tips[0]!.subTips[0]!.credit).toEqual({ name: null, role: null, isOwn: false });
		// The anonymous giver sees their own sub-tip as theirs, to change it.
		const evaPage = await questionPage(w.ctx, k.eva, k.networkId, questionId);
		expect(evaPage.tips[0]!.subTips[0]!.own).toEqual({
			credit: 'anonymous',
			role: 'experience_expert'
		});

		// Curation: every tip becomes an insight; one is reworded, one merged into the other.
		expect(await adoptTips(w.ctx, f, k.networkId, questionId, null)).toBe(2);
		let cur = (await questionPage(w.ctx, f, k.networkId, questionId)).curation!;
		const [first, second] = cur.insights;
		w.clock.now = new Date('2027-02-01T10:00:00Z');
		await editInsight(w.ctx, f, k.networkId, first!.id, {
			text: 'Zorg voor tolken, ook aan de telefoon'
		});
		w.clock.now = new Date('2027-02-01T10:01:00Z');
		await mergeInsight(w.ctx, f, k.networkId, second!.id, { intoId: first!.id });
		cur = (await questionPage(w.ctx, f, k.networkId, questionId)).curation!;
		expect(cur.insights).toHaveLength(1);
		const merged = cur.insights[0]!;
		expect(merged.text).toBe('Zorg voor tolken, ook aan de telefoon');
		// Nothing lost: both tips still behind it, every wording in its history.
		expect(merged.sources.map((s) => s.text).sort()).toEqual([
			'Vertaal de folders in vijf talen',
			'Werk met een tolkentelefoon'
		]);
		const history = merged.history.map((h) => [h.change, h.text]);
		expect(history).toHaveLength(4);
		expect(history).toEqual(
			expect.arrayContaining([
				['created', 'Werk met een tolkentelefoon'],
				['created', 'Vertaal de folders in vijf talen']
			])
		);
		expect(history.slice(2)).toEqual([
			['edited', 'Zorg voor tolken, ook aan de telefoon'],
			['merged', 'Vertaal de folders in vijf talen']
		]);
		expect(cur.waiting).toEqual([]);

		await editQuestion(w.ctx, f, k.networkId, questionId, {
			wording: draft.wording,
			settled: 'on',
			introduction: 'Wat we leerden over taal.',
			closing: 'Met dank aan iedereen.'
		});
		const collectionId = await createCollection(w.ctx, f, k.networkId, {
			title: 'Vijf leervragen',
			sessionId: k.sessionId
		});
		await setCollectionQuestions(w.ctx, f, k.networkId, collectionId, {
			questionIds: [questionId]
		});
		// Not published yet: members do not see it.
		await expect(memberCollection(w.ctx, k.bea, k.networkId, collectionId)).rejects.toSatisfy(
			coded('not_found')
		);
		await publishCollection(w.ctx, f, k.networkId, collectionId, true);
		const forMembers = await memberCollection(w.ctx, k.bea, k.networkId, collectionId);
		const insight = forMembers.questions[0]!.groups[0]!.insights[0]!;
		expect(insight.subTips.map((s) => [s.text, s.credit.name])).toEqual([
			['Vraag nieuwkomers zelf wat werkt', null]
		]);
		expect(insight.practices).toEqual(['Bij Atlas: de nep-intake']);
		expect(insight.sources.map((s) => s.credit.name).sort()).toEqual(['Ali', 'Sam', null].sort());

		// The public page needs the explicit choice, and names only who allowed it.
		await expect(publicCollection(w.ctx, collectionId)).rejects.toSatisfy(coded('not_found'));
		await expect(setCollectionPublic(w.ctx, f, k.networkId, collectionId, {})).rejects.toSatisfy(
			refused('error_public_confirm')
		);
		await setCollectionPublic(w.ctx, f, k.networkId, collectionId, { confirm: 'on' });
		const outside = await publicCollection(w.ctx, collectionId);
		const names = outside.questions[0]!.groups[0]!.insights[0]!.sources.map((s) => s.credit.name);
		expect(names.filter(Boolean)).toEqual(['Ali']);

		// The same credits in Markdown (and so in Word and PDF, made from the same blocks).
		const md = new TextDecoder().decode(
			(await collectionDocument(w.ctx, k.bea, k.networkId, collectionId, 'md')).bytes
		);
		expect(md).toContain('## ' + draft.wording);
		expect(md).toContain('Zorg voor tolken, ook aan de telefoon');
		expect(md).toContain('Ali');
		expect(md).toContain('Sam');
		expect(md).not.toContain('Eva');
		const publicMd = new TextDecoder().decode(
			(await collectionDocument(w.ctx, null, k.networkId, collectionId, 'md')).bytes
		);
		expect(publicMd).toContain('Ali');
		expect(publicMd).not.toContain('Sam');
		expect(publicMd).not.toContain('Eva');

		// One search box finds questions, tips and insights, in their other word forms.
		const kinds = async (q: string) =>
			(await search(w.ctx, k.bea, k.networkId, { q })).hits.map((h) => h.kind).sort();
		// (PostgreSQL's Dutch stemmer does not split the compound 'tolkentelefoon'; SQLite's prefix match does.)
		expect(await kinds('tolk')).toContain('insight');
		expect(await kinds('folder')).toEqual(['tip']);
		// A language change indexes the network again (the index-network job): learning included.
		await removeDocs(w.ctx.db, { kind: 'tip', sourceId: questionId });
		expect(await kinds('folder')).toEqual([]);
		await reindexLearning(w.ctx, k.networkId);
		expect(await kinds('folder')).toEqual(['tip']);
		expect(
			(await search(w.ctx, k.bea, k.networkId, { q: 'meertalig' })).hits.length
		).toBeGreaterThan(0);
		// No giver's name is in the index.
		expect((await search(w.ctx, k.bea, k.networkId, { q: 'Eva' })).hits).toEqual([]);
		expect((await search(w.ctx, k.bea, k.networkId, { q: 'Sam' })).hits).toEqual([]);

		// A boundary spanner's credit choice outlives their access.
		w.clock.now = new Date('2027-02-03T09:00:00Z');
		await expect(
			giveTip(w.ctx, k.sam, k.networkId, questionId, {
				text: 'Nog één',
				role: 'peer',
				credit: 'name'
			})
		).rejects.toSatisfy(coded('not_found'));
		await expect(
			setTipCredit(w.ctx, k.sam, k.networkId, samTip, { role: 'boundary_spanner', credit: 'name' })
		).rejects.toSatisfy(coded('not_found'));
		const later = await questionPage(w.ctx, k.bea, k.networkId, questionId);
		expect(later.tips[0]!.credit.name).toBe('Sam');

		// Ali changes his mind: by role only, in every output from now on.
		await setTipCredit(w.ctx, k.ali, k.networkId, aliTip, { role: 'peer', credit: 'role' });
		const after = await publicCollection(w.ctx, collectionId);
		expect(
			after.questions[0]!.groups[0]!.insights[0]!.sources.map((s) => s.credit.name).filter(Boolean)
		).toEqual([]);
		expect(
			new TextDecoder().decode(
				(await collectionDocument(w.ctx, null, k.networkId, collectionId, 'md')).bytes
			)
		).not.toContain('Ali');
	});

	it('refuses bad input and changes nothing', async () => {
		const k = await kickOff();
		const f = k.fien;
		await harvestSession(w.ctx, f, k.networkId, { sessionId: k.sessionId });
		const themeId = (await learningOverview(w.ctx, f, k.networkId)).themes[0]!.id;
		await expect(
			createQuestion(w.ctx, f, k.networkId, { themeId: '', wording: 'Hoe?' })
		).rejects.toSatisfy(refused('error_learning_theme_required'));
		await expect(
			createQuestion(w.ctx, f, k.networkId, { themeId, wording: '  \u200b ' })
		).rejects.toSatisfy(refused('error_required'));
		// Only leaders word questions.
		await expect(
			createQuestion(w.ctx, k.ali, k.networkId, { themeId, wording: 'Hoe?' })
		).rejects.toSatisfy(coded('forbidden'));
		const q1 = await createQuestion(w.ctx, f, k.networkId, {
			themeId,
			wording: '<script>alert(1)</script>'
		});
		expect((await questionPage(w.ctx, k.ali, k.networkId, q1)).question.wording).toBe(
			'<script>alert(1)</script>'
		);
		const q2 = await createQuestion(w.ctx, f, k.networkId, { themeId, wording: 'Tweede vraag' });

		// Another network: its question, tip and insight are not found from here.
		const other = await kickOff();
		await harvestSession(w.ctx, other.fien, other.networkId, { sessionId: other.sessionId });
		const otherTheme = (await learningOverview(w.ctx, other.fien, other.networkId)).themes[0]!.id;
		const otherQ = await createQuestion(w.ctx, other.fien, other.networkId, {
			themeId: otherTheme,
			wording: 'Elders'
		});
		await expect(
			giveTip(w.ctx, k.ali, k.networkId, otherQ, { text: 'x', role: 'peer', credit: 'name' })
		).rejects.toSatisfy(coded('not_found'));
		await expect(
			createQuestion(w.ctx, f, k.networkId, { themeId: otherTheme, wording: 'Hoe?' })
		).rejects.toSatisfy(coded('not_found'));
		const otherTip = await giveTip(w.ctx, other.ali, other.networkId, otherQ, {
			text: 'Elders getipt',
			role: 'peer',
			credit: 'name'
		});
		await expect(editTip(w.ctx, k.ali, k.networkId, otherTip, { text: 'x' })).rejects.toSatisfy(
			coded('not_found')
		);

		// Tips: a role one may not take, a sub-tip of a sub-tip, too long, control characters.
		await expect(
			giveTip(w.ctx, k.ali, k.networkId, q1, { text: 'x', role: 'facilitator', credit: 'name' })
		).rejects.toSatisfy(refused('error_tip_role'));
		const t1 = await giveTip(w.ctx, k.ali, k.networkId, q1, {
			text: 'Tip',
			role: 'peer',
			credit: 'name'
		});
		const sub = await giveTip(w.ctx, k.bea, k.networkId, q1, {
			text: 'Sub',
			parentId: t1,
			role: 'peer',
			credit: 'role'
		});
		await expect(
			giveTip(w.ctx, k.bea, k.networkId, q1, {
				text: 'Subsub',
				parentId: sub,
				role: 'peer',
				credit: 'role'
			})
		).rejects.toSatisfy(refused('error_tip_parent'));
		await expect(
			giveTip(w.ctx, k.bea, k.networkId, q2, {
				text: 'Elders',
				parentId: t1,
				role: 'peer',
				credit: 'role'
			})
		).rejects.toSatisfy(refused('error_tip_parent'));
		await expect(
			giveTip(w.ctx, k.ali, k.networkId, q1, {
				text: 'x'.repeat(1001),
				role: 'peer',
				credit: 'name'
			})
		).rejects.toSatisfy(refused('error_too_long'));
		await expect(
			giveTip(w.ctx, k.ali, k.networkId, q1, { text: 'a\u0000b', role: 'peer', credit: 'name' })
		).rejects.toSatisfy(refused('error_control_chars'));
		// A credit choice by someone other than the giver, even a facilitator.
		await expect(
			setTipCredit(w.ctx, k.bea, k.networkId, t1, { role: 'peer', credit: 'anonymous' })
		).rejects.toSatisfy(refused('error_tip_credit_not_yours'));
		await expect(
			setTipCredit(w.ctx, f, k.networkId, t1, { role: 'peer', credit: 'anonymous' })
		).rejects.toSatisfy(refused('error_tip_credit_not_yours'));
		await expect(editTip(w.ctx, k.bea, k.networkId, t1, { text: 'x' })).rejects.toSatisfy(
			coded('forbidden')
		);
		expect((await questionPage(w.ctx, k.ali, k.networkId, q1)).tips[0]!.own).toEqual({
			credit: 'name',
			role: 'peer'
		});

		// Merges stay within one learning question of one network.
		await giveTip(w.ctx, k.bea, k.networkId, q2, { text: 'Tip 2', role: 'peer', credit: 'name' });
		await adoptTips(w.ctx, f, k.networkId, q1, null);
		await adoptTips(w.ctx, f, k.networkId, q2, null);
		await adoptTips(w.ctx, other.fien, other.networkId, otherQ, null);
		const i1 = (await questionPage(w.ctx, f, k.networkId, q1)).curation!.insights[0]!;
		const i2 = (await questionPage(w.ctx, f, k.networkId, q2)).curation!.insights[0]!;
		const iOther = (await questionPage(w.ctx, other.fien, other.networkId, otherQ)).curation!
			.insights[0]!;
		await expect(mergeInsight(w.ctx, f, k.networkId, i1.id, { intoId: i2.id })).rejects.toSatisfy(
			refused('error_insight_merge_other_question')
		);
		await expect(
			mergeInsight(w.ctx, f, k.networkId, i1.id, { intoId: iOther.id })
		).rejects.toSatisfy(refused('error_insight_merge_choose'));
		await expect(
			mergeInsight(w.ctx, f, k.networkId, iOther.id, { intoId: i1.id })
		).rejects.toSatisfy(coded('not_found'));
		expect((await questionPage(w.ctx, f, k.networkId, q1)).curation!.insights).toHaveLength(1);
		// Taking the same tip twice.
		await expect(adoptTips(w.ctx, f, k.networkId, q1, t1)).rejects.toSatisfy(
			refused('error_insight_tip_taken')
		);

		// A public page for a collection that was not published (the network did not opt in).
		const c = await createCollection(w.ctx, f, k.networkId, { title: 'Nog niet' });
		await setCollectionQuestions(w.ctx, f, k.networkId, c, { questionIds: [q1] });
		await expect(
			setCollectionPublic(w.ctx, f, k.networkId, c, { confirm: 'on' })
		).rejects.toSatisfy(refused('error_collection_not_published'));
		await expect(publicCollection(w.ctx, c)).rejects.toSatisfy(coded('not_found'));
		await expect(
			setCollectionQuestions(w.ctx, f, k.networkId, c, { questionIds: [otherQ] })
		).rejects.toSatisfy(refused('error_collection_question'));
		// Taking a published collection back takes it off the public page too.
		await publishCollection(w.ctx, f, k.networkId, c, true);
		await setCollectionPublic(w.ctx, f, k.networkId, c, { confirm: 'on' });
		await expect(publicCollection(w.ctx, c)).resolves.toBeTruthy();
		await publishCollection(w.ctx, f, k.networkId, c, false);
		await expect(publicCollection(w.ctx, c)).rejects.toSatisfy(coded('not_found'));

		// Removing a tip removes its sub-tips; the insight stays with its wording.
		await removeTip(w.ctx, f, k.networkId, t1);
		const left = await questionPage(w.ctx, f, k.networkId, q1);
		expect(left.tips).toEqual([]);
		expect(left.curation!.insights.map((i) => [i.text, i.sources.length])).toEqual([['Tip', 0]]);
		await expect(
			moveInsight(w.ctx, f, k.networkId, i1.id, { direction: 'sideways' })
		).rejects.toSatisfy(refused('error_invalid'));
	});

	it('clusters challenges brought on a page, several at once, and an anonymous one leaves no trace', async () => {
		const k = await kickOff();
		w.clock.now = new Date('2027-02-05T14:23:45Z');
		const mine = await bringChallenge(w.ctx, k.ali, k.networkId, { text: 'Onze balie is te druk' });
		const anon = await bringChallenge(w.ctx, k.bea, k.networkId, {
			text: 'Racisme aan de balie',
			anonymous: 'on'
		});
		const row = await w.ctx.db
			.selectFrom('learningChallenge')
			.selectAll()
			.where('id', '=', anon)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ authorId: null, organisationId: null, region: '', isAnonymous: 1 });
		expect(row.createdAt).toBe('2027-02-05T00:00:00.000Z');
		const overview = await learningOverview(w.ctx, k.ali, k.networkId);
		expect(overview.challenges.map((c) => [c.text, c.organisation, c.region, c.canRemove])).toEqual(
			[
				['Onze balie is te druk', 'Bibliotheek Oost', 'Oost', true],
				['Racisme aan de balie', null, '', false]
			]
		);
		// Only leaders make themes and cluster; many challenges move in one go, or none.
		await expect(createTheme(w.ctx, k.ali, k.networkId, { name: 'Balie' })).rejects.toSatisfy(
			coded('forbidden')
		);
		const balie = await createTheme(w.ctx, k.fien, k.networkId, { name: 'Balie' });
		await expect(createTheme(w.ctx, k.fien, k.networkId, { name: 'Balie' })).rejects.toSatisfy(
			refused('error_learning_theme_exists')
		);
		const other = await kickOff();
		const foreign = await bringChallenge(w.ctx, other.ali, other.networkId, { text: 'Elders' });
		await expect(
			clusterChallenges(w.ctx, k.fien, k.networkId, {
				challengeIds: [mine, foreign],
				themeId: balie
			})
		).rejects.toSatisfy(coded('not_found'));
		expect(
			(await learningOverview(w.ctx, k.fien, k.networkId)).themes.find((t) => t.id === balie)!
				.challenges
		).toBe(0);
		expect(
			await clusterChallenges(w.ctx, k.fien, k.networkId, {
				challengeIds: [mine, anon],
				themeId: balie
			})
		).toBe(2);
		await chooseThemes(w.ctx, k.fien, k.networkId, '', { themeIds: [balie] });
		expect((await learningOverview(w.ctx, k.fien, k.networkId)).themes[0]).toMatchObject({
			name: 'Balie',
			isChosen: true,
			challenges: 2
		});
		await expect(removeChallenge(w.ctx, k.bea, k.networkId, mine)).rejects.toSatisfy(
			coded('forbidden')
		);
		await removeChallenge(w.ctx, k.ali, k.networkId, mine);
	});

	it('welcomes a guest with the questions they are asked about, and keeps thanks for the leaders', async () => {
		const k = await kickOff();
		await harvestSession(w.ctx, k.fien, k.networkId, { sessionId: k.sessionId });
		const themeId = (await learningOverview(w.ctx, k.fien, k.networkId)).themes[0]!.id;
		const q = await createQuestion(w.ctx, k.fien, k.networkId, {
			themeId,
			wording: 'Vraag voor Sam'
		});
		await createQuestion(w.ctx, k.fien, k.networkId, { themeId, wording: 'Een andere' });
		const page = await questionPage(w.ctx, k.fien, k.networkId, q);
		const sam = page.curation!.guests.find((g) => g.name === 'Sam')!;
		await setQuestionGuests(w.ctx, k.fien, k.networkId, q, { membershipIds: [sam.membershipId] });
		const welcome = await welcomePage(w.ctx, k.sam, k.networkId);
		expect(welcome.network.purpose).toBe('Inclusie in de regio');
		expect(welcome.questions.map((x) => x.wording)).toEqual(['Vraag voor Sam']);
		expect(welcome.guestUntil).toBeTruthy();
		// Only boundary spanners can be asked as guests.
		const ali = (await questionPage(w.ctx, k.ali, k.networkId, q)).curation;
		expect(ali).toBeNull();
		await expect(
			setQuestionGuests(w.ctx, k.fien, k.networkId, q, { membershipIds: ['not-a-spanner'] })
		).rejects.toSatisfy(refused('error_learning_guest'));

		await giveTip(w.ctx, k.eva, k.networkId, q, {
			text: 'Uit ervaring',
			role: 'experience_expert',
			credit: 'name'
		});
		await recordThanks(w.ctx, k.fien, k.networkId, {
			userId: k.eva.userId,
			note: 'Bedankt met een bon',
			onDay: '2027-02-01'
		});
		const thanks = await thanksPage(w.ctx, k.fien, k.networkId);
		expect(thanks.experts.map((e) => e.name)).toEqual(['Eva']);
		expect(thanks.thanks.map((t) => [t.name, t.note])).toEqual([['Eva', 'Bedankt met een bon']]);
		await expect(thanksPage(w.ctx, k.ali, k.networkId)).rejects.toSatisfy(coded('not_found'));
		await expect(
			recordThanks(w.ctx, k.fien, k.networkId, {
				userId: k.eva.userId,
				note: 'x',
				onDay: '2027-02-30'
			})
		).rejects.toSatisfy(refused('error_date'));
	});
});
