import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { CanvasSection } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { CANVAS_SECTIONS, canvasInput, canvasItemInput } from './trajectory.schema.ts';
import * as repo from './canvas.repository.ts';
import { requireOwner } from './trajectory.policy.ts';
import { canSee, viewer } from './trajectory.read.ts';
import { findGoalOf } from './trajectory.repository.ts';

/**
 * Value Proposition Canvases. The customer side (jobs, pains, gains) describes the person to
 * move; the value side (products and services, pain relievers, gain creators) what the member
 * offers them. The fit check links a reliever to the pain it answers and a creator to the gain.
 */
const ANSWERS: Partial<Record<CanvasSection, CanvasSection>> = {
	relievers: 'pains',
	creators: 'gains'
};
const MAX_ITEMS = 30;

export async function createCanvas(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	const input = parseInput(canvasInput, raw);
	const now = iso(ctx.now());
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertCanvas(trx, {
			id,
			networkId,
			userId: v.userId,
			...input,
			createdAt: now,
			updatedAt: now
		});
		// The diamond goal is the first product or service on every canvas.
		const goal = await findGoalOf(trx, networkId, v.userId);
		if (goal)
			await repo.insertItem(trx, {
				id: newId(),
				canvasId: id,
				section: 'products',
				text: goal.title.slice(0, 300),
				position: 0,
				createdAt: now
			});
	});
	return { id };
}

async function ownCanvas(ctx: Ctx, actor: Actor, networkId: string, canvasId: string) {
	const v = await viewer(ctx, actor, networkId);
	return requireOwner(v, await repo.findCanvas(ctx.db, canvasId));
}

async function touch(ctx: Ctx, canvasId: string) {
	await repo.updateCanvas(ctx.db, canvasId, { updatedAt: iso(ctx.now()) });
}

export async function renameCanvas(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	canvasId: string,
	raw: unknown
) {
	await ownCanvas(ctx, actor, networkId, canvasId);
	const input = parseInput(canvasInput, raw);
	await repo.updateCanvas(ctx.db, canvasId, {
		title: input.title,
		visibility: input.visibility,
		updatedAt: iso(ctx.now())
	});
}

export async function addCanvasItem(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	canvasId: string,
	raw: unknown
) {
	await ownCanvas(ctx, actor, networkId, canvasId);
	const input = parseInput(canvasItemInput, raw);
	const count = await repo.countItemsInSection(ctx.db, canvasId, input.section);
	if (count >= MAX_ITEMS)
		throw Object.assign(new DomainError('invalid', 'error_canvas_full', 'text'), {
			max: MAX_ITEMS
		});
	const id = newId();
	await repo.insertItem(ctx.db, {
		id,
		canvasId,
		section: input.section,
		text: input.text,
		position: count,
		createdAt: iso(ctx.now())
	});
	await touch(ctx, canvasId);
	return { id };
}

async function itemOf(ctx: Ctx, canvasId: string, itemId: string, field = 'itemId') {
	const item = await repo.findItem(ctx.db, itemId);
	// An item of another canvas is refused as plainly as one that does not exist.
	if (!item || item.canvasId !== canvasId)
		throw new DomainError('invalid', 'error_canvas_item_unknown', field);
	return item;
}

export async function editCanvasItem(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	canvasId: string,
	itemId: string,
	text: unknown
) {
	await ownCanvas(ctx, actor, networkId, canvasId);
	const item = await itemOf(ctx, canvasId, itemId);
	const input = parseInput(canvasItemInput, { section: item.section, text });
	await repo.setItemText(ctx.db, itemId, input.text);
	await touch(ctx, canvasId);
}

export async function removeCanvasItem(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	canvasId: string,
	itemId: string
) {
	await ownCanvas(ctx, actor, networkId, canvasId);
	await itemOf(ctx, canvasId, itemId);
	await repo.deleteItem(ctx.db, itemId);
	await touch(ctx, canvasId);
}

/** Moves an item one place up or down within its section. */
export async function moveCanvasItem(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	canvasId: string,
	itemId: string,
	direction: 'up' | 'down'
) {
	await ownCanvas(ctx, actor, networkId, canvasId);
	const item = await itemOf(ctx, canvasId, itemId);
	await ctx.db.transaction().execute(async (trx) => {
		const ids = await repo.listSectionItemIds(trx, canvasId, item.section);
		const at = ids.indexOf(itemId);
		const to = direction === 'up' ? at - 1 : at + 1;
		if (to < 0 || to >= ids.length) return;
		[ids[at], ids[to]] = [ids[to]!, ids[at]!];
		await repo.setItemOrder(trx, ids);
	});
}

/** The fit check: a pain reliever answers a pain, a gain creator a gain, on the same canvas. */
export async function linkFit(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	canvasId: string,
	raw: { fromId?: string; toId?: string }
) {
	await ownCanvas(ctx, actor, networkId, canvasId);
	const from = await itemOf(ctx, canvasId, raw.fromId ?? '', 'fromId');
	const to = await itemOf(ctx, canvasId, raw.toId ?? '', 'toId');
	if (ANSWERS[from.section] !== to.section)
		throw new DomainError('invalid', 'error_fit_mismatch', 'toId');
	await repo.insertFit(ctx.db, { canvasId, fromId: from.id, toId: to.id });
	await touch(ctx, canvasId);
}

export async function unlinkFit(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	canvasId: string,
	raw: { fromId?: string; toId?: string }
) {
	await ownCanvas(ctx, actor, networkId, canvasId);
	await repo.deleteFit(ctx.db, { canvasId, fromId: raw.fromId ?? '', toId: raw.toId ?? '' });
}

/** A canvas with its items per section and its fit links, for whoever may see it. */
export async function getCanvas(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	canvasId: string
) {
	const v = await viewer(ctx, actor, networkId);
	const canvas = await repo.findCanvasWithOwner(ctx.db, canvasId);
	if (!canvas || !(await canSee(ctx, v, canvas))) throw notFound();
	const [items, fits] = await Promise.all([
		repo.listItems(ctx.db, canvasId),
		repo.listFits(ctx.db, canvasId)
	]);
	const sections = Object.fromEntries(
		CANVAS_SECTIONS.map((s) => [s, items.filter((i) => i.section === s)])
	) as Record<CanvasSection, { id: string; section: CanvasSection; text: string }[]>;
	return { canvas, sections, fits, isOwner: canvas.userId === v.userId };
}
