import { newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import {
	findSessionInNetwork,
	findStepInSession,
	requireSessionDesigner
} from './session.policy.ts';
import { networkLanguage } from './session.service.ts';
import { newStepInput, stepInput, type StepInput } from './session.schema.ts';
import { stepDefaults } from './work-forms.ts';

const MAX_STEPS = 40;

async function designable(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	await requireSessionDesigner(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	if (session.status === 'closed') throw new DomainError('conflict', 'error_session_closed');
	return session;
}

/**
 * Appends a step: a built-in kind (`kind`) or one of the network's own work forms
 * (`workFormId`), with that form's defaults in the network's language.
 */
export async function addStep(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: { kind?: string; workFormId?: string }
) {
	await designable(ctx, actor, networkId, sessionId);
	const locale = await networkLanguage(ctx, networkId);
	let values;
	if (raw.workFormId) {
		const wf = await ctx.db
			.selectFrom('workForm')
			.selectAll()
			.where('networkId', '=', networkId)
			.where('id', '=', raw.workFormId)
			.executeTakeFirst();
		if (!wf) throw new DomainError('invalid', 'error_step_kind', 'kind');
		values = {
			...stepDefaults(wf.kind, locale),
			title: wf.name,
			prompt: wf.instructions,
			minutes: wf.defaultMinutes,
			workFormId: wf.id
		};
	} else {
		const { kind } = parseInput(newStepInput, raw);
		values = { ...stepDefaults(kind, locale), workFormId: null };
	}
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('agendaStep')
			.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('position').as('last')])
			.where('sessionId', '=', sessionId)
			.executeTakeFirstOrThrow();
		if (Number(row.n) >= MAX_STEPS) throw new DomainError('conflict', 'error_too_many_steps');
		const position = row.last === null ? 1 : Number(row.last) + 1;
		await trx
			.insertInto('agendaStep')
			.values({ id, sessionId, position, ...values })
			.execute();
	});
	return { id };
}

export async function updateStep(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string,
	raw: StepInput
) {
	await designable(ctx, actor, networkId, sessionId);
	const step = await findStepInSession(ctx, sessionId, stepId);
	const input = parseInput(stepInput, raw);
	// People write in an open round trusting what it promised; that promise cannot change under them.
	if (step.state !== 'pending' && input.isAnonymous !== step.isAnonymous)
		throw new DomainError('conflict', 'error_anonymity_fixed', 'isAnonymous');
	await ctx.db.updateTable('agendaStep').set(input).where('id', '=', step.id).execute();
}

/** Swaps a step with its neighbour; positions stay unique at every moment. */
export async function moveStep(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string,
	direction: 'up' | 'down'
) {
	await designable(ctx, actor, networkId, sessionId);
	await ctx.db.transaction().execute(async (trx) => {
		const step = await findStepInSession({ ...ctx, db: trx }, sessionId, stepId);
		const neighbour = await trx
			.selectFrom('agendaStep')
			.select(['id', 'position'])
			.where('sessionId', '=', sessionId)
			.where('position', direction === 'up' ? '<' : '>', step.position)
			.orderBy('position', direction === 'up' ? 'desc' : 'asc')
			.limit(1)
			.executeTakeFirst();
		if (!neighbour) return;
		await trx.updateTable('agendaStep').set({ position: -1 }).where('id', '=', step.id).execute();
		await trx
			.updateTable('agendaStep')
			.set({ position: step.position })
			.where('id', '=', neighbour.id)
			.execute();
		await trx
			.updateTable('agendaStep')
			.set({ position: neighbour.position })
			.where('id', '=', step.id)
			.execute();
	});
}

export async function removeStep(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string
) {
	await designable(ctx, actor, networkId, sessionId);
	const result = await ctx.db
		.deleteFrom('agendaStep')
		.where('sessionId', '=', sessionId)
		.where('id', '=', stepId)
		.executeTakeFirst();
	if (Number(result.numDeletedRows) !== 1) throw notFound();
	// Positions may have a gap now; order is all that matters, so they are left as they are.
}
