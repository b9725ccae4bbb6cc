import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { requireMember } from '../network/index.ts';
import { requireSessionDesigner } from './session.read.ts';
import * as repo from './work-form.repository.ts';
import { workFormInput } from './session.schema.ts';

/** The network's own work forms; the built-in ones come from BUILTIN_WORK_FORMS. */
export async function listWorkForms(ctx: Ctx, actor: Actor | null, networkId: string) {
	await requireMember(ctx, actor, networkId);
	return repo.listWorkFormsOfNetwork(ctx.db, networkId);
}

export async function addWorkForm(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await requireSessionDesigner(ctx, actor, networkId);
	const input = parseInput(workFormInput, raw);
	if (await repo.findWorkFormByName(ctx.db, networkId, input.name))
		throw new DomainError('conflict', 'error_work_form_exists', 'name');
	const id = newId();
	await repo.insertWorkForm(ctx.db, {
		id,
		networkId,
		...input,
		createdBy: actor.userId,
		createdAt: iso(ctx.now())
	});
	return { id };
}
