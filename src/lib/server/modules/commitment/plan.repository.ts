import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
	CheckinPoint,
	CommitmentActionTable,
	CommitmentCheckinTable,
	CommitmentSprintTable,
	Database
} from '../../db/types.ts';

type Db = Kysely<Database>;

/** Sprints, their actions and their five-point check-ins. */

export async function insertSprint(db: Db, row: Insertable<CommitmentSprintTable>) {
	await db.insertInto('commitmentSprint').values(row).execute();
}

export async function updateSprintRow(
	db: Db,
	id: string,
	values: Updateable<CommitmentSprintTable>
) {
	await db.updateTable('commitmentSprint').set(values).where('id', '=', id).execute();
}

export async function deleteSprintRow(db: Db, id: string) {
	await db.deleteFrom('commitmentSprint').where('id', '=', id).execute();
}

/** A sprint of this commitment, or nothing. */
export async function findSprint(db: Db, commitmentId: string, id: string) {
	return db
		.selectFrom('commitmentSprint')
		.selectAll()
		.where('commitmentId', '=', commitmentId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The sprints of these commitments, in the order they start. */
export async function listSprints(db: Db, commitmentIds: string[]) {
	if (commitmentIds.length === 0) return [];
	return db
		.selectFrom('commitmentSprint')
		.selectAll()
		.where('commitmentId', 'in', commitmentIds)
		.orderBy('startsOn')
		.orderBy('createdAt')
		.execute();
}

export async function insertAction(db: Db, row: Insertable<CommitmentActionTable>) {
	await db.insertInto('commitmentAction').values(row).execute();
}

export async function updateActionRow(
	db: Db,
	id: string,
	values: Updateable<CommitmentActionTable>
) {
	await db.updateTable('commitmentAction').set(values).where('id', '=', id).execute();
}

export async function deleteActionRow(db: Db, id: string) {
	await db.deleteFrom('commitmentAction').where('id', '=', id).execute();
}

/** An action of one of this commitment's sprints, or nothing. */
export async function findAction(db: Db, commitmentId: string, id: string) {
	return db
		.selectFrom('commitmentAction as a')
		.innerJoin('commitmentSprint as s', 's.id', 'a.sprintId')
		.selectAll('a')
		.where('s.commitmentId', '=', commitmentId)
		.where('a.id', '=', id)
		.executeTakeFirst();
}

export async function listActions(db: Db, sprintIds: string[]) {
	if (sprintIds.length === 0) return [];
	return db
		.selectFrom('commitmentAction as a')
		.leftJoin('user as u', 'u.id', 'a.ownerId')
		.selectAll('a')
		.select('u.name as ownerName')
		.where('a.sprintId', 'in', sprintIds)
		.orderBy('a.createdAt')
		.execute();
}

export async function findCheckin(db: Db, sprintId: string, moment: 'start' | 'end') {
	return db
		.selectFrom('commitmentCheckin')
		.selectAll()
		.where('sprintId', '=', sprintId)
		.where('moment', '=', moment)
		.executeTakeFirst();
}

export async function insertCheckin(db: Db, row: Insertable<CommitmentCheckinTable>) {
	await db.insertInto('commitmentCheckin').values(row).execute();
}

export async function updateCheckinRow(
	db: Db,
	id: string,
	values: Updateable<CommitmentCheckinTable>
) {
	await db.updateTable('commitmentCheckin').set(values).where('id', '=', id).execute();
}

export async function replaceCheckinPoints(
	db: Db,
	checkinId: string,
	points: { point: CheckinPoint; score: number; note: string }[]
) {
	await db.deleteFrom('commitmentCheckinPoint').where('checkinId', '=', checkinId).execute();
	await db
		.insertInto('commitmentCheckinPoint')
		.values(points.map((p) => ({ checkinId, ...p })))
		.execute();
}

/** The check-ins of these sprints with their five points. */
export async function listCheckins(db: Db, sprintIds: string[]) {
	if (sprintIds.length === 0) return [];
	return db
		.selectFrom('commitmentCheckin as c')
		.innerJoin('commitmentCheckinPoint as p', 'p.checkinId', 'c.id')
		.select(['c.id', 'c.sprintId', 'c.moment', 'c.at', 'p.point', 'p.score', 'p.note'])
		.where('c.sprintId', 'in', sprintIds)
		.execute();
}
