import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, MembershipTable } from '../../db/types.ts';

/** The person's membership row in the network, whatever its status. */
export async function findMembershipRow(db: Kysely<Database>, userId: string, networkId: string) {
	return db
		.selectFrom('membership')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.executeTakeFirst();
}

/** An active membership of the network, by the membership's id. */
export async function findActiveMembershipById(
	db: Kysely<Database>,
	networkId: string,
	membershipId: string
) {
	return db
		.selectFrom('membership')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', membershipId)
		.where('status', '=', 'active')
		.executeTakeFirst();
}

/** Which of these membership ids are active memberships of the network. */
export async function listActiveMembershipIds(
	db: Kysely<Database>,
	networkId: string,
	ids: string[]
) {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('membership')
		.select('id')
		.where('networkId', '=', networkId)
		.where('status', '=', 'active')
		.where('id', 'in', ids)
		.execute();
	return rows.map((r) => r.id);
}

/** The active member with this account id, with what a mail to them needs. */
export async function findActiveMemberAccount(
	db: Kysely<Database>,
	networkId: string,
	userId: string
) {
	return db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.select(['u.id', 'u.name', 'u.email', 'u.locale'])
		.where('ms.networkId', '=', networkId)
		.where('ms.userId', '=', userId)
		.where('ms.status', '=', 'active')
		.executeTakeFirst();
}

/** The network's active members, by name: whom a form may offer as co-owner or action owner. */
export async function listActiveMembers(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.select(['u.id', 'u.name'])
		.where('ms.networkId', '=', networkId)
		.where('ms.status', '=', 'active')
		.orderBy('u.name')
		.execute();
}

/** The member's name and status (any status), by account id. */
export async function findMemberByUserId(db: Kysely<Database>, networkId: string, userId: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('user as u', 'u.id', 'm.userId')
		.select(['u.id', 'u.name', 'm.status'])
		.where('m.networkId', '=', networkId)
		.where('m.userId', '=', userId)
		.executeTakeFirst();
}

/** The status of the membership of whoever has this e-mail address, if they have one. */
export async function findMembershipStatusByEmail(
	db: Kysely<Database>,
	networkId: string,
	email: string
) {
	const row = await db
		.selectFrom('membership as mb')
		.innerJoin('user as u', 'u.id', 'mb.userId')
		.select(['mb.status'])
		.where('mb.networkId', '=', networkId)
		.where('u.email', '=', email)
		.executeTakeFirst();
	return row?.status ?? null;
}

/** The e-mail addresses of the network's active members. */
export async function listActiveMemberEmails(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.select(['u.email'])
		.where('ms.networkId', '=', networkId)
		.where('ms.status', '=', 'active')
		.execute();
}

export async function insertMembership(db: Kysely<Database>, row: Insertable<MembershipTable>) {
	await db.insertInto('membership').values(row).execute();
}

export async function updateMembership(
	db: Kysely<Database>,
	id: string,
	values: Updateable<MembershipTable>
) {
	await db.updateTable('membership').set(values).where('id', '=', id).execute();
}

/** The person's acceptance of the house rules of this version, now. */
export async function recordRulesAccepted(
	db: Kysely<Database>,
	networkId: string,
	userId: string,
	at: string,
	version: number
) {
	await db
		.updateTable('membership')
		.set({ rulesAcceptedAt: at, rulesVersion: version })
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.execute();
}

/** The network's active boundary spanners (its guests), with the day their access ends. */
export async function listActiveSpanners(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.select(['ms.id as membershipId', 'u.id as userId', 'u.name', 'ms.guestUntil'])
		.where('ms.networkId', '=', networkId)
		.where('ms.status', '=', 'active')
		.where('ms.role', '=', 'boundary_spanner')
		.orderBy('u.name')
		.execute();
}
