import type { Kysely } from 'kysely';
import type { CheckinOutcome, Database } from '../../db/types.ts';

/**
 * The commitment check-in: reports on open commitments, and the open commitments of the people
 * in the room. It reads the commitment tables (as other live queries read the agenda), and writes
 * only its own reports: a report never changes a commitment.
 */
type Db = Kysely<Database>;

export const OPEN_STATES = ['proposed', 'active', 'paused'] as const;

/** The person behind a phone (null without an account) and the session's network and start. */
export async function findParticipantContext(db: Db, participantId: string) {
	return db
		.selectFrom('participant as p')
		.innerJoin('networkSession as s', 's.id', 'p.sessionId')
		.select(['p.userId', 's.id as sessionId', 's.networkId', 's.startsAt', 's.joinCode'])
		.where('p.id', '=', participantId)
		.executeTakeFirst();
}

export async function findSessionFacts(db: Db, sessionId: string) {
	return db
		.selectFrom('networkSession')
		.select(['id', 'networkId', 'startsAt'])
		.where('id', '=', sessionId)
		.executeTakeFirst();
}

/**
 * Commitments still open in the network that these people keep (as owner or co-owner), made
 * before this session: not born in it, and before the day it starts when it has a date.
 */
export async function listOpenCommitmentsOf(
	db: Db,
	f: { networkId: string; sessionId: string; startsAt: string | null; userIds: string[] }
) {
	if (!f.userIds.length) return [];
	let q = db
		.selectFrom('commitment as c')
		.select(['c.id', 'c.title', 'c.userId', 'c.createdAt'])
		.where('c.networkId', '=', f.networkId)
		.where('c.state', 'in', OPEN_STATES)
		.where((eb) => eb.or([eb('c.sessionId', 'is', null), eb('c.sessionId', '!=', f.sessionId)]))
		.where((eb) =>
			eb.or([
				eb('c.userId', 'in', f.userIds),
				eb(
					'c.id',
					'in',
					eb.selectFrom('commitmentOwner').select('commitmentId').where('userId', 'in', f.userIds)
				)
			])
		);
	// The start is a wall-clock time without a zone, `createdAt` a UTC instant: compare by day.
	if (f.startsAt) q = q.where('c.createdAt', '<', f.startsAt.slice(0, 10));
	return q.orderBy('c.createdAt').orderBy('c.id').execute();
}

/** The co-owners of some commitments, to tell whose each one is. */
export async function listCoOwners(db: Db, commitmentIds: string[]) {
	if (!commitmentIds.length) return [];
	return db
		.selectFrom('commitmentOwner')
		.select(['commitmentId', 'userId'])
		.where('commitmentId', 'in', commitmentIds)
		.execute();
}

/** The distinct accounts behind the phones in a session. */
export async function listSignedInUsers(db: Db, sessionId: string) {
	const rows = await db
		.selectFrom('participant')
		.select('userId')
		.distinct()
		.where('sessionId', '=', sessionId)
		.where('userId', 'is not', null)
		.execute();
	return rows.map((r) => r.userId!);
}

export async function findReportByClientId(db: Db, clientId: string) {
	return db
		.selectFrom('commitmentReport')
		.select(['id', 'stepId', 'participantId', 'commitmentId', 'outcome', 'line', 'showLine'])
		.where('clientId', '=', clientId)
		.executeTakeFirst();
}

export interface ReportValues {
	stepId: string;
	commitmentId: string;
	participantId: string;
	outcome: CheckinOutcome;
	line: string;
	showLine: number;
	clientId: string;
	at: string;
}

/**
 * Writes the participant's report on a commitment in a step, or changes the one they made: one
 * row per (step, commitment, participant). Returns whether anything changed.
 */
export async function upsertReport(
	db: Db,
	id: string,
	v: ReportValues
): Promise<{ id: string; changed: boolean }> {
	return db.transaction().execute(async (trx) => {
		const earlier = await trx
			.selectFrom('commitmentReport')
			.select(['id', 'outcome', 'line', 'showLine'])
			.where('stepId', '=', v.stepId)
			.where('commitmentId', '=', v.commitmentId)
			.where('participantId', '=', v.participantId)
			.executeTakeFirst();
		if (!earlier) {
			await trx
				.insertInto('commitmentReport')
				.values({
					id,
					stepId: v.stepId,
					commitmentId: v.commitmentId,
					participantId: v.participantId,
					outcome: v.outcome,
					line: v.line,
					showLine: v.showLine,
					clientId: v.clientId,
					createdAt: v.at,
					updatedAt: v.at
				})
				.execute();
			return { id, changed: true };
		}
		const same =
			earlier.outcome === v.outcome && earlier.line === v.line && earlier.showLine === v.showLine;
		if (same) return { id: earlier.id, changed: false };
		await trx
			.updateTable('commitmentReport')
			.set({
				outcome: v.outcome,
				line: v.line,
				showLine: v.showLine,
				clientId: v.clientId,
				updatedAt: v.at
			})
			.where('id', '=', earlier.id)
			.execute();
		return { id: earlier.id, changed: true };
	});
}

/** Every report of a step, oldest first (the lines in the order they came). */
export async function listReportsOfStep(db: Db, stepId: string) {
	return db
		.selectFrom('commitmentReport')
		.select(['id', 'commitmentId', 'participantId', 'outcome', 'line', 'showLine', 'createdAt'])
		.where('stepId', '=', stepId)
		.orderBy('createdAt')
		.orderBy('id')
		.execute();
}

/** One participant's reports in a step. */
export async function listReportsOfParticipant(db: Db, stepId: string, participantId: string) {
	return db
		.selectFrom('commitmentReport')
		.select(['commitmentId', 'outcome', 'line', 'showLine'])
		.where('stepId', '=', stepId)
		.where('participantId', '=', participantId)
		.execute();
}

/** The newest report on a commitment, with the session it was made in. */
export async function findLatestReport(db: Db, commitmentId: string) {
	return db
		.selectFrom('commitmentReport as r')
		.innerJoin('agendaStep as s', 's.id', 'r.stepId')
		.innerJoin('networkSession as n', 'n.id', 's.sessionId')
		.select([
			'r.outcome',
			'r.line',
			'r.updatedAt',
			'n.id as sessionId',
			'n.title as sessionTitle',
			'n.networkId'
		])
		.where('r.commitmentId', '=', commitmentId)
		.orderBy('r.updatedAt', 'desc')
		.orderBy('r.id', 'desc')
		.limit(1)
		.executeTakeFirst();
}
