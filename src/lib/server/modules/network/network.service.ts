import { enqueueIndexNetwork } from '../../jobs/index.ts';
import * as m from '#lib/paraglide/messages.js';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import {
	recordRulesAccepted,
	insertMembership,
	updateMembership
} from './membership.repository.ts';
import { requireCoordinator, requireMember } from './network.read.ts';
import * as repo from './network.repository.ts';
import { networkInput, networkUpdate } from './network.schema.ts';

/** The safe-space/brave-space text a new network starts with, in the network's language. */
export function defaultHouseRules(language: 'nl' | 'en' | 'fr'): string {
	return m.house_rules_default({}, { locale: language });
}

/** Anyone signed in may start a network; they become its first coordinator. */
export async function createNetwork(ctx: Ctx, actor: Actor, raw: unknown) {
	const input = parseInput(networkInput, raw);
	const now = iso(ctx.now());
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertNetwork(trx, {
			id,
			name: input.name,
			purpose: input.purpose,
			coreValue: input.coreValue,
			language: input.language,
			houseRules: input.houseRules || defaultHouseRules(input.language),
			createdBy: actor.userId,
			createdAt: now,
			updatedAt: now
		});
		await repo.replaceRegions(trx, id, input.regions);
		await insertMembership(trx, {
			id: newId(),
			networkId: id,
			userId: actor.userId,
			role: 'coordinator',
			organisationId: null,
			status: 'active',
			guestUntil: null,
			rulesAcceptedAt: now,
			rulesVersion: 1,
			joinedAt: now,
			removedAt: null
		});
	});
	return { id };
}

export async function updateNetwork(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await requireCoordinator(ctx, actor, networkId);
	const input = parseInput(networkUpdate, raw);
	let languageChanged = false;
	await ctx.db.transaction().execute(async (trx) => {
		const current = await repo.findNetwork(trx, networkId);
		if (!current) throw notFound();
		languageChanged = current.language !== input.language;
		const rulesChanged = current.houseRules !== input.houseRules;
		await repo.updateNetworkRow(trx, networkId, {
			name: input.name,
			purpose: input.purpose,
			coreValue: input.coreValue,
			language: input.language,
			houseRules: input.houseRules,
			houseRulesVersion: rulesChanged ? current.houseRulesVersion + 1 : current.houseRulesVersion,
			updatedAt: iso(ctx.now())
		});
		await repo.replaceRegions(trx, networkId, input.regions);
		// Words are found in their other forms per language: the index is made again in the new one.
		if (languageChanged) await enqueueIndexNetwork(trx, networkId, ctx.now());
		if (rulesChanged) {
			// Whoever wrote the new rules has accepted them.
			const version = current.houseRulesVersion + 1;
			await recordRulesAccepted(trx, networkId, actor.userId, iso(ctx.now()), version);
		}
	});
}

export async function listMyNetworks(ctx: Ctx, actor: Actor) {
	return repo.listNetworksOfUser(ctx.db, actor.userId, iso(ctx.now()));
}

/** Everything the network's home page shows, scoped to a member of that network. */
export async function getNetwork(ctx: Ctx, actor: Actor | null, networkId: string) {
	const membership = await requireMember(ctx, actor, networkId);
	const network = await repo.findNetwork(ctx.db, networkId);
	if (!network) throw notFound();
	const regions = await repo.listRegions(ctx.db, networkId);
	return { network, regions, membership };
}

export async function getNetworkHome(ctx: Ctx, actor: Actor | null, networkId: string) {
	const base = await getNetwork(ctx, actor, networkId);
	const [members, organisations, invitations] = await Promise.all([
		repo.listMembers(ctx.db, networkId, {}, iso(ctx.now())),
		repo.listOrganisations(ctx.db, networkId),
		base.membership.role === 'coordinator'
			? repo.listPendingInvitations(ctx.db, networkId)
			: Promise.resolve([])
	]);
	return { ...base, members, organisations, pendingInvitations: invitations.length };
}

/** The settings form: the network as its coordinators may change it. */
export async function getNetworkSettings(ctx: Ctx, actor: Actor | null, networkId: string) {
	await requireCoordinator(ctx, actor, networkId);
	return getNetwork(ctx, actor, networkId);
}

/** A member re-accepts the house rules after a coordinator changed them. */
export async function acceptHouseRules(ctx: Ctx, actor: Actor, networkId: string) {
	const membership = await requireMember(ctx, actor, networkId);
	const network = await repo.findNetwork(ctx.db, networkId);
	if (!network) throw notFound();
	await updateMembership(ctx.db, membership.id, {
		rulesAcceptedAt: iso(ctx.now()),
		rulesVersion: network.houseRulesVersion
	});
}
