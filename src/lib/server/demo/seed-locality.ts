import { todayIn } from '#lib/dates.ts';
import type { Ctx } from '../context.ts';
import { approachPage, snapshotPage } from '../modules/locality/view.ts';
import {
	defineFramework,
	startApproach,
	takeSnapshot
} from '../modules/locality/locality.service.ts';
import {
	addFinding,
	addInterview,
	addNote,
	addSource,
	reviewPoints,
	scoreSnapshot
} from '../modules/locality/evidence.service.ts';
import {
	addAction,
	addAgreement,
	addMediationNote,
	chooseBlock,
	editBlock
} from '../modules/locality/block.service.ts';

interface Person {
	userId: string;
	email: string;
	name: string;
}
const DAY = 24 * 60 * 60 * 1000;

/**
 * A municipality's local approach: the coordinator's own framework, a baseline snapshot of a
 * year ago (two sources, three interviews, conclusions and improvement points), three building
 * blocks (re-bubbling, an alliance with agreements, a mediation the spanner mediates), the plan,
 * and today's second snapshot compared with the first.
 */
export async function seedLocality(
	ctx: Ctx,
	networkId: string,
	people: { coordinator: Person; facilitator: Person; member: Person; spanner: Person }
) {
	const { coordinator, facilitator: lead, member, spanner } = people;
	const day = (offset: number) => todayIn(new Date(ctx.now().getTime() + offset * DAY));
	const frameworkId = await defineFramework(ctx, coordinator, networkId, {
		name: 'Welkome gemeente',
		levels: 'Niet gehaald\nDeels gehaald\nHelemaal gehaald',
		indicators:
			'Er zijn plekken waar bewoners elkaar ontmoeten\nInformatie van de gemeente is in eenvoudige taal\nBewoners met een migratieachtergrond praten mee over beleid'
	});
	const approachId = await startApproach(
		ctx,
		lead,
		networkId,
		{
			name: 'Gemeente Zuiderveen',
			placeKind: 'municipality',
			people:
				'Wethouder sociaal domein, buurtteam Oost, moskeevereniging, bewonersgroep De Kolenbuurt',
			stage: 'under_way',
			frameworkId,
			takenOn: day(-365)
		},
		[member.userId]
	);
	const first = (await approachPage(ctx, lead, networkId, approachId)).snapshots[0]!.id;
	const source = (raw: Record<string, string>) =>
		addSource(ctx, lead, networkId, approachId, first, raw);
	const policy = await source({
		kind: 'policy',
		title: 'Integratienota Zuiderveen 2025',
		line: 'Veel aandacht voor werk, geen geld voor ontmoeting in de wijk'
	});
	const monitor = await source({
		kind: 'figures',
		title: 'Buurtmonitor 2025',
		line: '38% van de bewoners van Oost voelt zich niet thuis in de eigen buurt',
		link: 'https://example.org/buurtmonitor'
	});
	const interview = (raw: Record<string, string>) =>
		addInterview(ctx, member, networkId, approachId, first, { heldOn: day(-370), ...raw });
	const alderman = await interview({
		interviewee: 'Wethouder sociaal domein',
		role: 'municipality',
		consent: 'quotes'
	});
	const imam = await interview({
		interviewee: 'Voorzitter moskeevereniging',
		role: 'community',
		consent: 'notes'
	});
	const resident = await interview({
		interviewee: 'Bewoner A, Kolenbuurt',
		role: 'resident',
		consent: 'quotes'
	});
	const note = (id: string, raw: Record<string, string>) =>
		addNote(ctx, member, networkId, approachId, id, raw);
	await note(alderman, {
		text: 'We willen dat iedereen meedoet, maar we weten niet goed hoe we de wijk bereiken.',
		themes: 'beleid, bereik',
		quote: 'on'
	});
	await note(imam, {
		text: 'Sinds het buurthuis dicht is, is er geen plek meer waar jong en oud elkaar treffen.',
		themes: 'ontmoeting, jongeren'
	});
	await note(imam, {
		text: 'Het bestuur voelt zich niet gehoord door de gemeente.',
		themes: 'vertrouwen'
	});
	await note(resident, {
		text: 'Ik ken mijn buren niet. De brieven van de gemeente begrijp ik niet.',
		themes: 'ontmoeting, taal',
		quote: 'on'
	});
	const finding = (raw: Record<string, string>) =>
		addFinding(ctx, lead, networkId, approachId, first, raw);
	const meeting = await finding({
		findingKind: 'conclusion',
		text: 'Er zijn bijna geen plekken waar groepen in Oost elkaar ontmoeten.',
		[`interview-${imam}`]: 'on',
		[`interview-${resident}`]: 'on',
		[`source-${monitor}`]: 'on'
	});
	const trust = await finding({
		findingKind: 'conclusion',
		text: 'Tussen de moskeevereniging en de gemeente is het vertrouwen weg.',
		[`interview-${imam}`]: 'on',
		[`interview-${alderman}`]: 'on'
	});
	const language = await finding({
		findingKind: 'improvement',
		text: 'Schrijf brieven en de website in eenvoudige taal.',
		[`interview-${resident}`]: 'on',
		[`source-${policy}`]: 'on'
	});
	await finding({
		findingKind: 'improvement',
		text: 'Geef bewoners van Oost een vaste plek aan tafel bij nieuw beleid.',
		[`interview-${alderman}`]: 'on',
		[`source-${policy}`]: 'on'
	});
	const first0 = await snapshotPage(ctx, lead, networkId, approachId, first);
	const [meet, taal, tafel] = first0.framework!.indicators.map((i) => i.id);
	await scoreSnapshot(ctx, lead, networkId, approachId, first, {
		[`level-${meet}`]: '1',
		[`evidence-${meet}`]: 'Het buurthuis is sinds 2024 dicht',
		[`level-${taal}`]: '1',
		[`level-${tafel}`]: '2'
	});

	const block = (raw: Record<string, string>) => chooseBlock(ctx, lead, networkId, approachId, raw);
	const meals = await block({
		kind: 'rebubbling',
		title: 'Buurtmaaltijden Oost',
		reason: 'Groepen leven langs elkaar heen: eerst ontmoeten, dan samen plannen maken.',
		[`finding-${meeting}`]: 'on'
	});
	const alliance = await block({
		kind: 'alliance',
		title: 'Alliantie Welkom in Zuiderveen',
		reason: 'Organisaties willen samen afspreken hoe de gemeente iedereen bereikt.',
		[`finding-${language}`]: 'on',
		[`finding-${meeting}`]: 'on'
	});
	await editBlock(ctx, lead, networkId, approachId, alliance, {
		title: 'Alliantie Welkom in Zuiderveen',
		reason: 'Organisaties willen samen afspreken hoe de gemeente iedereen bereikt.',
		principles:
			'Iedereen is welkom\nWe vragen eerst wat mensen nodig hebben\nWe schrijven zo dat iedereen het begrijpt',
		[`finding-${language}`]: 'on',
		[`finding-${meeting}`]: 'on'
	});
	for (const [what, who] of [
		[
			'Alle brieven over de buurt gaan eerst langs een taalpanel',
			'Gemeente, afdeling communicatie'
		],
		['Het buurthuis is op vrijdagavond open voor jongeren', 'Welzijn Samen']
	] as const)
		await addAgreement(ctx, lead, networkId, approachId, alliance, { what, who });
	const mediation = await block({
		kind: 'mediation',
		reason: 'Zonder vertrouwen tussen moskee en gemeente komt de alliantie niet van de grond.',
		[`finding-${trust}`]: 'on'
	});
	await editBlock(ctx, lead, networkId, approachId, mediation, {
		reason: 'Zonder vertrouwen tussen moskee en gemeente komt de alliantie niet van de grond.',
		tension: 'vertical',
		parties: 'Bestuur moskeevereniging, wethouder sociaal domein',
		outcome: 'Een gezamenlijke avond in de moskee, met afspraken over overleg elk kwartaal',
		mediatorId: spanner.userId,
		[`finding-${trust}`]: 'on'
	});
	await addMediationNote(ctx, spanner, networkId, approachId, mediation, {
		text: 'Eerste gesprek met het bestuur: ze willen excuses voor de sluiting zonder overleg.'
	});
	const action = (raw: Record<string, string>) => addAction(ctx, lead, networkId, approachId, raw);
	await action({
		blockId: meals,
		action: 'Eerste buurtmaaltijd in de sporthal',
		owner: 'Buurtteam Oost',
		stakeholders: 'moskeevereniging, ouderensoos, basisschool',
		startsOn: day(-300),
		dueOn: day(-290),
		status: 'done'
	});
	await action({
		blockId: meals,
		action: 'Elke maand een maaltijd, steeds bij een andere groep',
		owner: 'Welzijn Samen',
		startsOn: day(-250),
		dueOn: day(60),
		status: 'doing'
	});
	await action({
		blockId: alliance,
		action: 'Alliantiebijeenkomst met tien organisaties',
		owner: 'Joris Peeters',
		stakeholders: 'gemeente, bibliotheek, moskee, woningcorporatie',
		dueOn: day(-200),
		status: 'done'
	});
	await action({
		blockId: mediation,
		action: 'Gezamenlijke avond in de moskee',
		owner: 'Mediator',
		dueOn: day(-150),
		status: 'done'
	});

	// A year on, a second snapshot: scored the same way, and the improvement points reviewed.
	const second = await takeSnapshot(ctx, lead, networkId, approachId, {
		takenOn: day(0),
		summary: 'Een jaar na de start: twee bouwstenen lopen, de mediation is afgerond.'
	});
	const monitor2 = await addSource(ctx, lead, networkId, approachId, second, {
		kind: 'figures',
		title: 'Buurtmonitor 2026',
		line: '29% van de bewoners van Oost voelt zich niet thuis in de eigen buurt (was 38%)'
	});
	const again = await addInterview(ctx, member, networkId, approachId, second, {
		interviewee: 'Bewoner A, Kolenbuurt',
		role: 'resident',
		heldOn: day(-5),
		consent: 'quotes'
	});
	await addNote(ctx, member, networkId, approachId, again, {
		text: 'Bij de maaltijd zat ik naast de buurvrouw van drie deuren verder. Nu groeten we elkaar.',
		themes: 'ontmoeting',
		quote: 'on'
	});
	await addFinding(ctx, lead, networkId, approachId, second, {
		findingKind: 'conclusion',
		text: 'Meer bewoners van Oost kennen elkaar; de website is nog moeilijk.',
		[`interview-${again}`]: 'on',
		[`source-${monitor2}`]: 'on'
	});
	await scoreSnapshot(ctx, lead, networkId, approachId, second, {
		[`level-${meet}`]: '2',
		[`evidence-${meet}`]: 'Elke maand een buurtmaaltijd',
		[`level-${taal}`]: '2',
		[`level-${tafel}`]: '2'
	});
	await reviewPoints(ctx, lead, networkId, approachId, second, {
		[`addressed-${language}`]: 'partly',
		[`note-${language}`]: 'Brieven wel, de website nog niet'
	});
}
