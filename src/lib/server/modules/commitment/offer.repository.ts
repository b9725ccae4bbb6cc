import type { Kysely } from 'kysely';
import type { Database, OfferState } from '../../db/types.ts';

type Db = Kysely<Database>;

/** Writes an offer, or changes the note of the one this person made before (asked again). */
export async function upsertOffer(
	db: Db,
	row: { id: string; commitmentId: string; userId: string; note: string; createdAt: string }
) {
	await db
		.insertInto('commitmentOffer')
		.values({ ...row, state: 'offered', answeredAt: null })
		.onConflict((oc) =>
			oc.columns(['commitmentId', 'userId']).doUpdateSet({
				note: row.note,
				state: 'offered',
				createdAt: row.createdAt,
				answeredAt: null
			})
		)
		.execute();
	return db
		.selectFrom('commitmentOffer')
		.select(['id'])
		.where('commitmentId', '=', row.commitmentId)
		.where('userId', '=', row.userId)
		.executeTakeFirstOrThrow();
}

export async function findOffer(db: Db, commitmentId: string, offerId: string) {
	return db
		.selectFrom('commitmentOffer')
		.selectAll()
		.where('commitmentId', '=', commitmentId)
		.where('id', '=', offerId)
		.executeTakeFirst();
}

export async function answerOfferRow(db: Db, offerId: string, state: OfferState, at: string) {
	await db
		.updateTable('commitmentOffer')
		.set({ state, answeredAt: at })
		.where('id', '=', offerId)
		.execute();
}

/** The offers on commitments, with the helper's name (and address, for the owners once accepted). */
export async function listOffers(db: Db, commitmentIds: string[]) {
	if (commitmentIds.length === 0) return [];
	return db
		.selectFrom('commitmentOffer as o')
		.innerJoin('user as u', 'u.id', 'o.userId')
		.select([
			'o.id',
			'o.commitmentId',
			'o.userId',
			'o.note',
			'o.state',
			'o.createdAt',
			'o.answeredAt',
			'u.name',
			'u.email'
		])
		.where('o.commitmentId', 'in', commitmentIds)
		.orderBy('o.createdAt')
		.execute();
}

export async function listPeople(db: Db, userIds: string[]) {
	if (userIds.length === 0) return [];
	return db
		.selectFrom('user')
		.select(['id', 'name', 'email', 'locale'])
		.where('id', 'in', userIds)
		.execute();
}
