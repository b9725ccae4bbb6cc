import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CanvasItemTable, CanvasSection, CanvasTable, Database } from '../../db/types.ts';

export async function findCanvas(db: Kysely<Database>, id: string) {
	return db.selectFrom('canvas').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A canvas with its owner's name (null once the owner left). */
export async function findCanvasWithOwner(db: Kysely<Database>, id: string) {
	return db
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
		.where('c.id', '=', id)
		.executeTakeFirst();
}

export async function insertCanvas(db: Kysely<Database>, row: Insertable<CanvasTable>) {
	await db.insertInto('canvas').values(row).execute();
}

export async function updateCanvas(
	db: Kysely<Database>,
	id: string,
	values: Updateable<CanvasTable>
) {
	await db.updateTable('canvas').set(values).where('id', '=', id).execute();
}

export async function countItemsInSection(
	db: Kysely<Database>,
	canvasId: string,
	section: CanvasSection
) {
	const row = await db
		.selectFrom('canvasItem')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('canvasId', '=', canvasId)
		.where('section', '=', section)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function findItem(db: Kysely<Database>, id: string) {
	return db.selectFrom('canvasItem').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertItem(db: Kysely<Database>, row: Insertable<CanvasItemTable>) {
	await db.insertInto('canvasItem').values(row).execute();
}

export async function setItemText(db: Kysely<Database>, id: string, text: string) {
	await db.updateTable('canvasItem').set({ text }).where('id', '=', id).execute();
}

export async function deleteItem(db: Kysely<Database>, id: string) {
	await db.deleteFrom('canvasItem').where('id', '=', id).execute();
}

/** The ids of a section's items in their order. */
export async function listSectionItemIds(
	db: Kysely<Database>,
	canvasId: string,
	section: CanvasSection
) {
	const rows = await db
		.selectFrom('canvasItem')
		.select(['id'])
		.where('canvasId', '=', canvasId)
		.where('section', '=', section)
		.orderBy('position')
		.orderBy('createdAt')
		.execute();
	return rows.map((r) => r.id);
}

/** Writes each item's position as its place in `ids`. */
export async function setItemOrder(db: Kysely<Database>, ids: string[]) {
	for (const [position, id] of ids.entries())
		await db.updateTable('canvasItem').set({ position }).where('id', '=', id).execute();
}

export async function listItems(db: Kysely<Database>, canvasId: string) {
	return db
		.selectFrom('canvasItem')
		.select(['id', 'section', 'text'])
		.where('canvasId', '=', canvasId)
		.orderBy('position')
		.orderBy('createdAt')
		.execute();
}

export async function insertFit(
	db: Kysely<Database>,
	fit: { canvasId: string; fromId: string; toId: string }
) {
	await db
		.insertInto('canvasFit')
		.values(fit)
		.onConflict((oc) => oc.columns(['fromId', 'toId']).doNothing())
		.execute();
}

export async function deleteFit(
	db: Kysely<Database>,
	fit: { canvasId: string; fromId: string; toId: string }
) {
	await db
		.deleteFrom('canvasFit')
		.where('canvasId', '=', fit.canvasId)
		.where('fromId', '=', fit.fromId)
		.where('toId', '=', fit.toId)
		.execute();
}

export async function listFits(db: Kysely<Database>, canvasId: string) {
	return db
		.selectFrom('canvasFit')
		.select(['fromId', 'toId'])
		.where('canvasId', '=', canvasId)
		.execute();
}
