import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { requireCoordinator, requireMember } from './network.read.ts';
import * as repo from './network.repository.ts';
import { organisationInput } from './network.schema.ts';

export async function listOrganisations(ctx: Ctx, actor: Actor | null, networkId: string) {
	await requireMember(ctx, actor, networkId);
	return repo.listOrganisations(ctx.db, networkId);
}

async function assertNameFree(ctx: Ctx, networkId: string, name: string, exceptId?: string) {
	if (await repo.findOrganisationByName(ctx.db, networkId, name, exceptId))
		throw new DomainError('conflict', 'error_organisation_exists', 'name');
}

export async function addOrganisation(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await requireCoordinator(ctx, actor, networkId);
	const input = parseInput(organisationInput, raw);
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await assertNameFree({ ...ctx, db: trx }, networkId, input.name);
		await repo.insertOrganisation(trx, { id, networkId, ...input, createdAt: iso(ctx.now()) });
	});
	return { id };
}

export async function updateOrganisation(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	organisationId: string,
	raw: unknown
) {
	await requireCoordinator(ctx, actor, networkId);
	const input = parseInput(organisationInput, raw);
	await ctx.db.transaction().execute(async (trx) => {
		const tctx = { ...ctx, db: trx };
		if (!(await repo.findOrganisation(trx, networkId, organisationId))) throw notFound();
		await assertNameFree(tctx, networkId, input.name, organisationId);
		await repo.updateOrganisationRow(trx, organisationId, input);
	});
}

/** Members of a removed organisation stay members, without an organisation. */
export async function removeOrganisation(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	organisationId: string
) {
	await requireCoordinator(ctx, actor, networkId);
	if (!(await repo.deleteOrganisation(ctx.db, networkId, organisationId))) throw notFound();
}

export async function getOrganisation(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	organisationId: string
) {
	await requireMember(ctx, actor, networkId);
	const org = await repo.findOrganisation(ctx.db, networkId, organisationId);
	if (!org) throw notFound();
	return org;
}

/** The organisation's form, for the network's coordinators. */
export async function getOrganisationToEdit(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	organisationId: string
) {
	await requireCoordinator(ctx, actor, networkId);
	return getOrganisation(ctx, actor, networkId, organisationId);
}
