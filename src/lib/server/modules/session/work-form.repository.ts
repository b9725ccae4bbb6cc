import type { Insertable, Kysely } from 'kysely';
import type { Database, WorkFormTable } from '../../db/types.ts';

export async function listWorkFormsOfNetwork(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('workForm')
		.selectAll()
		.where('networkId', '=', networkId)
		.orderBy('name')
		.execute();
}

export async function findWorkForm(db: Kysely<Database>, networkId: string, id: string) {
	return db
		.selectFrom('workForm')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function findWorkFormByName(db: Kysely<Database>, networkId: string, name: string) {
	return db
		.selectFrom('workForm')
		.select('id')
		.where('networkId', '=', networkId)
		.where('name', '=', name)
		.executeTakeFirst();
}

export async function insertWorkForm(db: Kysely<Database>, row: Insertable<WorkFormTable>) {
	await db.insertInto('workForm').values(row).execute();
}
