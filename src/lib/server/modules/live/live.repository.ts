import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * The live session itself: its state, its steps as the live screens need them, and who joined.
 * Post-its, dots, answers and groups have their own repositories beside this one.
 */
type Db = Kysely<Database>;

/** What the repositories that have a SQLite fast path need: the Kysely handle and, on SQLite, the raw one. */
export interface Store {
	db: Db;
	sqlite?: SQLite.Database;
}

export async function findFirstStep(db: Db, sessionId: string) {
	return db
		.selectFrom('agendaStep')
		.select('id')
		.where('sessionId', '=', sessionId)
		.orderBy('position')
		.limit(1)
		.executeTakeFirst();
}

export async function markLive(
	db: Db,
	sessionId: string,
	v: { joinCode: string; currentStepId: string | null; updatedAt: string }
) {
	await db
		.updateTable('networkSession')
		.set({ status: 'live', ...v })
		.where('id', '=', sessionId)
		.execute();
}

/** Closes the session and every step; anonymous rounds lose their post-it places. */
export async function markClosed(
	db: Db,
	sessionId: string,
	updatedAt: string,
	/** Written in the same transaction: the jobs the close causes (the search index). */
	alsoInTransaction?: (trx: Db) => Promise<unknown>
) {
	await db.transaction().execute(async (trx) => {
		await alsoInTransaction?.(trx);
		await trx
			.updateTable('networkSession')
			// The timer stops with the session.
			.set({ status: 'closed', joinCode: null, updatedAt, timerEndsAt: null, timerSeconds: null })
			.where('id', '=', sessionId)
			.execute();
		await trx
			.updateTable('agendaStep')
			.set({ state: 'closed' })
			.where('sessionId', '=', sessionId)
			.execute();
		await clearAnonymousSlots(trx, 'sessionId', sessionId);
	});
}

export async function setStepState(
	db: Db,
	stepId: string,
	state: 'open' | 'closed',
	sourceStepId: string | null
) {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('agendaStep')
			.set({ state, sourceStepId })
			.where('id', '=', stepId)
			.execute();
		if (state === 'closed') await clearAnonymousSlots(trx, 'id', stepId);
	});
}

/**
 * A closed anonymous round keeps no per-person trace: its post-it places go (with SQLite's
 * secure_delete their bytes are overwritten too). A round opened again starts fresh places.
 */
async function clearAnonymousSlots(db: Db, by: 'id' | 'sessionId', value: string) {
	await db
		.deleteFrom('postitSlot')
		.where('stepId', 'in', (eb) =>
			eb.selectFrom('agendaStep').select('id').where('isAnonymous', '=', 1).where(by, '=', value)
		)
		.execute();
}

/** The nearest step of a kind before a position (a vote's round, a breakout's vote). */
export async function findStepBefore(
	db: Db,
	sessionId: string,
	kind: 'postit_round' | 'dot_vote',
	position: number
) {
	let q = db
		.selectFrom('agendaStep')
		.select('id')
		.where('sessionId', '=', sessionId)
		.where('kind', '=', kind)
		.where('position', '<', position);
	// A vote counts as a source of groups only once it has a round to vote on.
	if (kind === 'dot_vote') q = q.where('sourceStepId', 'is not', null);
	return q.orderBy('position', 'desc').limit(1).executeTakeFirst();
}

export async function findStepState(db: Db, stepId: string) {
	return db.selectFrom('agendaStep').select('state').where('id', '=', stepId).executeTakeFirst();
}

export async function findStep(db: Db, sessionId: string, stepId: string) {
	return db
		.selectFrom('agendaStep')
		.selectAll()
		.where('sessionId', '=', sessionId)
		.where('id', '=', stepId)
		.executeTakeFirst();
}

export async function setCurrentStep(db: Db, sessionId: string, stepId: string) {
	await db
		.updateTable('networkSession')
		// A timer belongs to the step it was set in: it stops when another step is shown.
		.set({ currentStepId: stepId, timerEndsAt: null, timerSeconds: null })
		.where('id', '=', sessionId)
		.execute();
}

export async function setTimer(
	db: Db,
	sessionId: string,
	timer: { endsAt: string; seconds: number } | null
) {
	await db
		.updateTable('networkSession')
		.set({ timerEndsAt: timer?.endsAt ?? null, timerSeconds: timer?.seconds ?? null })
		.where('id', '=', sessionId)
		.execute();
}

/** The session and its current step, as a phone shows them. */
export async function findPhoneSession(db: Db, sessionId: string) {
	const session = await db
		.selectFrom('networkSession')
		.select(['id', 'networkId', 'title', 'currentStepId', 'timerEndsAt'])
		.where('id', '=', sessionId)
		.executeTakeFirstOrThrow();
	const step = session.currentStepId
		? await db
				.selectFrom('agendaStep')
				.selectAll()
				.where('id', '=', session.currentStepId)
				.executeTakeFirst()
		: undefined;
	return { session, step: step ?? null };
}

export async function findLiveSessionByCode(db: Db, joinCode: string) {
	return db
		.selectFrom('networkSession')
		.select(['id', 'networkId'])
		.where('joinCode', '=', joinCode)
		.where('status', '=', 'live')
		.executeTakeFirst();
}

export async function insertParticipant(
	db: Db,
	v: {
		id: string;
		sessionId: string;
		userId: string | null;
		displayName: string;
		tokenHash: string;
		joinedAt: string;
	}
) {
	await db.insertInto('participant').values(v).execute();
}

export async function renameParticipant(db: Db, id: string, displayName: string) {
	await db.updateTable('participant').set({ displayName }).where('id', '=', id).execute();
}

type ParticipantRow = { id: string; sessionId: string; displayName: string; status: string };
const byToken = new WeakMap<SQLite.Database, SQLite.Statement<[string], ParticipantRow>>();

/**
 * The participant behind a token hash, with their session's status. Every tap on a phone starts
 * here; on SQLite a prepared statement skips building the query.
 */
export async function findParticipantByTokenHash(
	store: Store,
	tokenHash: string
): Promise<ParticipantRow | undefined> {
	if (store.sqlite) {
		let st = byToken.get(store.sqlite);
		if (!st) {
			st = store.sqlite.prepare(
				`select p.id, p.session_id as sessionId, p.display_name as displayName, s.status
				 from participant p join network_session s on s.id = p.session_id
				 where p.token_hash = ?`
			);
			byToken.set(store.sqlite, st);
		}
		return st.get(tokenHash);
	}
	return store.db
		.selectFrom('participant as p')
		.innerJoin('networkSession as s', 's.id', 'p.sessionId')
		.select(['p.id', 'p.sessionId', 'p.displayName', 's.status'])
		.where('p.tokenHash', '=', tokenHash)
		.executeTakeFirst();
}

export async function findParticipantInSession(db: Db, sessionId: string, participantId: string) {
	return db
		.selectFrom('participant')
		.select('id')
		.where('sessionId', '=', sessionId)
		.where('id', '=', participantId)
		.executeTakeFirst();
}

/** Who is in: display names in the order they joined. */
export async function listParticipants(db: Db, sessionId: string) {
	return db
		.selectFrom('participant')
		.select(['id', 'displayName', 'joinedAt'])
		.where('sessionId', '=', sessionId)
		.orderBy('joinedAt')
		.orderBy('id')
		.execute();
}

export async function countParticipants(db: Db, sessionId: string) {
	const row = await db
		.selectFrom('participant')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('sessionId', '=', sessionId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * Whether anyone has done anything in a step yet: a post-it (or its place), a dot, an answer, or
 * groups formed.
 * Until then every phone's screen of the step is the same.
 */
export async function stepHasContributions(db: Db, stepId: string) {
	const row = await db
		.selectNoFrom((eb) => [
			eb
				.or([
					eb.exists(eb.selectFrom('postit').select('id').where('stepId', '=', stepId)),
					// A place stays taken after its post-it was deleted.
					eb.exists(eb.selectFrom('postitSlot').select('stepId').where('stepId', '=', stepId)),
					eb.exists(eb.selectFrom('dot').select('id').where('stepId', '=', stepId)),
					eb.exists(eb.selectFrom('answer').select('id').where('stepId', '=', stepId)),
					eb.exists(eb.selectFrom('breakoutGroup').select('id').where('stepId', '=', stepId)),
					eb.exists(eb.selectFrom('qnaQuestion').select('id').where('stepId', '=', stepId)),
					eb.exists(eb.selectFrom('pollVote').select('stepId').where('stepId', '=', stepId))
				])
				.as('any')
		])
		.executeTakeFirstOrThrow();
	return !!Number(row.any);
}

/** A session's title (for the thank-you screen of a phone whose session ended). */
export async function findSessionTitle(db: Db, sessionId: string) {
	const row = await db
		.selectFrom('networkSession')
		.select('title')
		.where('id', '=', sessionId)
		.executeTakeFirst();
	return row?.title ?? '';
}
