import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, StakeholderTable } from '../../db/types.ts';

type Db = Kysely<Database>;

/** The network's stakeholder map: one row per contact or organisation. */

export async function insertStakeholder(db: Db, row: Insertable<StakeholderTable>) {
	await db.insertInto('stakeholder').values(row).execute();
}

export async function updateStakeholder(db: Db, id: string, row: Updateable<StakeholderTable>) {
	await db.updateTable('stakeholder').set(row).where('id', '=', id).execute();
}

export async function deleteStakeholder(db: Db, id: string) {
	await db.deleteFrom('stakeholder').where('id', '=', id).execute();
}

export async function findStakeholder(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('stakeholder')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The map's stakeholders, by name. */
export async function listStakeholders(db: Db, networkId: string) {
	return db
		.selectFrom('stakeholder')
		.selectAll()
		.where('networkId', '=', networkId)
		.orderBy('name')
		.orderBy('id')
		.execute();
}
