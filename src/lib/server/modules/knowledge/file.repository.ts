import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** Stored files (bytes in the database, so a backup holds everything). Never sees the actor. */
type Db = Kysely<Database>;

export async function insertFile(
	db: Db,
	f: {
		id: string;
		networkId: string;
		name: string;
		mime: string;
		data: Buffer;
		createdBy: string;
		createdAt: string;
	}
) {
	await db
		.insertInto('storedFile')
		.values({ ...f, size: f.data.length })
		.execute();
}

/** One file of the network, or undefined: a file of another network is not found either. */
export function findFileInNetwork(db: Db, networkId: string, fileId: string) {
	return db
		.selectFrom('storedFile')
		.select(['name', 'mime', 'data', 'size'])
		.where('networkId', '=', networkId)
		.where('id', '=', fileId)
		.executeTakeFirst();
}

/** The bytes and types of several files of the network (the ones that exist). */
export function listFileData(db: Db, networkId: string, fileIds: string[]) {
	if (!fileIds.length) return Promise.resolve([]);
	return db
		.selectFrom('storedFile')
		.select(['id', 'data', 'mime'])
		.where('networkId', '=', networkId)
		.where('id', 'in', fileIds)
		.execute();
}

export async function deleteFile(db: Db, fileId: string) {
	await db.deleteFrom('storedFile').where('id', '=', fileId).execute();
}
