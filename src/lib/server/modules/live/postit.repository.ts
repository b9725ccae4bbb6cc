import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

export async function findPostitByClientId(db: Db, clientId: string) {
	return db
		.selectFrom('postit')
		.select(['id', 'stepId'])
		.where('clientId', '=', clientId)
		.executeTakeFirst();
}

export interface NewPostit {
	id: string;
	stepId: string;
	/** Null in an anonymous round: then only `authorSecretHash` lets the writer edit it. */
	participantId: string | null;
	authorSecretHash: string | null;
	clientId: string;
	text: string;
	createdAt: string;
}

/**
 * Writes a post-it in one of the writer's places. A place is taken by inserting its key (UNIQUE
 * per round), so concurrent posts by one person cannot both take the last one; nothing about the
 * person is written or locked. A client id seen before writes nothing and answers the earlier
 * post-it.
 */
export async function insertPostitInPlace(
	db: Db,
	row: NewPostit,
	slotKeys: string[]
): Promise<
	| { inserted: true }
	| { inserted: false; duplicate: { id: string; stepId: string } }
	| { inserted: false; full: true }
> {
	return db.transaction().execute(async (trx) => {
		const existing = await findPostitByClientId(trx, row.clientId);
		if (existing) return { inserted: false, duplicate: existing };
		if (!(await takeSlot(trx, row.stepId, slotKeys))) return { inserted: false, full: true };
		await trx
			.insertInto('postit')
			.values({ ...row, updatedAt: row.createdAt })
			.execute();
		return { inserted: true };
	});
}

async function takeSlot(trx: Db, stepId: string, keys: string[]) {
	const taken = new Set(
		(
			await trx
				.selectFrom('postitSlot')
				.select('slotKey')
				.where('stepId', '=', stepId)
				.where('slotKey', 'in', [...keys, ''])
				.execute()
		).map((r) => r.slotKey)
	);
	for (const slotKey of keys) {
		if (taken.has(slotKey)) continue;
		// A concurrent post by the same phone may take this place first: then try the next one.
		const res = await trx
			.insertInto('postitSlot')
			.values({ stepId, slotKey })
			.onConflict((oc) => oc.columns(['stepId', 'slotKey']).doNothing())
			.executeTakeFirst();
		if (Number(res.numInsertedOrUpdatedRows) === 1) return true;
	}
	return false;
}

/** Removes a post-it and gives one of the writer's places back (which one does not matter). */
export async function deletePostitAndPlace(
	db: Db,
	stepId: string,
	postitId: string,
	slotKeys: string[]
) {
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('postit').where('id', '=', postitId).execute();
		const taken = await trx
			.selectFrom('postitSlot')
			.select('slotKey')
			.where('stepId', '=', stepId)
			.where('slotKey', 'in', slotKeys)
			.execute();
		const last = slotKeys.filter((k) => taken.some((t) => t.slotKey === k)).at(-1);
		if (last)
			await trx
				.deleteFrom('postitSlot')
				.where('stepId', '=', stepId)
				.where('slotKey', '=', last)
				.execute();
	});
}

export async function countTakenPlaces(db: Db, stepId: string, slotKeys: string[]) {
	const used = await db
		.selectFrom('postitSlot')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('stepId', '=', stepId)
		.where('slotKey', 'in', slotKeys)
		.executeTakeFirstOrThrow();
	return Number(used.n);
}

/** Post-its of a round among the given ids, with the hash that proves who may edit them. */
export async function listPostitsByIds(db: Db, stepId: string, ids: string[]) {
	return db
		.selectFrom('postit')
		.select(['id', 'text', 'authorSecretHash', 'createdAt'])
		.where('stepId', '=', stepId)
		.where('id', 'in', [...ids, ''])
		.orderBy('createdAt')
		.execute();
}

export async function listPostitsOfParticipant(db: Db, stepId: string, participantId: string) {
	return db
		.selectFrom('postit')
		.select(['id', 'text'])
		.where('stepId', '=', stepId)
		.where('participantId', '=', participantId)
		.orderBy('createdAt')
		.execute();
}

export async function findPostitInStep(db: Db, stepId: string, postitId: string) {
	return db
		.selectFrom('postit')
		.selectAll()
		.where('id', '=', postitId)
		.where('stepId', '=', stepId)
		.executeTakeFirst();
}

export async function setPostitText(db: Db, postitId: string, text: string, updatedAt: string) {
	await db.updateTable('postit').set({ text, updatedAt }).where('id', '=', postitId).execute();
}

/** Others' dots or merged post-its hang on it. */
export async function isPostitInUse(db: Db, postitId: string) {
	const attached = await db
		.selectFrom('dot')
		.select('id')
		.where('postitId', '=', postitId)
		.union(db.selectFrom('postit').select('id').where('mergedIntoId', '=', postitId))
		.limit(1)
		.executeTakeFirst();
	return !!attached;
}

/** Every post-it of a round, hidden and merged ones included, oldest first. */
export async function listPostitsOfRound(db: Db, sessionId: string, stepId: string) {
	return db
		.selectFrom('postit as pi')
		.innerJoin('agendaStep as s', 's.id', 'pi.stepId')
		.select(['pi.id', 'pi.text', 'pi.cluster', 'pi.isHidden', 'pi.mergedIntoId', 'pi.createdAt'])
		.where('s.sessionId', '=', sessionId)
		.where('pi.stepId', '=', stepId)
		.orderBy('pi.createdAt')
		.orderBy('pi.id')
		.execute();
}

/** The visible post-its of a round, for the tally. */
export async function listVisiblePostits(db: Db, stepId: string) {
	return db
		.selectFrom('postit')
		.select(['id', 'text', 'cluster', 'createdAt'])
		.where('stepId', '=', stepId)
		.where('isHidden', '=', 0)
		.execute();
}

/** Visible post-its of the session among the given ids. */
export async function listVisiblePostitsOfSession(db: Db, sessionId: string, ids: string[]) {
	if (!ids.length) return [];
	return db
		.selectFrom('postit as pi')
		.innerJoin('agendaStep as s', 's.id', 'pi.stepId')
		.select(['pi.id', 'pi.text'])
		.where('s.sessionId', '=', sessionId)
		.where('pi.isHidden', '=', 0)
		.where('pi.id', 'in', ids)
		.execute();
}

/** Every visible post-it of the session, in agenda order (what a facilitator can pick). */
export async function listPickablePostits(db: Db, sessionId: string) {
	return db
		.selectFrom('postit as pi')
		.innerJoin('agendaStep as s', 's.id', 'pi.stepId')
		.select(['pi.id', 'pi.text'])
		.where('s.sessionId', '=', sessionId)
		.where('pi.isHidden', '=', 0)
		.orderBy('s.position')
		.orderBy('pi.createdAt')
		.limit(200)
		.execute();
}

/** A post-it of one of this session's rounds. */
export async function findPostitInSession(db: Db, sessionId: string, postitId: string) {
	return db
		.selectFrom('postit as pi')
		.innerJoin('agendaStep as s', 's.id', 'pi.stepId')
		.select(['pi.id', 'pi.stepId', 'pi.isHidden', 'pi.mergedIntoId', 'pi.cluster'])
		.where('s.sessionId', '=', sessionId)
		.where('pi.id', '=', postitId)
		.executeTakeFirst();
}

export async function setPostitHidden(
	db: Db,
	postitId: string,
	v: { isHidden: 0 | 1; mergedIntoId: string | null }
) {
	await db.updateTable('postit').set(v).where('id', '=', postitId).execute();
}

/** Merges `sourceId` into `targetId`: what was merged into the source follows it. */
export async function mergePostit(db: Db, sourceId: string, targetId: string, updatedAt: string) {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('postit')
			.set({ mergedIntoId: targetId })
			.where('mergedIntoId', '=', sourceId)
			.execute();
		await trx
			.updateTable('postit')
			.set({ isHidden: 1, mergedIntoId: targetId, updatedAt })
			.where('id', '=', sourceId)
			.execute();
	});
}

export async function setPostitCluster(db: Db, postitId: string, cluster: string | null) {
	await db.updateTable('postit').set({ cluster }).where('id', '=', postitId).execute();
}
