import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, SessionTable } from '../../db/types.ts';

export async function findSession(db: Kysely<Database>, networkId: string, sessionId: string) {
	return db
		.selectFrom('networkSession')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', sessionId)
		.executeTakeFirst();
}

export async function listSessionsOfNetwork(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('networkSession')
		.select(['id', 'title', 'number', 'startsAt', 'place', 'theme', 'status'])
		.where('networkId', '=', networkId)
		.execute();
}

export async function insertSession(db: Kysely<Database>, row: Insertable<SessionTable>) {
	await db.insertInto('networkSession').values(row).execute();
}

export async function updateSessionRow(
	db: Kysely<Database>,
	sessionId: string,
	values: Updateable<SessionTable>
) {
	await db.updateTable('networkSession').set(values).where('id', '=', sessionId).execute();
}

export async function deleteSessionRow(db: Kysely<Database>, sessionId: string) {
	await db.deleteFrom('networkSession').where('id', '=', sessionId).execute();
}

export async function replaceFacilitators(
	db: Kysely<Database>,
	sessionId: string,
	membershipIds: string[]
) {
	await db.deleteFrom('sessionFacilitator').where('sessionId', '=', sessionId).execute();
	if (membershipIds.length === 0) return;
	await db
		.insertInto('sessionFacilitator')
		.values(membershipIds.map((membershipId) => ({ sessionId, membershipId })))
		.execute();
}

/** The session's facilitators with their names (a removed member keeps their status). */
export async function listFacilitators(db: Kysely<Database>, sessionId: string) {
	return db
		.selectFrom('sessionFacilitator as f')
		.innerJoin('membership as m', 'm.id', 'f.membershipId')
		.innerJoin('user as u', 'u.id', 'm.userId')
		.select(['m.id as membershipId', 'u.name as name', 'm.status as status'])
		.where('f.sessionId', '=', sessionId)
		.execute();
}

/** The day of the network's first session after `day` (YYYY-MM-DD), if one is planned. */
export async function findNextSessionDay(db: Kysely<Database>, networkId: string, day: string) {
	const row = await db
		.selectFrom('networkSession')
		.select('startsAt')
		.where('networkId', '=', networkId)
		.where('startsAt', 'is not', null)
		// Wall-clock "YYYY-MM-DDTHH:MM" sorts as text; any time on the day after `day` is later.
		.where('startsAt', '>', `${day}T99`)
		.where('status', '<>', 'closed')
		.orderBy('startsAt')
		.limit(1)
		.executeTakeFirst();
	return row?.startsAt?.slice(0, 10) ?? null;
}

export async function listLiveSessionIds(db: Kysely<Database>) {
	const rows = await db
		.selectFrom('networkSession')
		.select('id')
		.where('status', '=', 'live')
		.execute();
	return rows.map((r) => r.id);
}
