import type { Insertable, Kysely } from 'kysely';
import type { Database, MembershipRequestTable } from '../../db/types.ts';

export async function insertRequest(db: Kysely<Database>, row: Insertable<MembershipRequestTable>) {
	await db.insertInto('membershipRequest').values(row).execute();
}

export async function findPendingRequestOf(
	db: Kysely<Database>,
	networkId: string,
	userId: string
) {
	return db
		.selectFrom('membershipRequest')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.where('state', '=', 'pending')
		.executeTakeFirst();
}

export async function findRequest(db: Kysely<Database>, networkId: string, id: string) {
	return db
		.selectFrom('membershipRequest')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The pending requests, oldest first, with who asks and from which session. */
export async function listPendingRequests(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('membershipRequest as r')
		.innerJoin('user as u', 'u.id', 'r.userId')
		.leftJoin('networkSession as s', 's.id', 'r.sessionId')
		.select(['r.id', 'r.userId', 'r.createdAt', 'u.name', 'u.email', 's.title as sessionTitle'])
		.where('r.networkId', '=', networkId)
		.where('r.state', '=', 'pending')
		.orderBy('r.createdAt')
		.execute();
}

/** Decides a pending request; false when it was no longer pending (a double submit). */
export async function decideRequestRow(
	db: Kysely<Database>,
	id: string,
	state: 'admitted' | 'declined',
	by: string,
	at: string
) {
	const r = await db
		.updateTable('membershipRequest')
		.set({ state, decidedBy: by, decidedAt: at })
		.where('id', '=', id)
		.where('state', '=', 'pending')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Where to write to the person who asked, and in which language. */
export async function findAsker(db: Kysely<Database>, userId: string) {
	return db
		.selectFrom('user')
		.select(['email', 'name', 'locale'])
		.where('id', '=', userId)
		.executeTakeFirst();
}
