import type { Insertable, Kysely, Updateable } from 'kysely';
import type { AgendaStepTable, Database } from '../../db/types.ts';

export async function findStep(db: Kysely<Database>, sessionId: string, stepId: string) {
	return db
		.selectFrom('agendaStep')
		.selectAll()
		.where('sessionId', '=', sessionId)
		.where('id', '=', stepId)
		.executeTakeFirst();
}

/** The agenda in its order. */
export async function listSteps(db: Kysely<Database>, sessionId: string) {
	return db
		.selectFrom('agendaStep')
		.selectAll()
		.where('sessionId', '=', sessionId)
		.orderBy('position')
		.execute();
}

/** How many steps the agenda has and the highest position (null when empty). */
export async function countSteps(db: Kysely<Database>, sessionId: string) {
	const row = await db
		.selectFrom('agendaStep')
		.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('position').as('last')])
		.where('sessionId', '=', sessionId)
		.executeTakeFirstOrThrow();
	return { count: Number(row.n), last: row.last === null ? null : Number(row.last) };
}

export async function insertSteps(db: Kysely<Database>, rows: Insertable<AgendaStepTable>[]) {
	if (rows.length === 0) return;
	await db.insertInto('agendaStep').values(rows).execute();
}

export async function updateStepRow(
	db: Kysely<Database>,
	stepId: string,
	values: Updateable<AgendaStepTable>
) {
	await db.updateTable('agendaStep').set(values).where('id', '=', stepId).execute();
}

/** The step just before (`up`) or after (`down`) this position. */
export async function findNeighbourStep(
	db: Kysely<Database>,
	sessionId: string,
	position: number,
	direction: 'up' | 'down'
) {
	return db
		.selectFrom('agendaStep')
		.select(['id', 'position'])
		.where('sessionId', '=', sessionId)
		.where('position', direction === 'up' ? '<' : '>', position)
		.orderBy('position', direction === 'up' ? 'desc' : 'asc')
		.limit(1)
		.executeTakeFirst();
}

/** Swaps two steps' positions through a free one, so positions stay unique at every moment. */
export async function swapStepPositions(
	db: Kysely<Database>,
	a: { id: string; position: number },
	b: { id: string; position: number }
) {
	await db.updateTable('agendaStep').set({ position: -1 }).where('id', '=', a.id).execute();
	await db.updateTable('agendaStep').set({ position: a.position }).where('id', '=', b.id).execute();
	await db.updateTable('agendaStep').set({ position: b.position }).where('id', '=', a.id).execute();
}

/** True when the step was in this session and is gone now. */
export async function deleteStep(db: Kysely<Database>, sessionId: string, stepId: string) {
	const result = await db
		.deleteFrom('agendaStep')
		.where('sessionId', '=', sessionId)
		.where('id', '=', stepId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}
