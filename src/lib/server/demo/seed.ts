import type { Auth } from '../auth/auth.ts';
import { iso, newId, type Ctx } from '../context.ts';
import { createNetwork } from '../modules/network/network.service.ts';
import { addOrganisation } from '../modules/network/organisation.service.ts';
import { log } from '../log.ts';

export const DEMO_PASSWORD = 'olievlek-demo-2026';
export const DEMO_USERS = [
	{ email: 'coordinator@olievlek.test', name: 'Fatima El Amrani', role: 'coordinator' as const },
	{ email: 'facilitator@olievlek.test', name: 'Joris Peeters', role: 'facilitator' as const },
	{ email: 'deelnemer@olievlek.test', name: 'Sanne de Vries', role: 'participant' as const }
];

/** A Dutch demo network, written once; a second start leaves it alone. */
export async function seedDemo(auth: Auth, ctx: Ctx) {
	const exists = await ctx.db
		.selectFrom('user')
		.select('id')
		.where('email', '=', DEMO_USERS[0]!.email)
		.executeTakeFirst();
	if (exists) return;

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
	await ctx.db
		.updateTable('membership')
		.set({ organisationId: orgIds[0]! })
		.where('networkId', '=', networkId)
		.where('userId', '=', coordinatorId)
		.execute();
	const now = iso(ctx.now());
	for (let i = 1; i < DEMO_USERS.length; i++) {
		await ctx.db
			.insertInto('membership')
			.values({
				id: newId(),
				networkId,
				userId: ids[i]!,
				role: DEMO_USERS[i]!.role,
				organisationId: orgIds[i] ?? null,
				status: 'active',
				guestUntil: null,
				rulesAcceptedAt: now,
				rulesVersion: 1,
				joinedAt: now,
				removedAt: null
			})
			.execute();
	}
	log.info('demo network seeded');
}
