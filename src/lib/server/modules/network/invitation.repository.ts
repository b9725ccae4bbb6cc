import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, InvitationTable } from '../../db/types.ts';

export async function findPendingInvitationByEmail(
	db: Kysely<Database>,
	networkId: string,
	email: string
) {
	return db
		.selectFrom('invitation')
		.select('id')
		.where('networkId', '=', networkId)
		.where('email', '=', email)
		.where('status', '=', 'pending')
		.executeTakeFirst();
}

export async function findInvitation(db: Kysely<Database>, networkId: string, id: string) {
	return db
		.selectFrom('invitation')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function findInvitationByTokenHash(db: Kysely<Database>, tokenHash: string) {
	return db
		.selectFrom('invitation')
		.selectAll()
		.where('tokenHash', '=', tokenHash)
		.executeTakeFirst();
}

export async function insertInvitation(db: Kysely<Database>, row: Insertable<InvitationTable>) {
	await db.insertInto('invitation').values(row).execute();
}

export async function updateInvitation(
	db: Kysely<Database>,
	id: string,
	values: Updateable<InvitationTable>
) {
	await db.updateTable('invitation').set(values).where('id', '=', id).execute();
}

/** Marks a still-pending invitation accepted; false when another request got there first. */
export async function claimInvitation(
	db: Kysely<Database>,
	id: string,
	at: string,
	userId: string
) {
	const claimed = await db
		.updateTable('invitation')
		.set({ status: 'accepted', acceptedAt: at, acceptedBy: userId })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(claimed.numUpdatedRows) === 1;
}
