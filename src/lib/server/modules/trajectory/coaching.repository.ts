import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
	CoachingRelationTable,
	CoachingTalkTable,
	CoachingState,
	Database
} from '../../db/types.ts';

/** Relations that still count: proposed (waiting for the member) or accepted. */
const OPEN: CoachingState[] = ['proposed', 'accepted'];

/** The member's accepted coach in this network, if any. */
export async function findAcceptedCoachId(
	db: Kysely<Database>,
	networkId: string,
	memberId: string
) {
	const row = await db
		.selectFrom('coachingRelation')
		.select('coachId')
		.where('networkId', '=', networkId)
		.where('memberId', '=', memberId)
		.where('state', '=', 'accepted')
		.executeTakeFirst();
	return row?.coachId ?? null;
}

export async function findOpenRelation(db: Kysely<Database>, networkId: string, memberId: string) {
	return db
		.selectFrom('coachingRelation')
		.select(['id', 'coachId', 'state'])
		.where('networkId', '=', networkId)
		.where('memberId', '=', memberId)
		.where('state', 'in', OPEN)
		.executeTakeFirst();
}

/** The member's open relation with the coach's name. */
export async function findOpenRelationOfMember(
	db: Kysely<Database>,
	networkId: string,
	memberId: string
) {
	return db
		.selectFrom('coachingRelation as r')
		.innerJoin('user as u', 'u.id', 'r.coachId')
		.select(['r.id', 'r.state', 'r.proposedAt', 'r.answeredAt', 'u.name as coachName'])
		.where('r.networkId', '=', networkId)
		.where('r.memberId', '=', memberId)
		.where('r.state', 'in', OPEN)
		.executeTakeFirst();
}

export async function findRelationByTokenHash(
	db: Kysely<Database>,
	networkId: string,
	tokenHash: string
) {
	return db
		.selectFrom('coachingRelation as r')
		.innerJoin('user as u', 'u.id', 'r.coachId')
		.select(['r.id', 'r.memberId', 'r.state', 'u.name as coachName'])
		.where('r.networkId', '=', networkId)
		.where('r.tokenHash', '=', tokenHash)
		.executeTakeFirst();
}

export async function findRelation(db: Kysely<Database>, networkId: string, id: string) {
	return db
		.selectFrom('coachingRelation')
		.select(['id', 'memberId', 'state'])
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function updateRelation(
	db: Kysely<Database>,
	id: string,
	values: Updateable<CoachingRelationTable>
) {
	await db.updateTable('coachingRelation').set(values).where('id', '=', id).execute();
}

/** Proposes the relation anew: a declined or ended row of the same two people is reused. */
export async function upsertProposal(db: Kysely<Database>, row: Insertable<CoachingRelationTable>) {
	await db
		.insertInto('coachingRelation')
		.values(row)
		.onConflict((oc) =>
			oc.columns(['networkId', 'memberId', 'coachId']).doUpdateSet({
				state: 'proposed',
				tokenHash: row.tokenHash,
				proposedAt: row.proposedAt,
				answeredAt: null,
				endedAt: null
			})
		)
		.execute();
}

/** Ends the member's accepted relation; false when there was none with this id. */
export async function endAcceptedRelation(
	db: Kysely<Database>,
	rel: { id: string; networkId: string; memberId: string },
	at: string
) {
	const done = await db
		.updateTable('coachingRelation')
		.set({ state: 'ended', endedAt: at, tokenHash: null })
		.where('id', '=', rel.id)
		.where('networkId', '=', rel.networkId)
		.where('memberId', '=', rel.memberId)
		.where('state', '=', 'accepted')
		.executeTakeFirst();
	return Number(done.numUpdatedRows) > 0;
}

export async function endOpenRelationsOfCoach(
	db: Kysely<Database>,
	networkId: string,
	coachId: string,
	at: string
) {
	await db
		.updateTable('coachingRelation')
		.set({ state: 'ended', endedAt: at, tokenHash: null })
		.where('networkId', '=', networkId)
		.where('coachId', '=', coachId)
		.where('state', 'in', OPEN)
		.execute();
}

/** The members this coach coaches or proposed to coach, who are still active members. */
export async function listCoachedMembers(db: Kysely<Database>, networkId: string, coachId: string) {
	return db
		.selectFrom('coachingRelation as c')
		.innerJoin('user as u', 'u.id', 'c.memberId')
		.innerJoin('membership as ms', (j) =>
			j.onRef('ms.userId', '=', 'c.memberId').onRef('ms.networkId', '=', 'c.networkId')
		)
		.select(['u.id', 'u.name', 'c.state', 'c.proposedAt'])
		.where('c.networkId', '=', networkId)
		.where('c.coachId', '=', coachId)
		.where('c.state', 'in', OPEN)
		.where('ms.status', '=', 'active')
		.orderBy('u.name')
		.execute();
}

/** Active members other than `exceptUserId`, with their open coach if they have one. */
export async function listCoachableMembers(
	db: Kysely<Database>,
	networkId: string,
	exceptUserId: string
) {
	return db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.leftJoin('coachingRelation as c', (j) =>
			j
				.onRef('c.memberId', '=', 'ms.userId')
				.onRef('c.networkId', '=', 'ms.networkId')
				.on('c.state', 'in', OPEN)
		)
		.leftJoin('user as cu', 'cu.id', 'c.coachId')
		.select(['u.id', 'u.name', 'c.coachId', 'cu.name as coachName'])
		.where('ms.networkId', '=', networkId)
		.where('ms.status', '=', 'active')
		.where('ms.userId', '!=', exceptUserId)
		.orderBy('u.name')
		.execute();
}

export async function insertTalk(db: Kysely<Database>, row: Insertable<CoachingTalkTable>) {
	await db.insertInto('coachingTalk').values(row).execute();
}

export async function updateTalk(
	db: Kysely<Database>,
	id: string,
	values: Updateable<CoachingTalkTable>
) {
	await db.updateTable('coachingTalk').set(values).where('id', '=', id).execute();
}

/** A talk of the network with the names of its two people. */
export async function findTalkWithNames(db: Kysely<Database>, networkId: string, talkId: string) {
	return db
		.selectFrom('coachingTalk as t')
		.innerJoin('user as mu', 'mu.id', 't.memberId')
		.innerJoin('user as cu', 'cu.id', 't.coachId')
		.selectAll('t')
		.select(['mu.name as memberName', 'cu.name as coachName'])
		.where('t.id', '=', talkId)
		.where('t.networkId', '=', networkId)
		.executeTakeFirst();
}

/** These talks of the network, with the names of their two people, newest first. */
export async function listTalksByIds(db: Kysely<Database>, networkId: string, talkIds: string[]) {
	if (talkIds.length === 0) return [];
	return db
		.selectFrom('coachingTalk as t')
		.innerJoin('user as mu', 'mu.id', 't.memberId')
		.innerJoin('user as cu', 'cu.id', 't.coachId')
		.select([
			't.id',
			't.networkId',
			't.startsAt',
			't.status',
			't.memberId',
			't.coachId',
			'mu.name as memberName',
			'cu.name as coachName'
		])
		.where('t.networkId', '=', networkId)
		.where('t.id', 'in', talkIds)
		.orderBy('t.startsAt', 'desc')
		.execute();
}

/** The talks this person is in, as coach or as member, newest first. */
export async function listTalksOfPerson(db: Kysely<Database>, networkId: string, userId: string) {
	return db
		.selectFrom('coachingTalk as t')
		.innerJoin('user as mu', 'mu.id', 't.memberId')
		.innerJoin('user as cu', 'cu.id', 't.coachId')
		.select([
			't.id',
			't.startsAt',
			't.status',
			't.memberId',
			't.coachId',
			'mu.name as memberName',
			'cu.name as coachName'
		])
		.where('t.networkId', '=', networkId)
		.where((eb) => eb.or([eb('t.memberId', '=', userId), eb('t.coachId', '=', userId)]))
		.orderBy('t.startsAt', 'desc')
		.limit(200)
		.execute();
}

/** The talks of one coach with one member that were not called off, soonest first. */
export async function listTalksOfPair(
	db: Kysely<Database>,
	networkId: string,
	pair: { memberId: string; coachId: string }
) {
	return db
		.selectFrom('coachingTalk')
		.select(['id', 'startsAt', 'status'])
		.where('networkId', '=', networkId)
		.where('memberId', '=', pair.memberId)
		.where('coachId', '=', pair.coachId)
		.where('status', '!=', 'cancelled')
		.orderBy('startsAt')
		.execute();
}

/** Every talk of a member, with whichever coach. */
export async function listTalksOfMember(db: Kysely<Database>, networkId: string, memberId: string) {
	return db
		.selectFrom('coachingTalk')
		.select(['id', 'startsAt', 'status'])
		.where('networkId', '=', networkId)
		.where('memberId', '=', memberId)
		.execute();
}

export async function listAgendaItems(db: Kysely<Database>, talkId: string) {
	return db
		.selectFrom('coachingAgendaItem as a')
		.leftJoin('user as u', 'u.id', 'a.authorId')
		.select(['a.id', 'a.text', 'a.createdAt', 'a.authorId', 'u.name as authorName'])
		.where('a.talkId', '=', talkId)
		.orderBy('a.createdAt')
		.execute();
}

export async function insertAgendaItem(
	db: Kysely<Database>,
	row: { id: string; talkId: string; authorId: string; text: string; createdAt: string }
) {
	await db.insertInto('coachingAgendaItem').values(row).execute();
}

/** The coach's own note on a talk: only ever read for that coach. */
export async function findCoachNote(db: Kysely<Database>, talkId: string, coachId: string) {
	return db
		.selectFrom('coachNote')
		.select(['text', 'updatedAt'])
		.where('talkId', '=', talkId)
		.where('coachId', '=', coachId)
		.executeTakeFirst();
}

export async function upsertCoachNote(
	db: Kysely<Database>,
	note: { talkId: string; coachId: string; text: string; updatedAt: string }
) {
	await db
		.insertInto('coachNote')
		.values(note)
		.onConflict((oc) =>
			oc.column('talkId').doUpdateSet({ text: note.text, updatedAt: note.updatedAt })
		)
		.execute();
}
