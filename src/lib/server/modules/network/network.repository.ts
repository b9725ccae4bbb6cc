import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, NetworkTable, OrganisationTable } from '../../db/types.ts';
import type { MemberFilter } from './network.schema.ts';

export async function findNetwork(db: Kysely<Database>, id: string) {
	return db.selectFrom('network').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRegions(db: Kysely<Database>, networkId: string) {
	const rows = await db
		.selectFrom('networkRegion')
		.select('name')
		.where('networkId', '=', networkId)
		.orderBy('name')
		.execute();
	return rows.map((r) => r.name);
}

export async function replaceRegions(db: Kysely<Database>, networkId: string, regions: string[]) {
	await db.deleteFrom('networkRegion').where('networkId', '=', networkId).execute();
	if (regions.length === 0) return;
	await db
		.insertInto('networkRegion')
		.values(regions.map((name) => ({ id: crypto.randomUUID(), networkId, name })))
		.execute();
}

export async function listNetworksOfUser(db: Kysely<Database>, userId: string, nowIso: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('network as n', 'n.id', 'm.networkId')
		.select(['n.id', 'n.name', 'n.purpose', 'n.language', 'm.role'])
		.where('m.userId', '=', userId)
		.where('m.status', '=', 'active')
		.where((eb) => eb.or([eb('m.guestUntil', 'is', null), eb('m.guestUntil', '>=', nowIso)]))
		.orderBy('n.name')
		.execute();
}

export async function listOrganisations(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('organisation')
		.selectAll()
		.where('networkId', '=', networkId)
		.orderBy('name')
		.execute();
}

export async function findOrganisation(db: Kysely<Database>, networkId: string, id: string) {
	return db
		.selectFrom('organisation')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** Members joined with their account and organisation; user names come from better-auth's table. */
/** Active members, without guests whose period ended before `nowIso`. */
export async function listMembers(
	db: Kysely<Database>,
	networkId: string,
	filter: MemberFilter,
	nowIso: string
) {
	let q = db
		.selectFrom('membership as m')
		.innerJoin('user as u', 'u.id', 'm.userId')
		.leftJoin('organisation as o', 'o.id', 'm.organisationId')
		.select([
			'm.id',
			'm.role',
			'm.status',
			'm.guestUntil',
			'm.joinedAt',
			'm.userId',
			'm.organisationId',
			'o.name as organisationName',
			'o.region as region'
		])
		.select(['u.name as name', 'u.email as email'])
		.where('m.networkId', '=', networkId)
		.where('m.status', '=', 'active')
		.where((eb) => eb.or([eb('m.guestUntil', 'is', null), eb('m.guestUntil', '>=', nowIso)]));
	if (filter.organisationId) q = q.where('m.organisationId', '=', filter.organisationId);
	if (filter.role) q = q.where('m.role', '=', filter.role);
	if (filter.region) q = q.where('o.region', '=', filter.region);
	return q.orderBy('m.joinedAt').execute();
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

export async function countCoordinators(db: Kysely<Database>, networkId: string) {
	const row = await db
		.selectFrom('membership')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('networkId', '=', networkId)
		.where('status', '=', 'active')
		.where('role', '=', 'coordinator')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listPendingInvitations(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('invitation')
		.select([
			'id',
			'email',
			'role',
			'organisationId',
			'guestUntil',
			'createdAt',
			'sentAt',
			'expiresAt'
		])
		.where('networkId', '=', networkId)
		.where('status', '=', 'pending')
		.orderBy('createdAt', 'desc')
		.execute();
}

/**
 * Holds the network's row until the transaction ends (a row lock on PostgreSQL, the write lock
 * on SQLite), so two requests that count the network's sends count one after the other.
 */
export async function lockNetwork(db: Kysely<Database>, networkId: string) {
	await db
		.updateTable('network')
		.set((eb) => ({ name: eb.ref('name') }))
		.where('id', '=', networkId)
		.execute();
}

export async function countInvitationSendsSince(
	db: Kysely<Database>,
	networkId: string,
	sinceIso: string
) {
	const row = await db
		.selectFrom('invitationSend')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('networkId', '=', networkId)
		.where('sentAt', '>=', sinceIso)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function recordInvitationSend(
	db: Kysely<Database>,
	send: { networkId: string; invitationId: string; sentAt: string }
) {
	await db
		.insertInto('invitationSend')
		.values({ id: crypto.randomUUID(), ...send })
		.execute();
}

export async function insertNetwork(db: Kysely<Database>, row: Insertable<NetworkTable>) {
	await db.insertInto('network').values(row).execute();
}

export async function updateNetworkRow(
	db: Kysely<Database>,
	networkId: string,
	values: Updateable<NetworkTable>
) {
	await db.updateTable('network').set(values).where('id', '=', networkId).execute();
}

/** Another organisation of the network with this name (`exceptId` excluded), if any. */
export async function findOrganisationByName(
	db: Kysely<Database>,
	networkId: string,
	name: string,
	exceptId?: string
) {
	let q = db
		.selectFrom('organisation')
		.select('id')
		.where('networkId', '=', networkId)
		.where('name', '=', name);
	if (exceptId) q = q.where('id', '!=', exceptId);
	return q.executeTakeFirst();
}

export async function insertOrganisation(db: Kysely<Database>, row: Insertable<OrganisationTable>) {
	await db.insertInto('organisation').values(row).execute();
}

export async function updateOrganisationRow(
	db: Kysely<Database>,
	id: string,
	values: Updateable<OrganisationTable>
) {
	await db.updateTable('organisation').set(values).where('id', '=', id).execute();
}

/** True when the organisation existed in this network and is gone now. */
export async function deleteOrganisation(db: Kysely<Database>, networkId: string, id: string) {
	const result = await db
		.deleteFrom('organisation')
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}
