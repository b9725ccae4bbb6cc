import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

export async function findAnswerByClientId(db: Db, clientId: string) {
	return db
		.selectFrom('answer')
		.select(['id', 'stepId'])
		.where('clientId', '=', clientId)
		.executeTakeFirst();
}

export interface NewAnswer {
	id: string;
	stepId: string;
	groupId: string | null;
	questionIndex: number;
	/** Null in an anonymous step. */
	participantId: string | null;
	clientId: string;
	text: string;
	createdAt: string;
}

/** Writes an answer line unless its client id was seen before; then answers the earlier one. */
export async function insertAnswerOnce(
	db: Db,
	row: NewAnswer
): Promise<{ inserted: true } | { inserted: false; duplicate: { id: string; stepId: string } }> {
	return db.transaction().execute(async (trx) => {
		const replay = await findAnswerByClientId(trx, row.clientId);
		if (replay) return { inserted: false, duplicate: replay };
		await trx.insertInto('answer').values(row).execute();
		return { inserted: true };
	});
}

export async function deleteOwnAnswer(
	db: Db,
	stepId: string,
	participantId: string,
	answerId: string
) {
	const res = await db
		.deleteFrom('answer')
		.where('id', '=', answerId)
		.where('stepId', '=', stepId)
		.where('participantId', '=', participantId)
		.executeTakeFirst();
	return Number(res.numDeletedRows) === 1;
}

/** Visible answers of a step, oldest first; for one group when `groupId` is given. */
export async function listVisibleAnswers(
	db: Db,
	sessionId: string,
	stepId: string,
	groupId?: string | null
) {
	let q = db
		.selectFrom('answer as a')
		.innerJoin('agendaStep as s', 's.id', 'a.stepId')
		.select(['a.id', 'a.groupId', 'a.questionIndex', 'a.participantId', 'a.text', 'a.createdAt'])
		.where('s.sessionId', '=', sessionId)
		.where('a.stepId', '=', stepId)
		.where('a.isHidden', '=', 0);
	if (groupId !== undefined)
		q = groupId === null ? q.where('a.groupId', 'is', null) : q.where('a.groupId', '=', groupId);
	return q.orderBy('a.createdAt').orderBy('a.id').execute();
}

export async function findAnswerInSession(db: Db, sessionId: string, answerId: string) {
	return db
		.selectFrom('answer as a')
		.innerJoin('agendaStep as s', 's.id', 'a.stepId')
		.select(['a.id', 'a.stepId', 'a.isHidden'])
		.where('s.sessionId', '=', sessionId)
		.where('a.id', '=', answerId)
		.executeTakeFirst();
}

export async function setAnswerHidden(db: Db, answerId: string, hidden: boolean) {
	await db
		.updateTable('answer')
		.set({ isHidden: hidden ? 1 : 0 })
		.where('id', '=', answerId)
		.execute();
}

export async function hasAnswers(db: Db, stepId: string) {
	const row = await db
		.selectFrom('answer')
		.select('id')
		.where('stepId', '=', stepId)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}

/** Whether the participant wrote in a group of the step. */
export async function hasWrittenInGroup(
	db: Db,
	stepId: string,
	groupId: string,
	participantId: string
) {
	const row = await db
		.selectFrom('answer')
		.select('id')
		.where('stepId', '=', stepId)
		.where('groupId', '=', groupId)
		.where('participantId', '=', participantId)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}
