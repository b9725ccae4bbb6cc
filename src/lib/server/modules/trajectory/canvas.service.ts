import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { CanvasSection } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { CANVAS_SECTIONS, canvasInput, canvasItemInput } from './trajectory.schema.ts';
import { canSee, requireOwner, viewer } from './trajectory.policy.ts';

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
		await trx
			.insertInto('canvas')
			.values({ id, networkId, userId: v.userId, ...input, createdAt: now, updatedAt: now })
			.execute();
		// The diamond goal is the first product or service on every canvas.
		const goal = await trx
			.selectFrom('goal')
			.select('title')
			.where('networkId', '=', networkId)
			.where('userId', '=', v.userId)
			.executeTakeFirst();
		if (goal)
			await trx
				.insertInto('canvasItem')
				.values({
					id: newId(),
					canvasId: id,
					section: 'products',
					text: goal.title.slice(0, 300),
					position: 0,
					createdAt: now
				})
				.execute();
	});
	return { id };
}

async function ownCanvas(ctx: Ctx, actor: Actor, networkId: string, canvasId: string) {
	const v = await viewer(ctx, actor, networkId);
	return requireOwner(
		v,
		await ctx.db.selectFrom('canvas').selectAll().where('id', '=', canvasId).executeTakeFirst()
	);
}

async function touch(ctx: Ctx, canvasId: string) {
	await ctx.db
		.updateTable('canvas')
		.set({ updatedAt: iso(ctx.now()) })
		.where('id', '=', canvasId)
		.execute();
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
	await ctx.db
		.updateTable('canvas')
		.set({ title: input.title, visibility: input.visibility, updatedAt: iso(ctx.now()) })
		.where('id', '=', canvasId)
		.execute();
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
	const count = await ctx.db
		.selectFrom('canvasItem')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('canvasId', '=', canvasId)
		.where('section', '=', input.section)
		.executeTakeFirstOrThrow();
	if (Number(count.n) >= MAX_ITEMS)
		throw Object.assign(new DomainError('invalid', 'error_canvas_full', 'text'), {
			max: MAX_ITEMS
		});
	const id = newId();
	await ctx.db
		.insertInto('canvasItem')
		.values({
			id,
			canvasId,
			section: input.section,
			text: input.text,
			position: Number(count.n),
			createdAt: iso(ctx.now())
		})
		.execute();
	await touch(ctx, canvasId);
	return { id };
}

async function itemOf(ctx: Ctx, canvasId: string, itemId: string, field = 'itemId') {
	const item = await ctx.db
		.selectFrom('canvasItem')
		.selectAll()
		.where('id', '=', itemId)
		.executeTakeFirst();
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
	await ctx.db
		.updateTable('canvasItem')
		.set({ text: input.text })
		.where('id', '=', itemId)
		.execute();
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
	await ctx.db.deleteFrom('canvasItem').where('id', '=', itemId).execute();
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
		const list = await trx
			.selectFrom('canvasItem')
			.select(['id'])
			.where('canvasId', '=', canvasId)
			.where('section', '=', item.section)
			.orderBy('position')
			.orderBy('createdAt')
			.execute();
		const ids = list.map((r) => r.id);
		const at = ids.indexOf(itemId);
		const to = direction === 'up' ? at - 1 : at + 1;
		if (to < 0 || to >= ids.length) return;
		[ids[at], ids[to]] = [ids[to]!, ids[at]!];
		for (const [position, id] of ids.entries())
			await trx.updateTable('canvasItem').set({ position }).where('id', '=', id).execute();
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
	await ctx.db
		.insertInto('canvasFit')
		.values({ canvasId, fromId: from.id, toId: to.id })
		.onConflict((oc) => oc.columns(['fromId', 'toId']).doNothing())
		.execute();
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
	await ctx.db
		.deleteFrom('canvasFit')
		.where('canvasId', '=', canvasId)
		.where('fromId', '=', raw.fromId ?? '')
		.where('toId', '=', raw.toId ?? '')
		.execute();
}

/** A canvas with its items per section and its fit links, for whoever may see it. */
export async function getCanvas(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	canvasId: string
) {
	const v = await viewer(ctx, actor, networkId);
	const canvas = await ctx.db
		.selectFrom('canvas as c')
		.leftJoin('user as u', 'u.id', 'c.userId')
		.select([
			'c.id',
			'c.networkId',
			'c.userId',
			'c.visibility',
			'c.title',
			'c.updatedAt',
			'u.name as ownerName'
		])
		.where('c.id', '=', canvasId)
		.executeTakeFirst();
	if (!canvas || !(await canSee(ctx, v, canvas))) throw notFound();
	const [items, fits] = await Promise.all([
		ctx.db
			.selectFrom('canvasItem')
			.select(['id', 'section', 'text'])
			.where('canvasId', '=', canvasId)
			.orderBy('position')
			.orderBy('createdAt')
			.execute(),
		ctx.db
			.selectFrom('canvasFit')
			.select(['fromId', 'toId'])
			.where('canvasId', '=', canvasId)
			.execute()
	]);
	const sections = Object.fromEntries(
		CANVAS_SECTIONS.map((s) => [s, items.filter((i) => i.section === s)])
	) as Record<CanvasSection, { id: string; section: CanvasSection; text: string }[]>;
	return { canvas, sections, fits, isOwner: canvas.userId === v.userId };
}
