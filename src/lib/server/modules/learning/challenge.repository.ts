import type { Insertable, Kysely } from 'kysely';
import type { Database, LearningChallengeTable, LearningThemeTable } from '../../db/types.ts';

type Db = Kysely<Database>;

/** Challenges and the themes they are clustered into. */

export async function insertChallenges(db: Db, rows: Insertable<LearningChallengeTable>[]) {
	if (rows.length) await db.insertInto('learningChallenge').values(rows).execute();
}

/** The post-its already taken over as challenges, of these. */
export async function listTakenPostits(db: Db, postitIds: string[]) {
	if (!postitIds.length) return new Set<string>();
	const rows = await db
		.selectFrom('learningChallenge')
		.select('postitId')
		.where('postitId', 'in', postitIds)
		.execute();
	return new Set(rows.map((r) => r.postitId!));
}

/**
 * A network's challenges with who brought them (never for an anonymous one). Sorted by theme
 * and text, not by when they came in.
 */
export async function listChallenges(db: Db, networkId: string) {
	return db
		.selectFrom('learningChallenge as c')
		.leftJoin('organisation as o', 'o.id', 'c.organisationId')
		.leftJoin('user as u', 'u.id', 'c.authorId')
		.select([
			'c.id',
			'c.text',
			'c.themeId',
			'c.authorId',
			'c.isAnonymous',
			'c.region',
			'c.sessionId',
			'c.postitId',
			'o.name as organisationName',
			'u.name as authorName'
		])
		.where('c.networkId', '=', networkId)
		.orderBy('c.text')
		.orderBy('c.id')
		.execute();
}

export async function findChallenge(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('learningChallenge')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function deleteChallenge(db: Db, id: string) {
	await db.deleteFrom('learningChallenge').where('id', '=', id).execute();
}

/** Puts the network's challenges among `ids` in the theme (null: out of any); how many moved. */
export async function setChallengesTheme(
	db: Db,
	networkId: string,
	ids: string[],
	themeId: string | null
) {
	const r = await db
		.updateTable('learningChallenge')
		.set({ themeId })
		.where('networkId', '=', networkId)
		.where('id', 'in', ids)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function insertTheme(db: Db, row: Insertable<LearningThemeTable>) {
	await db.insertInto('learningTheme').values(row).execute();
}

export async function findTheme(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('learningTheme')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** A theme of this name, of the session (or made on a page: sessionId null). */
export async function findThemeByName(
	db: Db,
	networkId: string,
	sessionId: string | null,
	name: string
) {
	let q = db
		.selectFrom('learningTheme')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('name', '=', name);
	q = sessionId === null ? q.where('sessionId', 'is', null) : q.where('sessionId', '=', sessionId);
	return q.executeTakeFirst();
}

/** A network's themes with how many challenges each holds, chosen first, then by dots. */
export async function listThemes(db: Db, networkId: string) {
	return db
		.selectFrom('learningTheme as t')
		.leftJoin('learningChallenge as c', 'c.themeId', 't.id')
		.select((eb) => [
			't.id',
			't.name',
			't.sessionId',
			't.votes',
			't.isChosen',
			eb.fn.count<number>('c.id').as('challenges')
		])
		.where('t.networkId', '=', networkId)
		.groupBy(['t.id', 't.name', 't.sessionId', 't.votes', 't.isChosen'])
		.orderBy('t.isChosen', 'desc')
		.orderBy((eb) => eb.fn.coalesce('t.votes', eb.lit(-1)), 'desc')
		.orderBy('t.name')
		.execute();
}

export async function setThemeVotes(db: Db, id: string, votes: number | null) {
	await db.updateTable('learningTheme').set({ votes }).where('id', '=', id).execute();
}

/** Of the network's themes from this session (null: made on a page), exactly `chosenIds` are chosen. */
export async function setChosenThemes(
	db: Db,
	networkId: string,
	sessionId: string | null,
	chosenIds: string[]
) {
	let q = db.updateTable('learningTheme').set({ isChosen: 0 }).where('networkId', '=', networkId);
	q = sessionId === null ? q.where('sessionId', 'is', null) : q.where('sessionId', '=', sessionId);
	await q.execute();
	if (chosenIds.length)
		await db
			.updateTable('learningTheme')
			.set({ isChosen: 1 })
			.where('networkId', '=', networkId)
			.where('id', 'in', chosenIds)
			.execute();
}

export async function renameTheme(db: Db, id: string, name: string) {
	await db.updateTable('learningTheme').set({ name }).where('id', '=', id).execute();
}

/** Where the network's members come from: their organisation and its region, by account. */
export async function listMemberOrigins(db: Db, networkId: string, userIds: string[]) {
	if (!userIds.length) return new Map<string, { organisationId: string | null; region: string }>();
	const rows = await db
		.selectFrom('membership as m')
		.leftJoin('organisation as o', 'o.id', 'm.organisationId')
		.select(['m.userId', 'm.organisationId', 'o.region'])
		.where('m.networkId', '=', networkId)
		.where('m.userId', 'in', userIds)
		.execute();
	return new Map(
		rows.map((r) => [r.userId, { organisationId: r.organisationId, region: r.region ?? '' }])
	);
}

export async function findOrganisationInNetwork(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('organisation')
		.select(['id', 'name', 'region'])
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}
