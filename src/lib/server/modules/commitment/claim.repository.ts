import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CommitmentClaimTable, Database } from '../../db/types.ts';

export async function insertClaim(db: Kysely<Database>, row: Insertable<CommitmentClaimTable>) {
	await db.insertInto('commitmentClaim').values(row).execute();
}

export async function updateClaim(
	db: Kysely<Database>,
	id: string,
	values: Updateable<CommitmentClaimTable>
) {
	await db.updateTable('commitmentClaim').set(values).where('id', '=', id).execute();
}

/** Moves a claim on only from the state it was read in: a double tap changes it once. */
export async function moveClaim(
	db: Kysely<Database>,
	id: string,
	from: CommitmentClaimTable['state'][],
	values: Updateable<CommitmentClaimTable>
) {
	const r = await db
		.updateTable('commitmentClaim')
		.set(values)
		.where('id', '=', id)
		.where('state', 'in', from)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function findClaimOfParticipant(db: Kysely<Database>, participantId: string) {
	return db
		.selectFrom('commitmentClaim')
		.selectAll()
		.where('participantId', '=', participantId)
		.executeTakeFirst();
}

export async function findClaimByLinkHash(db: Kysely<Database>, linkHash: string) {
	return db
		.selectFrom('commitmentClaim')
		.selectAll()
		.where('linkHash', '=', linkHash)
		.executeTakeFirst();
}

export async function listWaitingClaims(db: Kysely<Database>, userId: string, networkId: string) {
	return db
		.selectFrom('commitmentClaim')
		.selectAll()
		.where('userId', '=', userId)
		.where('networkId', '=', networkId)
		.where('state', '=', 'waiting')
		.orderBy('createdAt')
		.execute();
}

export async function deleteWaitingClaims(db: Kysely<Database>, userId: string, networkId: string) {
	await db
		.deleteFrom('commitmentClaim')
		.where('userId', '=', userId)
		.where('networkId', '=', networkId)
		.where('state', '=', 'waiting')
		.execute();
}

/** Claims nobody confirmed in time: what was written goes, with nothing left of it. */
export async function deleteExpiredClaims(db: Kysely<Database>, nowIso: string) {
	const r = await db
		.deleteFrom('commitmentClaim')
		.where('state', 'in', ['draft', 'sent'])
		.where('expiresAt', '<', nowIso)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

/** The session a claim belongs to, with its network. */
export async function findClaimSession(db: Kysely<Database>, sessionId: string) {
	return db
		.selectFrom('networkSession as s')
		.innerJoin('network as n', 'n.id', 's.networkId')
		.select([
			's.id',
			's.title',
			's.status',
			's.networkId',
			'n.name as networkName',
			'n.language',
			'n.purpose',
			'n.houseRules'
		])
		.where('s.id', '=', sessionId)
		.executeTakeFirst();
}
