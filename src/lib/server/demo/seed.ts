import type { Auth } from '../auth/auth.ts';
import { addDemoMember, demoUserExists, setDemoOrganisation } from './demo.repository.ts';
import { publishReport, saveReport } from '../modules/report/report-edit.service.ts';
import { iso, type Ctx } from '../context.ts';
import { createNetwork } from '../modules/network/network.service.ts';
import { addOrganisation } from '../modules/network/organisation.service.ts';
import { log } from '../log.ts';
import { addPostit } from '../modules/live/postit.service.ts';
import { addAnswer } from '../modules/live/answer.service.ts';
import {
	closeLive,
	findParticipant,
	joinSession,
	openLive,
	setStepState
} from '../modules/live/live.service.ts';
import { createResource, setFeatured } from '../modules/knowledge/resource.service.ts';
import { addStep, updateStep } from '../modules/session/agenda.service.ts';
import { createSession } from '../modules/session/session.service.ts';
import { addCanvasItem, createCanvas, linkFit } from '../modules/trajectory/canvas.service.ts';
import { scheduleTalk } from '../modules/trajectory/coaching.service.ts';
import { answerCoaching, myCoaching } from '../modules/trajectory/coaching-relation.service.ts';
import { saveGoal, saveIntent } from '../modules/trajectory/trajectory.service.ts';
import { createCommitment } from '../modules/commitment/commitment.service.ts';
import { offerHelp } from '../modules/commitment/offer.service.ts';
import {
	addAction,
	addSprint,
	saveCheckin,
	saveFunding,
	savePlan
} from '../modules/commitment/plan.service.ts';
import { todayIn } from '#lib/dates.ts';
import {
	bringChallenge,
	chooseThemes,
	clusterChallenges,
	createTheme
} from '../modules/learning/challenge.service.ts';
import {
	createCollection,
	publishCollection,
	setCollectionPublic,
	setCollectionQuestions
} from '../modules/learning/collection.service.ts';
import { addSection, adoptTips, editInsight } from '../modules/learning/insight.service.ts';
import { createQuestion, setQuestionGuests } from '../modules/learning/question.service.ts';
import { giveTip } from '../modules/learning/tip.service.ts';
import { listActiveSpanners } from '../modules/network/index.ts';
import { questionPage } from '../modules/learning/view.ts';
import {
	answerPartnerLink,
	createPartnerLink
} from '../modules/partnership/partner-link.service.ts';
import { addPartner, evaluatePartner } from '../modules/partnership/partner.service.ts';
import { seedLocality } from './seed-locality.ts';
import { seedStakeholders } from './seed-stakeholders.ts';

export const DEMO_PASSWORD = 'olievlek-demo-2026';
export const DEMO_USERS = [
	{ email: 'coordinator@olievlek.test', name: 'Fatima El Amrani', role: 'coordinator' as const },
	{ email: 'facilitator@olievlek.test', name: 'Joris Peeters', role: 'facilitator' as const },
	{ email: 'deelnemer@olievlek.test', name: 'Sanne de Vries', role: 'participant' as const },
	{ email: 'grenswerker@olievlek.test', name: 'Karim Benali', role: 'boundary_spanner' as const }
];

/** A Dutch demo network, written once; a second start leaves it alone. */
export async function seedDemo(auth: Auth, ctx: Ctx) {
	if (await demoUserExists(ctx.db, DEMO_USERS[0]!.email)) return;

	const ids: string[] = [];
	for (const u of DEMO_USERS) {
		const res = await auth.api.signUpEmail({
			body: { email: u.email, password: DEMO_PASSWORD, name: u.name, locale: 'nl' }
		});
		ids.push(res.user.id);
	}
	const [coordinatorId] = ids as [string];
	const actor = { userId: coordinatorId, email: DEMO_USERS[0]!.email, name: DEMO_USERS[0]!.name };
	const { id: networkId } = await createNetwork(ctx, actor, {
		name: 'Lerend netwerk Inclusieve Bibliotheken',
		purpose:
			'Bibliotheken, gemeenten en welzijnsorganisaties leren samen hoe ze iedereen welkom heten: nieuwkomers, mensen met een beperking en mensen die moeilijk lezen.',
		coreValue: 'Niets over ons zonder ons',
		language: 'nl',
		regions: 'Zuidrand\nOostwijk\nNoorderkwartier'
	});
	const orgs = [
		{
			name: 'Bibliotheek Zuidrand',
			sector: 'Bibliotheek',
			region: 'Zuidrand',
			website: 'https://bibliotheek.example'
		},
		{ name: 'Gemeente Oostwijk', sector: 'Gemeente', region: 'Oostwijk', website: '' },
		{ name: 'Welzijn Samen', sector: 'Welzijn', region: 'Noorderkwartier', website: '' }
	];
	const orgIds: string[] = [];
	for (const o of orgs) orgIds.push((await addOrganisation(ctx, actor, networkId, o)).id);
	await setDemoOrganisation(ctx.db, networkId, coordinatorId, orgIds[0]!);
	const now = iso(ctx.now());
	for (let i = 1; i < DEMO_USERS.length; i++) {
		await addDemoMember(ctx.db, {
			networkId,
			userId: ids[i]!,
			role: DEMO_USERS[i]!.role,
			organisationId: orgIds[i] ?? null,
			now,
			// The boundary spanner is a guest for two months, as for a kick-off day's afternoon.
			guestUntil:
				DEMO_USERS[i]!.role === 'boundary_spanner'
					? iso(new Date(ctx.now().getTime() + 60 * 24 * 60 * 60 * 1000))
					: null
		});
	}
	await seedHarvest(ctx, actor, networkId, {
		userId: ids[2]!,
		email: DEMO_USERS[2]!.email,
		name: DEMO_USERS[2]!.name
	});
	await seedTrajectory(ctx, actor, networkId, {
		userId: ids[2]!,
		email: DEMO_USERS[2]!.email,
		name: DEMO_USERS[2]!.name
	});
	const commitmentId = await seedCommitment(ctx, networkId, {
		userId: ids[2]!,
		email: DEMO_USERS[2]!.email,
		name: DEMO_USERS[2]!.name
	});
	await seedNextSession(ctx, actor, networkId);
	const person = (i: number) => ({
		userId: ids[i]!,
		email: DEMO_USERS[i]!.email,
		name: DEMO_USERS[i]!.name
	});
	await seedPartners(ctx, networkId, person(2));
	await seedStakeholders(ctx, networkId, actor, person(1), person(2));
	await seedLocality(ctx, networkId, {
		coordinator: actor,
		facilitator: person(1),
		member: person(2),
		spanner: person(3)
	});
	await seedLearning(ctx, networkId, {
		coordinator: actor,
		facilitator: person(1),
		member: person(2),
		spanner: person(3)
	});
	// The facilitator answers the participant's need on the board.
	await offerHelp(
		ctx,
		{ userId: ids[1]!, email: DEMO_USERS[1]!.email, name: DEMO_USERS[1]!.name },
		networkId,
		commitmentId,
		{
			note: 'Onze vestiging heeft op dinsdagavond een leeszaal vrij, en een kast met makkelijk lezen-boeken.'
		}
	);
	log.info('demo network seeded');
}

/**
 * The second session, planned in two weeks: it opens with a look back at the commitments made
 * since the first (the participant's leesclub shows on their phone when they join signed in).
 */
async function seedNextSession(
	ctx: Ctx,
	actor: { userId: string; email: string; name: string },
	networkId: string
) {
	const { id: sessionId } = await createSession(ctx, actor, networkId, {
		title: 'Samen verder',
		number: '2',
		date: todayIn(new Date(ctx.now().getTime() + 14 * 24 * 60 * 60 * 1000)),
		time: '14:00',
		place: 'Gemeente Oostwijk, raadzaal',
		theme: 'Engagementen',
		objectives: 'Terugblikken op onze engagementen en kiezen wat we samen verder trekken.'
	});
	await addStep(ctx, actor, networkId, sessionId, { kind: 'poll' });
	await addStep(ctx, actor, networkId, sessionId, { kind: 'commitment_checkin' });
	await addStep(ctx, actor, networkId, sessionId, { kind: 'qna' });
	await addStep(ctx, actor, networkId, sessionId, { kind: 'postit_round' });
	await addStep(ctx, actor, networkId, sessionId, { kind: 'checkout' });
}

/** The participant's trajectory (a shared goal, a canvas) and a first talk with the coordinator. */
async function seedTrajectory(
	ctx: Ctx,
	coach: { userId: string; email: string; name: string },
	networkId: string,
	member: { userId: string; email: string; name: string }
) {
	await saveIntent(ctx, member, networkId, {
		text: 'Ik wil dat mensen die moeilijk lezen zich thuis voelen in onze bibliotheek.'
	});
	await saveGoal(ctx, member, networkId, {
		title: 'Een leesclub in eenvoudige taal in elke vestiging',
		why: 'Lezen is meedoen.',
		who: 'Mijn directeur',
		theme: 'Taal',
		state: 'set',
		visibility: 'network'
	});
	const canvas = await createCanvas(ctx, member, networkId, { title: 'Mijn directeur' });
	const pain = await addCanvasItem(ctx, member, networkId, canvas.id, {
		section: 'pains',
		text: 'Weinig budget'
	});
	await addCanvasItem(ctx, member, networkId, canvas.id, {
		section: 'jobs',
		text: 'Meer bezoekers trekken'
	});
	const reliever = await addCanvasItem(ctx, member, networkId, canvas.id, {
		section: 'relievers',
		text: 'Vrijwilligers van het Taalhuis leiden de club'
	});
	await linkFit(ctx, member, networkId, canvas.id, { fromId: reliever.id, toId: pain.id });
	await scheduleTalk(ctx, coach, networkId, {
		memberId: member.userId,
		date: '2026-12-15',
		time: '10:00',
		place: 'Bibliotheek Zuidrand, kamer 2'
	});
	// The participant said yes to this coach (the demo shows an accepted coaching relation).
	const proposal = await myCoaching(ctx, member, networkId);
	if (proposal)
		await answerCoaching(ctx, member, networkId, { relationId: proposal.id, answer: 'accept' });
}

/**
 * The participant's commitment, shared with the network and linked to their diamond goal: an
 * action plan, a first sprint from today with two actions (one coming back every two weeks) and
 * the check-in at its start.
 */
async function seedCommitment(
	ctx: Ctx,
	networkId: string,
	member: { userId: string; email: string; name: string }
) {
	const { id } = await createCommitment(ctx, member, networkId, {
		title: 'Ik organiseer een leesclub in eenvoudige taal, samen met ervaringsdeskundigen',
		why: 'Wie moeilijk leest, hoort er ook bij in de bibliotheek.',
		linkGoal: 'on',
		firstStep: 'Het Taalhuis bellen voor twee vrijwilligers',
		needs: 'Een ruimte op dinsdagavond en boeken in eenvoudige taal',
		thresholds: 'Mensen durven niet te komen als het op school lijkt',
		visibility: 'network'
	});
	await savePlan(ctx, member, networkId, id, {
		hundredDays: 'Een leesclub die drie keer is samengekomen, met minstens zes deelnemers',
		roles: ['connecting', 'initiating'],
		valuesText: 'Gelijkwaardigheid, geduld',
		superpowers: 'Ik breng mensen bij elkaar en kan goed luisteren',
		council: 'Amal (ervaringsdeskundige)\nJoost (Taalhuis)'
	});
	await saveFunding(ctx, member, networkId, id, {
		smallFunds: 'Koffie en thee, een paar boeken',
		smallSource: 'Het activiteitenbudget van de vestiging',
		mediumFunds: 'Een vergoeding voor de vrijwilligers',
		mediumSource: 'Het fonds voor leesbevordering',
		largeFunds: 'Een leesclub in elke vestiging',
		largeSource: 'De gemeente'
	});
	const today = todayIn(ctx.now());
	const { id: sprintId } = await addSprint(ctx, member, networkId, id, { startsOn: today });
	await addAction(ctx, member, networkId, id, sprintId, {
		title: 'Het Taalhuis bellen',
		ownerId: member.userId,
		dueOn: today,
		recurrence: 'weeks',
		everyWeeks: '2'
	});
	await addAction(ctx, member, networkId, id, sprintId, {
		title: 'Een ruimte reserveren',
		ownerId: member.userId
	});
	await saveCheckin(ctx, member, networkId, id, sprintId, {
		moment: 'start',
		timeScore: '2',
		timeNote: 'Een avond per week, meer niet',
		moneyScore: '2',
		moneyNote: 'Nog geen budget',
		informationScore: '3',
		informationNote: '',
		organisationScore: '4',
		organisationNote: 'Mijn directeur staat erachter',
		qualityScore: '3',
		qualityNote: ''
	});
	return id;
}

/** A first session, run and closed (so it has a report and is searchable), and a few resources. */
async function seedHarvest(
	ctx: Ctx,
	actor: { userId: string; email: string; name: string },
	networkId: string,
	member: { userId: string; email: string; name: string }
) {
	const { id: sessionId } = await createSession(ctx, actor, networkId, {
		title: 'Taal en toegang',
		number: '1',
		date: '2026-10-15',
		time: '14:00',
		place: 'Bibliotheek Zuidrand',
		theme: 'Taal',
		objectives: 'Ontdekken hoe we mensen die moeilijk lezen beter bereiken.'
	});
	const round = await addStep(ctx, actor, networkId, sessionId, { kind: 'postit_round' });
	await updateStep(ctx, actor, networkId, sessionId, round.id, {
		title: 'Wat werkt bij jullie?',
		maxPerPerson: '5',
		maxLength: '280',
		isAnonymous: 'yes'
	});
	const checkout = await addStep(ctx, actor, networkId, sessionId, { kind: 'checkout' });
	const { joinCode } = await openLive(ctx, actor, networkId, sessionId);
	const people = [];
	for (const displayName of ['Amal', 'Bert', 'Chen'])
		people.push(
			await findParticipant(
				ctx,
				(await joinSession(ctx, { code: joinCode, displayName }, null)).token
			)
		);
	await setStepState(ctx, actor, networkId, sessionId, round.id, 'open');
	const ideas = [
		'Voorleesuurtjes in de bibliotheek, ook in het Arabisch',
		'Een taalmaatje voor elke nieuwkomer',
		'Formulieren van de gemeente in eenvoudige taal',
		'Een spreekuur digitale hulp in de buurthuizen'
	];
	for (const [i, text] of ideas.entries())
		await addPostit(ctx, people[i % people.length]!, round.id, {
			clientId: `demo-postit-${i}`,
			text
		});
	await setStepState(ctx, actor, networkId, sessionId, checkout.id, 'open');
	await addAnswer(ctx, people[0]!, checkout.id, {
		clientId: 'demo-answer-1',
		question: '0',
		text: 'Ik vraag onze balie om de eenvoudige formulieren te testen.'
	});
	await closeLive(ctx, actor, networkId, sessionId);
	// Shared, so every member reads it and finds it in search.
	await saveReport(ctx, actor, networkId, sessionId, {
		baseVersion: 0,
		intro: 'We zochten samen naar manieren om formulieren en de balie toegankelijker te maken.'
	});
	await publishReport(ctx, actor, networkId, sessionId);
	const tip = await createResource(ctx, member, networkId, {
		title: 'Toolkit eenvoudige taal',
		kind: 'tool',
		url: 'https://www.example.org/eenvoudige-taal',
		description: 'Checklist en voorbeelden om brieven en formulieren begrijpelijk te maken.',
		themes: 'taal, toegankelijkheid',
		sessionId
	});
	await setFeatured(ctx, actor, networkId, tip.id, true);
	await createResource(ctx, actor, networkId, {
		title: 'Documentaire: Lezen is meedoen',
		kind: 'watch_tip',
		url: 'https://www.example.org/lezen-is-meedoen',
		description: 'Vier mensen vertellen hoe het is om moeilijk te lezen.',
		themes: 'taal'
	});
	await createResource(ctx, actor, networkId, {
		title: 'Taalhuis Zuidrand',
		kind: 'contact',
		description: 'Taalhuis in de bibliotheek: vrijwilligers en cursussen. Vraag naar Ilse.',
		themes: 'taal, vrijwilligers'
	});
}

type Person = { userId: string; email: string; name: string };

/**
 * The learning questions of a kick-off: challenges from three regions (one anonymous), two
 * themes the room chose, two learning questions, tips from a peer, a facilitator and a guest
 * boundary spanner (one with a sub-tip and a good practice), curated into insights and
 * published as "Twee leervragen", also on a public page.
 */
async function seedLearning(
	ctx: Ctx,
	networkId: string,
	p: { coordinator: Person; facilitator: Person; member: Person; spanner: Person }
) {
	const challenges = [
		[p.member, 'Nieuwkomers vinden de weg naar ons aanbod niet', false],
		[p.coordinator, 'Onze activiteiten worden bedacht zonder de mensen voor wie ze zijn', false],
		[p.facilitator, 'Brieven van de gemeente zijn te moeilijk', false],
		[p.member, 'Ik durf collega’s niet aan te spreken op kwetsende grapjes', true]
	] as const;
	const ids: string[] = [];
	for (const [who, text, anonymous] of challenges)
		ids.push(await bringChallenge(ctx, who, networkId, { text, anonymous: anonymous ? 'on' : '' }));
	const newcomers = await createTheme(ctx, p.coordinator, networkId, { name: 'Nieuwkomers' });
	const letters = await createTheme(ctx, p.coordinator, networkId, { name: 'Eenvoudige taal' });
	await clusterChallenges(ctx, p.coordinator, networkId, {
		themeId: newcomers,
		challengeIds: [ids[0]!, ids[1]!]
	});
	await clusterChallenges(ctx, p.coordinator, networkId, {
		themeId: letters,
		challengeIds: [ids[2]!]
	});
	await chooseThemes(ctx, p.coordinator, networkId, '', { themeIds: [newcomers, letters] });
	const q1 = await createQuestion(ctx, p.coordinator, networkId, {
		themeId: newcomers,
		wording:
			'Hoe betrekken we nieuwkomers bij het maken van een divers, kwalitatief en toegankelijk aanbod?',
		settled: 'on'
	});
	const q2 = await createQuestion(ctx, p.coordinator, networkId, {
		themeId: letters,
		wording: 'Hoe maken we onze brieven en formulieren begrijpelijk voor iedereen?',
		settled: 'on'
	});
	const spanner = (await listActiveSpanners(ctx.db, networkId))[0];
	if (spanner)
		await setQuestionGuests(ctx, p.coordinator, networkId, q1, {
			membershipIds: [spanner.membershipId]
		});
	const key = await giveTip(ctx, p.spanner, networkId, q1, {
		text: 'Werk met sleutelfiguren uit de gemeenschappen, en betaal hen voor hun tijd',
		practice: 'Bij Atlas doen nieuwkomers eerst een ‘nep-intake’ met een sleutelfiguur',
		role: 'boundary_spanner',
		credit: 'name'
	});
	await giveTip(ctx, p.member, networkId, q1, {
		text: 'Vraag hen eerst wat ze zelf willen, niet wat wij denken dat ze nodig hebben',
		parentId: key,
		role: 'experience_expert',
		credit: 'anonymous'
	});
	await giveTip(ctx, p.facilitator, networkId, q1, {
		text: 'Nodig mensen persoonlijk uit, via iemand die ze al kennen',
		role: 'facilitator',
		credit: 'members'
	});
	const toolkit = (await questionPage(ctx, p.member, networkId, q2)).form.resources.find((r) =>
		r.title.includes('eenvoudige taal')
	)?.id;
	await giveTip(ctx, p.member, networkId, q2, {
		text: 'Laat elke brief testen door twee mensen die moeilijk lezen',
		resourceId: toolkit ?? '',
		role: 'peer',
		credit: 'role'
	});
	await adoptTips(ctx, p.coordinator, networkId, q1, null);
	await adoptTips(ctx, p.coordinator, networkId, q2, null);
	const [first] = (await questionPage(ctx, p.coordinator, networkId, q1)).curation!.insights;
	if (first)
		await editInsight(ctx, p.coordinator, networkId, first.id, {
			text: 'Werk met sleutelfiguren uit de gemeenschappen en vergoed hun tijd'
		});
	await addSection(ctx, p.coordinator, networkId, q1, { title: 'Bereiken' });
	const collection = await createCollection(ctx, p.coordinator, networkId, {
		title: 'Twee leervragen',
		introduction:
			'Wat we op de startdag samen leerden, met tips van de leden en van grenswerkers uit andere sectoren.'
	});
	await setCollectionQuestions(ctx, p.coordinator, networkId, collection, {
		questionIds: [q1, q2]
	});
	await publishCollection(ctx, p.coordinator, networkId, collection, true);
	await setCollectionPublic(ctx, p.coordinator, networkId, collection, { confirm: 'on' });
}

/**
 * The participant's organisation (Welzijn Samen) and its partners along the step plan: a
 * theatre scored a year ago and again today, a school scored once, a prospective partner.
 */
async function seedPartners(ctx: Ctx, networkId: string, member: Person) {
	const today = todayIn(ctx.now());
	const yearAgo = todayIn(new Date(ctx.now().getTime() - 365 * 24 * 60 * 60 * 1000));
	const levels = (on: string, l: [number, number, number, number], evidence = '') => ({
		evaluatedOn: on,
		'level-diversity': String(l[0]),
		'level-equal_opportunity': String(l[1]),
		'level-accessibility': String(l[2]),
		'level-inclusion': String(l[3]),
		'evidence-diversity': evidence
	});
	const theatre = await addPartner(ctx, member, networkId, {
		name: 'Theater De Kade',
		kind: 'cultural',
		together: 'Voorstellingen voor ouderen uit de wijk',
		since: '2019',
		contact: 'Mila, programmatie'
	});
	await evaluatePartner(ctx, member, networkId, theatre, {
		...levels(yearAgo, [2, 2, 1, 1], 'Het publiek is vooral wit en ouder'),
		ask: 'Wie zit er in jullie zaal, en wie niet?',
		offer: 'Onze contacten met de taalschool'
	});
	await evaluatePartner(ctx, member, networkId, theatre, {
		...levels(today, [3, 2, 3, 2], 'Twee voorstellingen met boventitels in het Arabisch'),
		ask: 'Willen jullie samen een ervaringsdeskundige betalen voor het voorbereiden?',
		offer: 'Vrijwilligers die bezoekers ophalen'
	});
	// The theatre's programmer gave the partner's own view through a link, without an account.
	const token = await createPartnerLink(ctx, member, networkId, theatre, {
		respondent: 'Mila',
		days: '30'
	});
	await answerPartnerLink(ctx, token, {
		respondent: 'Mila de Wit',
		'level-diversity': '3',
		'level-equal_opportunity': '3',
		'level-accessibility': '2',
		'level-inclusion': '2',
		'evidence-accessibility': 'Onze zaal heeft nog geen ringleiding',
		offer: 'Wij willen graag samen een voorstelling met ervaringsdeskundigen maken.'
	});
	const school = await addPartner(ctx, member, networkId, {
		name: 'Basisschool De Linde',
		kind: 'education',
		together: 'Huiswerkklas op woensdag'
	});
	await evaluatePartner(ctx, member, networkId, school, levels(today, [3, 3, 2, 2]));
	await addPartner(ctx, member, networkId, {
		name: 'Moskeevereniging Noord',
		kind: 'community',
		prospective: 'on',
		why: 'Bereikt gezinnen die wij nog niet bereiken'
	});
}
