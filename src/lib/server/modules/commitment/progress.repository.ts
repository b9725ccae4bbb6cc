import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

/** Progress conversations: which coaching talk is about which commitment (one per talk). */

/** Links the talk to the commitment; a talk linked before is now about this one. */
export async function upsertTalkLink(
	db: Db,
	row: { talkId: string; commitmentId: string; linkedAt: string; linkedBy: string }
) {
	await db
		.insertInto('commitmentTalk')
		.values(row)
		.onConflict((oc) =>
			oc.column('talkId').doUpdateSet({
				commitmentId: row.commitmentId,
				linkedAt: row.linkedAt,
				linkedBy: row.linkedBy
			})
		)
		.execute();
}

export async function deleteTalkLink(db: Db, talkId: string) {
	await db.deleteFrom('commitmentTalk').where('talkId', '=', talkId).execute();
}

/** The commitment a talk is about, if any (only one of this network). */
export async function findTalkLink(db: Db, networkId: string, talkId: string) {
	return db
		.selectFrom('commitmentTalk as l')
		.innerJoin('commitment as c', 'c.id', 'l.commitmentId')
		.select(['l.talkId', 'l.commitmentId', 'l.linkedAt'])
		.where('l.talkId', '=', talkId)
		.where('c.networkId', '=', networkId)
		.executeTakeFirst();
}

/** The talks linked to these commitments. */
export async function listTalkLinks(db: Db, commitmentIds: string[]) {
	if (commitmentIds.length === 0) return [];
	return db
		.selectFrom('commitmentTalk')
		.select(['talkId', 'commitmentId', 'linkedAt'])
		.where('commitmentId', 'in', commitmentIds)
		.execute();
}
