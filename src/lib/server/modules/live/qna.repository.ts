import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

export interface NewQuestion {
	id: string;
	stepId: string;
	/** Null in an anonymous step. */
	participantId: string | null;
	clientId: string;
	text: string;
	createdAt: string;
}

/** Writes a question unless its client id was seen before; then answers the earlier one. */
export async function insertQuestionOnce(db: Db, row: NewQuestion) {
	return db.transaction().execute(async (trx) => {
		const replay = await trx
			.selectFrom('qnaQuestion')
			.select(['id', 'stepId'])
			.where('clientId', '=', row.clientId)
			.executeTakeFirst();
		if (replay) return { inserted: false as const, duplicate: replay };
		await trx.insertInto('qnaQuestion').values(row).execute();
		return { inserted: true as const };
	});
}

export async function findQuestionByClientId(db: Db, clientId: string) {
	return db
		.selectFrom('qnaQuestion')
		.select(['id', 'stepId'])
		.where('clientId', '=', clientId)
		.executeTakeFirst();
}

/** A question of one of this session's steps. */
export async function findQuestionInSession(db: Db, sessionId: string, questionId: string) {
	return db
		.selectFrom('qnaQuestion')
		.innerJoin('agendaStep', 'agendaStep.id', 'qnaQuestion.stepId')
		.select([
			'qnaQuestion.id',
			'qnaQuestion.stepId',
			'qnaQuestion.isHidden',
			'qnaQuestion.isAnswered',
			'qnaQuestion.participantId'
		])
		.where('agendaStep.sessionId', '=', sessionId)
		.where('qnaQuestion.id', '=', questionId)
		.executeTakeFirst();
}

/**
 * The questions of a step with their upvotes: the most wanted first, answered ones after the
 * open ones. Hidden ones only when asked (the console's moderation list).
 */
export async function listQuestions(db: Db, stepId: string, opts: { hidden?: boolean } = {}) {
	const rows = await db
		.selectFrom('qnaQuestion')
		.leftJoin('qnaVote', 'qnaVote.questionId', 'qnaQuestion.id')
		.select((eb) => [
			'qnaQuestion.id',
			'qnaQuestion.text',
			'qnaQuestion.participantId',
			'qnaQuestion.isAnswered',
			'qnaQuestion.isHidden',
			'qnaQuestion.createdAt',
			eb.fn.count<number>('qnaVote.voterKey').as('votes')
		])
		.where('qnaQuestion.stepId', '=', stepId)
		.where('qnaQuestion.isHidden', '=', opts.hidden ? 1 : 0)
		.groupBy([
			'qnaQuestion.id',
			'qnaQuestion.text',
			'qnaQuestion.participantId',
			'qnaQuestion.isAnswered',
			'qnaQuestion.isHidden',
			'qnaQuestion.createdAt'
		])
		.execute();
	return rows
		.map((r) => ({ ...r, votes: Number(r.votes) }))
		.sort(
			(a, b) =>
				a.isAnswered - b.isAnswered ||
				b.votes - a.votes ||
				a.createdAt.localeCompare(b.createdAt) ||
				a.id.localeCompare(b.id)
		);
}

export async function setQuestionFlags(
	db: Db,
	questionId: string,
	flags: { isHidden?: number; isAnswered?: number }
) {
	await db.updateTable('qnaQuestion').set(flags).where('id', '=', questionId).execute();
}

/** Gives the upvote under this key (once) or takes it back. */
export async function setUpvote(db: Db, questionId: string, voterKey: string, up: boolean) {
	if (up)
		await db
			.insertInto('qnaVote')
			.values({ questionId, voterKey })
			.onConflict((oc) => oc.columns(['questionId', 'voterKey']).doNothing())
			.execute();
	else
		await db
			.deleteFrom('qnaVote')
			.where('questionId', '=', questionId)
			.where('voterKey', '=', voterKey)
			.execute();
}

/** Which of these (question, key) pairs hold an upvote. */
export async function upvotedOf(db: Db, pairs: { questionId: string; voterKey: string }[]) {
	if (!pairs.length) return new Set<string>();
	const rows = await db
		.selectFrom('qnaVote')
		.select('questionId')
		.where(
			'voterKey',
			'in',
			pairs.map((p) => p.voterKey)
		)
		.execute();
	return new Set(rows.map((r) => r.questionId));
}

/** Sets the poll choice under this key: one row per phone and step, changed by a new choice. */
export async function setPollChoice(db: Db, stepId: string, voterKey: string, choice: number) {
	await db
		.insertInto('pollVote')
		.values({ stepId, voterKey, choice })
		.onConflict((oc) => oc.columns(['stepId', 'voterKey']).doUpdateSet({ choice }))
		.execute();
}

export async function findPollChoice(db: Db, stepId: string, voterKey: string) {
	const row = await db
		.selectFrom('pollVote')
		.select('choice')
		.where('stepId', '=', stepId)
		.where('voterKey', '=', voterKey)
		.executeTakeFirst();
	return row?.choice ?? null;
}

export async function pollCounts(db: Db, stepId: string) {
	const rows = await db
		.selectFrom('pollVote')
		.select((eb) => ['choice', eb.fn.countAll<number>().as('count')])
		.where('stepId', '=', stepId)
		.groupBy('choice')
		.execute();
	return new Map(rows.map((r) => [r.choice, Number(r.count)]));
}
