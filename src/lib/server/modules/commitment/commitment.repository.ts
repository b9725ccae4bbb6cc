import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
	CommitmentEventTable,
	CommitmentRole,
	CommitmentTable,
	Database,
	FundingSize
} from '../../db/types.ts';

type Db = Kysely<Database>;

export async function insertCommitment(db: Db, row: Insertable<CommitmentTable>) {
	await db.insertInto('commitment').values(row).execute();
}

export async function updateCommitmentRow(db: Db, id: string, values: Updateable<CommitmentTable>) {
	await db.updateTable('commitment').set(values).where('id', '=', id).execute();
}

export async function deleteCommitmentRow(db: Db, id: string) {
	await db.deleteFrom('commitment').where('id', '=', id).execute();
}

/** A commitment, found only inside its own network. */
export async function findCommitment(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('commitment')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/**
 * Every commitment of the network with its owner's name while they are a member (null once they
 * left: a former member's); visibility is decided by the service.
 */
export async function listCommitmentsOfNetwork(db: Db, networkId: string) {
	return db
		.selectFrom('commitment as c')
		.leftJoin('membership as ms', (j) =>
			j
				.onRef('ms.userId', '=', 'c.userId')
				.onRef('ms.networkId', '=', 'c.networkId')
				.on('ms.status', '=', 'active')
		)
		.leftJoin('user as u', 'u.id', 'ms.userId')
		.selectAll('c')
		.select('u.name as ownerName')
		.where('c.networkId', '=', networkId)
		.orderBy('c.updatedAt', 'desc')
		.execute();
}

/** The co-owners of these commitments, with their names. */
export async function listCoOwners(db: Db, commitmentIds: string[]) {
	if (commitmentIds.length === 0) return [];
	return db
		.selectFrom('commitmentOwner as o')
		.innerJoin('user as u', 'u.id', 'o.userId')
		.select(['o.commitmentId', 'o.userId', 'u.name'])
		.where('o.commitmentId', 'in', commitmentIds)
		.orderBy('u.name')
		.execute();
}

export async function replaceCoOwners(db: Db, commitmentId: string, userIds: string[]) {
	await db.deleteFrom('commitmentOwner').where('commitmentId', '=', commitmentId).execute();
	if (userIds.length)
		await db
			.insertInto('commitmentOwner')
			.values(userIds.map((userId) => ({ commitmentId, userId })))
			.execute();
}

export async function insertEvent(db: Db, row: Insertable<CommitmentEventTable>) {
	await db.insertInto('commitmentEvent').values(row).execute();
}

/** The state's history, newest first, with who changed it. */
export async function listEvents(db: Db, commitmentId: string) {
	return db
		.selectFrom('commitmentEvent as e')
		.leftJoin('user as u', 'u.id', 'e.byUserId')
		.select(['e.id', 'e.state', 'e.reason', 'e.at', 'u.name as byName'])
		.where('e.commitmentId', '=', commitmentId)
		.orderBy('e.at', 'desc')
		.execute();
}

export async function listRoles(db: Db, commitmentId: string) {
	const rows = await db
		.selectFrom('commitmentRole')
		.select('role')
		.where('commitmentId', '=', commitmentId)
		.execute();
	return rows.map((r) => r.role);
}

export async function replaceRoles(db: Db, commitmentId: string, roles: CommitmentRole[]) {
	await db.deleteFrom('commitmentRole').where('commitmentId', '=', commitmentId).execute();
	if (roles.length)
		await db
			.insertInto('commitmentRole')
			.values(roles.map((role) => ({ commitmentId, role })))
			.execute();
}

export async function listFunding(db: Db, commitmentId: string) {
	return db
		.selectFrom('commitmentFunding')
		.select(['size', 'funds', 'source'])
		.where('commitmentId', '=', commitmentId)
		.execute();
}

export async function replaceFunding(
	db: Db,
	commitmentId: string,
	rows: { size: FundingSize; funds: string; source: string }[]
) {
	await db.deleteFrom('commitmentFunding').where('commitmentId', '=', commitmentId).execute();
	if (rows.length)
		await db
			.insertInto('commitmentFunding')
			.values(rows.map((r) => ({ commitmentId, ...r })))
			.execute();
}

/**
 * A member leaves: their private commitments and those shared only with their coach go; what they
 * shared with the network stays (the reads show it without their name, as a former member's).
 * They stop being a co-owner or an action's owner, and the history no longer says what they did,
 * in this network's commitments.
 */
export async function forgetMemberInCommitments(db: Db, networkId: string, userId: string) {
	const ofNetwork = db.selectFrom('commitment').select('id').where('networkId', '=', networkId);
	const sprints = db
		.selectFrom('commitmentSprint')
		.select('id')
		.where('commitmentId', 'in', ofNetwork);
	await db
		.deleteFrom('commitment')
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.where('visibility', 'in', ['private', 'coach'])
		.execute();
	await db
		.deleteFrom('commitmentOwner')
		.where('userId', '=', userId)
		.where('commitmentId', 'in', ofNetwork)
		.execute();
	await db
		.updateTable('commitmentEvent')
		.set({ byUserId: null })
		.where('byUserId', '=', userId)
		.where('commitmentId', 'in', ofNetwork)
		.execute();
	await db
		.updateTable('commitmentAction')
		.set({ ownerId: null })
		.where('ownerId', '=', userId)
		.where('sprintId', 'in', sprints)
		.execute();
	await db
		.updateTable('commitmentCheckin')
		.set({ byUserId: null })
		.where('byUserId', '=', userId)
		.where('sprintId', 'in', sprints)
		.execute();
}

/** The language the owner chose, for documents made of their commitment (Dutch when none). */
export async function findOwnerLocale(db: Db, userId: string) {
	const row = await db
		.selectFrom('user')
		.select('locale')
		.where('id', '=', userId)
		.executeTakeFirst();
	const l = row?.locale;
	return l === 'en' || l === 'fr' ? l : 'nl';
}

// Sprints, actions and check-ins live in plan.repository.ts; reached through here as well.
export * from './plan.repository.ts';
