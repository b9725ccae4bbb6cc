import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { requireMember } from '../network/network.policy.ts';
import { requireSessionDesigner } from './session.policy.ts';
import { workFormInput, type WorkFormInput } from './session.schema.ts';

/** The network's own work forms; the built-in ones come from BUILTIN_WORK_FORMS. */
export async function listWorkForms(ctx: Ctx, actor: Actor | null, networkId: string) {
	await requireMember(ctx, actor, networkId);
	return ctx.db
		.selectFrom('workForm')
		.selectAll()
		.where('networkId', '=', networkId)
		.orderBy('name')
		.execute();
}

export async function addWorkForm(ctx: Ctx, actor: Actor, networkId: string, raw: WorkFormInput) {
	await requireSessionDesigner(ctx, actor, networkId);
	const input = parseInput(workFormInput, raw);
	const taken = await ctx.db
		.selectFrom('workForm')
		.select('id')
		.where('networkId', '=', networkId)
		.where('name', '=', input.name)
		.executeTakeFirst();
	if (taken) throw new DomainError('conflict', 'error_work_form_exists', 'name');
	const id = newId();
	await ctx.db
		.insertInto('workForm')
		.values({ id, networkId, ...input, createdBy: actor.userId, createdAt: iso(ctx.now()) })
		.execute();
	return { id };
}
