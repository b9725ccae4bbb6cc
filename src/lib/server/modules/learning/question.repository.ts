import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, LearningQuestionTable, LearningTipTable } from '../../db/types.ts';

type Db = Kysely<Database>;

/** Learning questions, the guests asked about them, and their tips. */

export async function insertQuestion(db: Db, row: Insertable<LearningQuestionTable>) {
	await db.insertInto('learningQuestion').values(row).execute();
}

const questionColumns = [
	'q.id',
	'q.networkId',
	'q.themeId',
	'q.wording',
	'q.isSettled',
	'q.sessionId',
	'q.groupId',
	'q.groupTitle',
	'q.collectionId',
	'q.position',
	'q.introduction',
	'q.closing',
	'q.createdAt',
	't.name as themeName'
] as const;

export async function findQuestion(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('learningQuestion as q')
		.innerJoin('learningTheme as t', 't.id', 'q.themeId')
		.select(questionColumns)
		.where('q.networkId', '=', networkId)
		.where('q.id', '=', id)
		.executeTakeFirst();
}

export async function listQuestions(db: Db, networkId: string) {
	return db
		.selectFrom('learningQuestion as q')
		.innerJoin('learningTheme as t', 't.id', 'q.themeId')
		.select(questionColumns)
		.where('q.networkId', '=', networkId)
		.orderBy('q.position')
		.orderBy('q.createdAt')
		.orderBy('q.id')
		.execute();
}

export async function updateQuestion(db: Db, id: string, set: Updateable<LearningQuestionTable>) {
	await db.updateTable('learningQuestion').set(set).where('id', '=', id).execute();
}

/** The question's guests are exactly these memberships. */
export async function replaceGuests(db: Db, questionId: string, membershipIds: string[]) {
	await db.deleteFrom('learningQuestionGuest').where('questionId', '=', questionId).execute();
	if (membershipIds.length)
		await db
			.insertInto('learningQuestionGuest')
			.values(membershipIds.map((membershipId) => ({ questionId, membershipId })))
			.execute();
}

export async function listGuestIds(db: Db, questionId: string) {
	const rows = await db
		.selectFrom('learningQuestionGuest')
		.select('membershipId')
		.where('questionId', '=', questionId)
		.execute();
	return rows.map((r) => r.membershipId);
}

/** The questions a guest is asked to give tips on. */
export async function listQuestionIdsOfGuest(db: Db, membershipId: string) {
	const rows = await db
		.selectFrom('learningQuestionGuest')
		.select('questionId')
		.where('membershipId', '=', membershipId)
		.execute();
	return rows.map((r) => r.questionId);
}

export async function insertTip(db: Db, row: Insertable<LearningTipTable>) {
	await db.insertInto('learningTip').values(row).execute();
}

const tipColumns = [
	'tp.id',
	'tp.questionId',
	'tp.parentId',
	'tp.giverId',
	'tp.giverRole',
	'tp.credit',
	'tp.text',
	'tp.practice',
	'tp.resourceId',
	'tp.sessionId',
	'tp.createdAt',
	'tp.updatedAt',
	'u.name as giverName',
	'r.title as resourceTitle'
] as const;

/** A tip of one of the network's questions. */
export async function findTip(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('learningTip as tp')
		.innerJoin('learningQuestion as q', 'q.id', 'tp.questionId')
		.leftJoin('user as u', 'u.id', 'tp.giverId')
		.leftJoin('resource as r', 'r.id', 'tp.resourceId')
		.select(tipColumns)
		.where('q.networkId', '=', networkId)
		.where('tp.id', '=', id)
		.executeTakeFirst();
}

/** The tips of these questions, oldest first (sub-tips under their tip by `parentId`). */
export async function listTips(db: Db, questionIds: string[]) {
	if (!questionIds.length) return [];
	return db
		.selectFrom('learningTip as tp')
		.leftJoin('user as u', 'u.id', 'tp.giverId')
		.leftJoin('resource as r', 'r.id', 'tp.resourceId')
		.select(tipColumns)
		.where('tp.questionId', 'in', questionIds)
		.orderBy('tp.createdAt')
		.orderBy('tp.id')
		.execute();
}

export async function updateTip(db: Db, id: string, set: Updateable<LearningTipTable>) {
	await db.updateTable('learningTip').set(set).where('id', '=', id).execute();
}

export async function deleteTip(db: Db, id: string) {
	await db.deleteFrom('learningTip').where('id', '=', id).execute();
}

/** A resource of the network's knowledge base, for a tip's link. */
export async function findResourceInNetwork(db: Db, networkId: string, resourceId: string) {
	return db
		.selectFrom('resource')
		.select(['id', 'title'])
		.where('networkId', '=', networkId)
		.where('id', '=', resourceId)
		.executeTakeFirst();
}

/** The network's resources, for a tip's link to the knowledge base. */
export async function listNetworkResources(db: Db, networkId: string) {
	return db
		.selectFrom('resource')
		.select(['id', 'title'])
		.where('networkId', '=', networkId)
		.orderBy('title')
		.limit(300)
		.execute();
}
