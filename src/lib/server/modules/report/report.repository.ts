import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * The report's queries: its head row (the draft and what was shared), its saved versions and
 * who has its edit page open. Plus the few facts about the session the report is written from
 * (participants, facilitators, agenda, members to tell); those belong to other modules and
 * become their read functions once those exist. Never sees the actor.
 */
type Db = Kysely<Database>;

/** The head row with the name of whoever saved last; undefined before the first save. */
export function findReportState(db: Db, sessionId: string) {
	return db
		.selectFrom('report as r')
		.leftJoin('user as u', 'u.id', 'r.updatedBy')
		.select([
			'r.version',
			'r.content',
			'r.publishedVersion',
			'r.publishedAt',
			'r.updatedAt',
			'u.name as updatedByName'
		])
		.where('r.sessionId', '=', sessionId)
		.executeTakeFirst();
}

/** The version counters, read inside the saving transaction. */
export function findReportHead(db: Db, sessionId: string) {
	return db
		.selectFrom('report')
		.select(['version', 'publishedVersion'])
		.where('sessionId', '=', sessionId)
		.executeTakeFirst();
}

export async function findVersionContent(db: Db, sessionId: string, version: number) {
	const row = await db
		.selectFrom('reportVersion')
		.select('content')
		.where('sessionId', '=', sessionId)
		.where('version', '=', version)
		.executeTakeFirst();
	return row?.content;
}

export function listVersionsOf(db: Db, sessionId: string, limit = 100) {
	return db
		.selectFrom('reportVersion as v')
		.leftJoin('user as u', 'u.id', 'v.createdBy')
		.select(['v.version', 'v.createdAt', 'u.name as by'])
		.where('v.sessionId', '=', sessionId)
		.orderBy('v.version', 'desc')
		.limit(limit)
		.execute();
}

/** The primary key (session, version) makes a second writer with the same base fail here. */
export async function insertVersion(
	db: Db,
	v: {
		sessionId: string;
		version: number;
		content: string;
		createdBy: string;
		createdAt: string;
		autosaved: boolean;
	}
) {
	await db
		.insertInto('reportVersion')
		.values({ ...v, autosaved: v.autosaved ? 1 : 0 })
		.execute();
}

/** Moves the head from `baseVersion` to the new version (or creates it at the first save). */
export async function writeReportHead(
	db: Db,
	head: { sessionId: string; baseVersion: number | null; version: number; content: string },
	by: { userId: string; at: string }
) {
	const set = { version: head.version, content: head.content, updatedBy: by.userId };
	if (head.baseVersion === null)
		await db
			.insertInto('report')
			.values({ sessionId: head.sessionId, ...set, updatedAt: by.at })
			.execute();
	else
		await db
			.updateTable('report')
			.set({ ...set, updatedAt: by.at })
			.where('sessionId', '=', head.sessionId)
			.where('version', '=', head.baseVersion)
			.execute();
}

/** Drops one autosaved version of this person's, if it was made since `sinceIso`. */
export async function deleteRecentAutosave(
	db: Db,
	v: { sessionId: string; version: number; userId: string; sinceIso: string }
) {
	await db
		.deleteFrom('reportVersion')
		.where('sessionId', '=', v.sessionId)
		.where('version', '=', v.version)
		.where('createdBy', '=', v.userId)
		.where('autosaved', '=', 1)
		.where('createdAt', '>=', v.sinceIso)
		.execute();
}

export async function markPublished(db: Db, sessionId: string, version: number, atIso: string) {
	await db
		.updateTable('report')
		.set({ publishedVersion: version, publishedAt: atIso })
		.where('sessionId', '=', sessionId)
		.execute();
}

/** Presence: this person has the edit page open now. */
export async function touchEditor(db: Db, sessionId: string, userId: string, atIso: string) {
	await db
		.insertInto('reportEditor')
		.values({ sessionId, userId, seenAt: atIso })
		.onConflict((oc) => oc.columns(['sessionId', 'userId']).doUpdateSet({ seenAt: atIso }))
		.execute();
}

/** The others who checked in since `sinceIso`, by name. */
export function listOtherEditors(db: Db, sessionId: string, userId: string, sinceIso: string) {
	return db
		.selectFrom('reportEditor as e')
		.innerJoin('user as u', 'u.id', 'e.userId')
		.select(['u.name', 'e.seenAt'])
		.where('e.sessionId', '=', sessionId)
		.where('e.userId', '!=', userId)
		.where('e.seenAt', '>=', sinceIso)
		.orderBy('u.name')
		.execute();
}

// Facts about the session, read for the report.

/** The membership ids of the session's active facilitators. */
export async function listActiveFacilitatorIds(db: Db, sessionId: string) {
	const rows = await db
		.selectFrom('sessionFacilitator as f')
		.innerJoin('membership as m', 'm.id', 'f.membershipId')
		.select('m.id')
		.where('f.sessionId', '=', sessionId)
		.where('m.status', '=', 'active')
		.execute();
	return rows.map((r) => r.id);
}

/** The names participants joined with, in the order they joined. */
export async function listParticipantNames(db: Db, sessionId: string) {
	const rows = await db
		.selectFrom('participant')
		.select('displayName')
		.where('sessionId', '=', sessionId)
		.orderBy('joinedAt')
		.orderBy('id')
		.execute();
	return rows.map((r) => r.displayName);
}

/** The session's step ids in agenda order. */
export async function listStepIds(db: Db, sessionId: string) {
	const rows = await db
		.selectFrom('agendaStep')
		.select('id')
		.where('sessionId', '=', sessionId)
		.orderBy('position')
		.execute();
	return rows.map((r) => r.id);
}

/** Where to tell the network's active members that a report was shared. */
export async function listActiveMemberEmails(db: Db, networkId: string) {
	const rows = await db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.select('u.email')
		.where('ms.networkId', '=', networkId)
		.where('ms.status', '=', 'active')
		.execute();
	return rows.map((r) => r.email);
}

// What goes into the search index of a session (the session module's tables, read for the index).

export function findSessionForIndex(db: Db, sessionId: string) {
	return db.selectFrom('networkSession').selectAll().where('id', '=', sessionId).executeTakeFirst();
}

export function listStepsForIndex(db: Db, sessionId: string) {
	return db
		.selectFrom('agendaStep')
		.selectAll()
		.where('sessionId', '=', sessionId)
		.orderBy('position')
		.execute();
}

/** The network's closed sessions: the ones whose report may have been shared. */
export async function listClosedSessionIds(db: Db, networkId: string) {
	const rows = await db
		.selectFrom('networkSession')
		.select('id')
		.where('networkId', '=', networkId)
		.where('status', '=', 'closed')
		.execute();
	return rows.map((r) => r.id);
}

/** Leaves an address for a session's report; the same address twice is one. */
export async function addSubscriber(
	db: Db,
	row: { id: string; sessionId: string; email: string; createdAt: string }
) {
	await db
		.insertInto('reportSubscriber')
		.values(row)
		.onConflict((oc) => oc.columns(['sessionId', 'email']).doNothing())
		.execute();
}

export async function listSubscribers(db: Db, sessionId: string) {
	const rows = await db
		.selectFrom('reportSubscriber')
		.select('email')
		.where('sessionId', '=', sessionId)
		.orderBy('email')
		.execute();
	return rows.map((r) => r.email);
}

export async function findSessionTitleForReport(db: Db, sessionId: string) {
	const row = await db
		.selectFrom('networkSession')
		.select('title')
		.where('id', '=', sessionId)
		.executeTakeFirst();
	return row?.title;
}
