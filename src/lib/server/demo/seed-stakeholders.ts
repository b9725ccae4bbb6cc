import type { Ctx } from '../context.ts';
import { addStakeholder } from '../modules/stakeholder/stakeholder.service.ts';

type Person = { userId: string; email: string; name: string };

/**
 * The network's stakeholder map: six contacts the members know, spread over the four quadrants,
 * each with what is in it for them, who knows them and the next move.
 */
export async function seedStakeholders(
	ctx: Ctx,
	networkId: string,
	coordinator: Person,
	facilitator: Person,
	member: Person
) {
	const p = { coordinator, facilitator, member };
	const stakeholders: [Person, Record<string, string>][] = [
		[
			p.coordinator,
			{
				name: 'Wethouder Yildiz',
				organisation: 'Gemeente Oostwijk',
				kind: 'person',
				win: 'Laat zien dat de bibliotheek nieuwkomers helpt meedoen, wat ze in haar coalitieakkoord beloofde',
				influence: '5',
				interest: '4',
				relation: 'Fatima kent haar van het overleg over de Oostwijk',
				knownBy: p.coordinator.userId,
				nextMove: 'Wethouder uitnodigen voor de open dag van de leesclub'
			}
		],
		[
			p.member,
			{
				name: 'Woningcorporatie Thuis',
				kind: 'organisation',
				win: 'Huurders die hun post en formulieren beter begrijpen, dus minder achterstanden',
				influence: '4',
				interest: '2',
				relation: 'Oud-collega van Sanne werkt er als wijkconsulent',
				knownBy: p.member.userId,
				nextMove: 'Wijkconsulent bellen over een spreekuur in de bibliotheek'
			}
		],
		[
			p.member,
			{
				name: 'Taalhuis Noorderkwartier',
				kind: 'organisation',
				win: 'Meer cursisten die na de cursus blijven lezen',
				influence: '2',
				interest: '5',
				relation: 'Vaste partner van Welzijn Samen',
				knownBy: p.member.userId,
				nextMove: 'Samen een flyer in eenvoudige taal maken'
			}
		],
		[
			p.facilitator,
			{
				name: 'Amal Haddad',
				organisation: 'Vrouwengroep De Brug',
				kind: 'person',
				win: 'Een plek waar de vrouwen van de groep samen kunnen lezen en oefenen',
				influence: '2',
				interest: '4',
				relation: 'Ervaringsdeskundige, kent Joris van de kick-off',
				knownBy: p.facilitator.userId,
				nextMove: 'Vragen of ze de leesclub mee wil openen'
			}
		],
		[
			p.member,
			{
				name: 'Lokale omroep Zuidrand',
				kind: 'organisation',
				win: 'Verhalen uit de wijk voor hun programma',
				influence: '2',
				interest: '1',
				relation: 'Nog niemand kent hen goed'
			}
		],
		[
			p.coordinator,
			{
				name: 'Provinciaal fonds Meedoen',
				kind: 'organisation',
				win: 'Een project dat laat zien wat hun subsidie oplevert',
				influence: '4',
				interest: '3',
				relation: 'Fatima sprak hen op een congres',
				knownBy: p.coordinator.userId,
				nextMove: 'Vragen wanneer de volgende subsidieronde opent'
			}
		]
	];
	for (const [who, input] of stakeholders) await addStakeholder(ctx, who, networkId, input);
}
