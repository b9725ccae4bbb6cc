import { newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import * as repo from './agenda.repository.ts';
import { findSessionInNetwork, findStepInSession, requireSessionDesigner } from './session.read.ts';
import { networkLanguage } from './session.service.ts';
import { newStepInput, stepInput } from './session.schema.ts';
import { findWorkForm } from './work-form.repository.ts';
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
		const wf = await findWorkForm(ctx.db, networkId, raw.workFormId);
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
		const { count, last } = await repo.countSteps(trx, sessionId);
		if (count >= MAX_STEPS) throw new DomainError('conflict', 'error_too_many_steps');
		const position = last === null ? 1 : last + 1;
		await repo.insertSteps(trx, [{ id, sessionId, position, ...values }]);
	});
	return { id };
}

export async function updateStep(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string,
	raw: unknown
) {
	await designable(ctx, actor, networkId, sessionId);
	const step = await findStepInSession(ctx, sessionId, stepId);
	const input = parseInput(stepInput, raw);
	// People write in an open round trusting what it promised; that promise cannot change under them.
	if (step.state !== 'pending' && input.isAnonymous !== step.isAnonymous)
		throw new DomainError('conflict', 'error_anonymity_fixed', 'isAnonymous');
	await repo.updateStepRow(ctx.db, step.id, input);
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
		const neighbour = await repo.findNeighbourStep(trx, sessionId, step.position, direction);
		if (!neighbour) return;
		await repo.swapStepPositions(trx, step, neighbour);
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
	if (!(await repo.deleteStep(ctx.db, sessionId, stepId))) throw notFound();
	// Positions may have a gap now; order is all that matters, so they are left as they are.
}

/** The step's page for whoever designs the session: the session and the step, both in place. */
export async function getStepToEdit(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string,
	stepId: string
) {
	await requireSessionDesigner(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	const step = await findStepInSession(ctx, session.id, stepId);
	return { session, step };
}
