import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;

/**
 * For the follow-up of sessions: the network's commitments shared with the network that were
 * born in a session, with the moments something happened to them (a check-in, a done action, a
 * change of state after the first).
 */
export async function listSessionBornShared(db: Db, networkId: string) {
	const rows = await db
		.selectFrom('commitment')
		.select(['id', 'sessionId', 'createdAt'])
		.where('networkId', '=', networkId)
		.where('visibility', '=', 'network')
		.where('sessionId', 'is not', null)
		.execute();
	const ids = rows.map((r) => r.id);
	if (ids.length === 0) return [];
	const [checkins, done, events] = await Promise.all([
		db
			.selectFrom('commitmentCheckin as k')
			.innerJoin('commitmentSprint as s', 's.id', 'k.sprintId')
			.select(['s.commitmentId', 'k.at'])
			.where('s.commitmentId', 'in', ids)
			.execute(),
		db
			.selectFrom('commitmentAction as a')
			.innerJoin('commitmentSprint as s', 's.id', 'a.sprintId')
			.select(['s.commitmentId', 'a.doneAt as at'])
			.where('s.commitmentId', 'in', ids)
			.where('a.doneAt', 'is not', null)
			.execute(),
		db
			.selectFrom('commitmentEvent')
			.select(['commitmentId', 'at'])
			.where('commitmentId', 'in', ids)
			.execute()
	]);
	return rows.map((r) => {
		const own = events
			.filter((e) => e.commitmentId === r.id)
			.map((e) => e.at)
			.sort();
		return {
			id: r.id,
			sessionId: r.sessionId!,
			activity: [
				...checkins.filter((c) => c.commitmentId === r.id).map((c) => c.at),
				...done.filter((d) => d.commitmentId === r.id).map((d) => d.at!),
				// The first event is the commitment being made; later ones are changes of state.
				...own.slice(1)
			]
		};
	});
}

/** The network's sessions with a date, in order (the follow-up compares session N with N+1). */
export async function listDatedSessions(db: Db, networkId: string) {
	return db
		.selectFrom('networkSession')
		.select(['id', 'title', 'number', 'startsAt'])
		.where('networkId', '=', networkId)
		.where('startsAt', 'is not', null)
		.orderBy('startsAt')
		.execute();
}
