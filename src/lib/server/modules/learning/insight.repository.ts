import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
	Database,
	LearningCollectionTable,
	LearningInsightRevisionTable,
	LearningInsightTable,
	LearningThanksTable
} from '../../db/types.ts';

type Db = Kysely<Database>;

/** Curated insights with their sources and history, headings, collections and thanks. */

export async function listInsights(db: Db, questionIds: string[]) {
	if (!questionIds.length) return [];
	return db
		.selectFrom('learningInsight')
		.selectAll()
		.where('questionId', 'in', questionIds)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

/** An insight of one of the network's questions. */
export async function findInsight(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('learningInsight as i')
		.innerJoin('learningQuestion as q', 'q.id', 'i.questionId')
		.selectAll('i')
		.where('q.networkId', '=', networkId)
		.where('i.id', '=', id)
		.executeTakeFirst();
}

export async function insertInsight(db: Db, row: Insertable<LearningInsightTable>) {
	await db.insertInto('learningInsight').values(row).execute();
}

export async function updateInsight(db: Db, id: string, set: Updateable<LearningInsightTable>) {
	await db.updateTable('learningInsight').set(set).where('id', '=', id).execute();
}

export async function deleteInsight(db: Db, id: string) {
	await db.deleteFrom('learningInsight').where('id', '=', id).execute();
}

export async function nextInsightPosition(db: Db, questionId: string) {
	const row = await db
		.selectFrom('learningInsight')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('questionId', '=', questionId)
		.executeTakeFirst();
	return row?.max == null ? 0 : Number(row.max) + 1;
}

export async function insertRevision(db: Db, row: Insertable<LearningInsightRevisionTable>) {
	await db.insertInto('learningInsightRevision').values(row).execute();
}

/** Every wording the insights had, oldest first, with who changed it. */
export async function listRevisions(db: Db, insightIds: string[]) {
	if (!insightIds.length) return [];
	return db
		.selectFrom('learningInsightRevision as r')
		.leftJoin('user as u', 'u.id', 'r.editedBy')
		.select(['r.id', 'r.insightId', 'r.text', 'r.change', 'r.editedAt', 'u.name as editorName'])
		.where('r.insightId', 'in', insightIds)
		.orderBy('r.editedAt')
		.orderBy('r.id')
		.execute();
}

export async function linkTips(db: Db, insightId: string, tipIds: string[]) {
	if (tipIds.length)
		await db
			.insertInto('learningInsightTip')
			.values(tipIds.map((tipId) => ({ tipId, insightId })))
			.execute();
}

/** Moves every source of one insight to another (a merge). */
export async function moveSources(db: Db, fromId: string, toId: string) {
	await db
		.updateTable('learningInsightTip')
		.set({ insightId: toId })
		.where('insightId', '=', fromId)
		.execute();
	await db
		.updateTable('learningInsightRevision')
		.set({ insightId: toId })
		.where('insightId', '=', fromId)
		.execute();
}

export async function listSources(db: Db, insightIds: string[]) {
	if (!insightIds.length) return [];
	return db
		.selectFrom('learningInsightTip')
		.select(['tipId', 'insightId'])
		.where('insightId', 'in', insightIds)
		.execute();
}

export async function insertSection(
	db: Db,
	row: { id: string; questionId: string; title: string; position: number }
) {
	await db.insertInto('learningSection').values(row).execute();
}

export async function listSections(db: Db, questionIds: string[]) {
	if (!questionIds.length) return [];
	return db
		.selectFrom('learningSection')
		.selectAll()
		.where('questionId', 'in', questionIds)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export async function deleteSection(db: Db, questionId: string, id: string) {
	await db
		.deleteFrom('learningSection')
		.where('questionId', '=', questionId)
		.where('id', '=', id)
		.execute();
}

export async function insertCollection(db: Db, row: Insertable<LearningCollectionTable>) {
	await db.insertInto('learningCollection').values(row).execute();
}

export async function findCollection(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('learningCollection')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** A collection by id alone, for the public page (which checks that it is public). */
export async function findCollectionById(db: Db, id: string) {
	return db.selectFrom('learningCollection').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCollections(db: Db, networkId: string) {
	return db
		.selectFrom('learningCollection')
		.selectAll()
		.where('networkId', '=', networkId)
		.orderBy('createdAt', 'desc')
		.orderBy('id')
		.execute();
}

export async function updateCollection(
	db: Db,
	id: string,
	set: Updateable<LearningCollectionTable>
) {
	await db.updateTable('learningCollection').set(set).where('id', '=', id).execute();
}

/** The collection holds exactly these of the network's questions, in this order. */
export async function setCollectionQuestions(
	db: Db,
	networkId: string,
	collectionId: string,
	questionIds: string[]
) {
	await db
		.updateTable('learningQuestion')
		.set({ collectionId: null })
		.where('networkId', '=', networkId)
		.where('collectionId', '=', collectionId)
		.execute();
	for (const [position, id] of questionIds.entries())
		await db
			.updateTable('learningQuestion')
			.set({ collectionId, position })
			.where('networkId', '=', networkId)
			.where('id', '=', id)
			.execute();
}

export async function insertThanks(db: Db, row: Insertable<LearningThanksTable>) {
	await db.insertInto('learningThanks').values(row).execute();
}

export async function listThanks(db: Db, networkId: string) {
	return db
		.selectFrom('learningThanks as t')
		.innerJoin('user as u', 'u.id', 't.userId')
		.select(['t.id', 't.userId', 't.note', 't.onDay', 'u.name'])
		.where('t.networkId', '=', networkId)
		.orderBy('t.onDay', 'desc')
		.orderBy('t.id')
		.execute();
}
