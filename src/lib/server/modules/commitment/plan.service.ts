import { todayIn } from '#lib/dates.ts';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { hasControlCharacters, parseInput } from '../../validation.ts';
import { nextSessionDay } from '../session/index.ts';
import { openCommitment } from './commitment.read.ts';
import { canOwnAction, requireKeeper } from './commitment.policy.ts';
import * as repo from './commitment.repository.ts';
import {
	actionInput,
	actionProgressInput,
	CHECKIN_POINTS,
	checkinInput,
	collectChecked,
	FUNDING_SIZES,
	fundingInput,
	planInput,
	sprintInput
} from './commitment.schema.ts';
import { touch } from './commitment.service.ts';
import { HUNDRED_DAYS, nextDueAfterAttempt, plusDays, SPRINT_DAYS } from './plan.rules.ts';

/**
 * A sprint's or action's id as a form sent it: one that cannot be an id names nothing (PostgreSQL
 * refuses a NUL in any query, so it never reaches one).
 */
function idFromForm(id: string): string {
	if (id.length > 64 || hasControlCharacters(id)) throw notFound();
	return id;
}

/** The commitment, for its owner or a co-owner to change its plan. */
async function openForKeeper(ctx: Ctx, actor: Actor, networkId: string, commitmentId: string) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	return { v, c: requireKeeper(v, c) };
}

/** The action plan's words: the 100-day question and its date, roles, values, superpowers, council. */
export async function savePlan(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	raw: unknown
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const input = parseInput(planInput, collectChecked(raw, 'role_', 'roles'));
	const at = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateCommitmentRow(trx, c.id, {
			hundredDays: input.hundredDays,
			// Left empty, the date is the 100th day after the commitment was made.
			hundredDaysOn: input.hundredDaysOn || plusDays(c.createdAt.slice(0, 10), HUNDRED_DAYS),
			rolesOther: input.rolesOther,
			valuesText: input.valuesText,
			superpowers: input.superpowers,
			council: input.council,
			updatedAt: at
		});
		await repo.replaceRoles(trx, c.id, [...new Set(input.roles)]);
	});
}

/** Small, medium and large: what each would fund and where the money would come from. */
export async function saveFunding(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	raw: unknown
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const input = parseInput(fundingInput, raw);
	const rows = FUNDING_SIZES.map((size) => ({
		size,
		funds: input[`${size}Funds`],
		source: input[`${size}Source`]
	})).filter((r) => r.funds !== '' || r.source !== '');
	await ctx.db.transaction().execute(async (trx) => {
		await repo.replaceFunding(trx, c.id, rows);
		await touch(trx, c.id, iso(ctx.now()));
	});
}

export async function addSprint(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	raw: unknown
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const input = parseInput(sprintInput, raw);
	const at = iso(ctx.now());
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertSprint(trx, {
			id,
			commitmentId: c.id,
			startsOn: input.startsOn,
			endsOn: input.endsOn || plusDays(input.startsOn, SPRINT_DAYS),
			createdAt: at
		});
		await touch(trx, c.id, at);
	});
	return { id };
}

export async function updateSprint(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	sprintId: string,
	raw: unknown
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const sprint = await repo.findSprint(ctx.db, c.id, idFromForm(sprintId));
	if (!sprint) throw notFound();
	const input = parseInput(sprintInput, raw);
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateSprintRow(trx, sprint.id, {
			startsOn: input.startsOn,
			endsOn: input.endsOn || plusDays(input.startsOn, SPRINT_DAYS)
		});
		await touch(trx, c.id, iso(ctx.now()));
	});
}

/** A sprint goes with its actions and check-ins (the page asks first). */
export async function deleteSprint(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	sprintId: string
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const sprint = await repo.findSprint(ctx.db, c.id, idFromForm(sprintId));
	if (!sprint) throw notFound();
	await repo.deleteSprintRow(ctx.db, sprint.id);
}

/**
 * An action without a date: one "after each session" is due at the next session (once one is
 * planned), one "every N weeks" N weeks from today, a one-off whenever.
 */
async function firstDueOn(
	ctx: Ctx,
	networkId: string,
	a: { dueOn: string; recurrence: 'none' | 'weeks' | 'session'; everyWeeks: number | null }
) {
	if (a.dueOn) return a.dueOn;
	const today = todayIn(ctx.now());
	if (a.recurrence === 'session') return nextSessionDay(ctx, networkId, today);
	if (a.recurrence === 'weeks' && a.everyWeeks) return plusDays(today, 7 * a.everyWeeks);
	return null;
}

/** An action in a sprint, owned by one of the commitment's owners. */
export async function addAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	sprintId: string,
	raw: unknown
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const sprint = await repo.findSprint(ctx.db, c.id, idFromForm(sprintId));
	if (!sprint) throw notFound();
	const input = parseInput(actionInput, raw);
	if (!canOwnAction(c, input.ownerId))
		throw new DomainError('invalid', 'error_action_owner', 'ownerId');
	const dueOn = await firstDueOn(ctx, networkId, input);
	const at = iso(ctx.now());
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertAction(trx, {
			id,
			sprintId: sprint.id,
			ownerId: input.ownerId,
			title: input.title,
			dueOn,
			recurrence: input.recurrence,
			everyWeeks: input.everyWeeks,
			createdAt: at
		});
		await touch(trx, c.id, at);
	});
	return { id };
}

/** An action's words, owner, date and recurrence; its attempts and "done" stay. */
export async function updateAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	actionId: string,
	raw: unknown
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const action = await repo.findAction(ctx.db, c.id, idFromForm(actionId));
	if (!action) throw notFound();
	const input = parseInput(actionInput, raw);
	if (!canOwnAction(c, input.ownerId))
		throw new DomainError('invalid', 'error_action_owner', 'ownerId');
	const dueOn = await firstDueOn(ctx, networkId, input);
	const at = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateActionRow(trx, action.id, {
			title: input.title,
			ownerId: input.ownerId,
			dueOn,
			recurrence: input.recurrence,
			everyWeeks: input.everyWeeks
		});
		await touch(trx, c.id, at);
	});
}

/**
 * Done, or tried once more. Every tick counts as an attempt ("third time lucky"); a recurring
 * action that is not done yet comes back on its next date. Undo takes a "done" back.
 */
export async function progressAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	actionId: string,
	raw: unknown
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const action = await repo.findAction(ctx.db, c.id, idFromForm(actionId));
	if (!action) throw notFound();
	const { progress } = parseInput(actionProgressInput, raw);
	const at = iso(ctx.now());
	const today = todayIn(ctx.now());
	if (progress !== 'undo' && action.doneAt)
		throw new DomainError('conflict', 'error_action_already_done', 'form');
	const values =
		progress === 'done'
			? { doneAt: at, attempts: action.attempts + 1 }
			: progress === 'attempt'
				? {
						attempts: action.attempts + 1,
						dueOn: nextDueAfterAttempt(
							action,
							today,
							action.recurrence === 'session' ? await nextSessionDay(ctx, networkId, today) : null
						)
					}
				: { doneAt: null, attempts: Math.max(0, action.attempts - (action.doneAt ? 1 : 0)) };
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateActionRow(trx, action.id, values);
		await touch(trx, c.id, at);
	});
}

export async function deleteAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	actionId: string
) {
	const { c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const action = await repo.findAction(ctx.db, c.id, idFromForm(actionId));
	if (!action) throw notFound();
	await repo.deleteActionRow(ctx.db, action.id);
}

/**
 * The check-in at a sprint's start or end: five points, each a score from 1 to 5 with a line.
 * Saved again, it is written over (one start and one end per sprint).
 */
export async function saveCheckin(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	commitmentId: string,
	sprintId: string,
	raw: unknown
) {
	const { v, c } = await openForKeeper(ctx, actor, networkId, commitmentId);
	const sprint = await repo.findSprint(ctx.db, c.id, idFromForm(sprintId));
	if (!sprint) throw notFound();
	const input = parseInput(checkinInput, raw);
	const at = iso(ctx.now());
	const points = CHECKIN_POINTS.map((point) => ({
		point,
		score: input[`${point}Score`],
		note: input[`${point}Note`]
	}));
	await ctx.db.transaction().execute(async (trx) => {
		const existing = await repo.findCheckin(trx, sprint.id, input.moment);
		const id = existing?.id ?? newId();
		if (existing) await repo.updateCheckinRow(trx, id, { at, byUserId: v.userId });
		else
			await repo.insertCheckin(trx, {
				id,
				sprintId: sprint.id,
				moment: input.moment,
				byUserId: v.userId,
				at
			});
		await repo.replaceCheckinPoints(trx, id, points);
		await touch(trx, c.id, at);
	});
}
