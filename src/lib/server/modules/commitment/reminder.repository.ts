import type { Kysely } from 'kysely';
import type { CheckinMoment, Database } from '../../db/types.ts';
import { plusDays } from './plan.rules.ts';

type Db = Kysely<Database>;

/** Commitments still being worked on: only these are reminded of. */
const OPEN_STATES = ['proposed', 'active'] as const;

export interface DueRow {
	kind: 'checkin' | 'action' | 'hundred_days' | 'session';
	/** The sprint, action, commitment or session the reminder is about. */
	subjectId: string;
	moment: CheckinMoment | null;
	day: string;
	networkId: string;
	commitmentId: string | null;
	/** Who is reminded: the owner and co-owners, or the action's owner. */
	userIds: string[];
}

export interface DueQuery {
	from: string;
	to: string;
	/** Only this sprint, action, commitment or session (checking one reminder again). */
	subjectId?: string;
}

/** The owner and co-owners of each commitment. */
async function keepersOf(db: Db, commitments: { id: string; userId: string }[]) {
	const ids = [...new Set(commitments.map((c) => c.id))];
	const co = ids.length
		? await db
				.selectFrom('commitmentOwner')
				.select(['commitmentId', 'userId'])
				.where('commitmentId', 'in', ids)
				.execute()
		: [];
	const out = new Map<string, string[]>();
	for (const c of commitments) out.set(c.id, [c.userId]);
	for (const o of co) {
		const list = out.get(o.commitmentId)!;
		if (!list.includes(o.userId)) list.push(o.userId);
	}
	return out;
}

/** Check-ins that fall due in the window: a sprint's start or end without its check-in. */
async function dueCheckins(db: Db, q: DueQuery): Promise<DueRow[]> {
	const out: DueRow[] = [];
	for (const moment of ['start', 'end'] as const) {
		const column = moment === 'start' ? 's.startsOn' : 's.endsOn';
		let query = db
			.selectFrom('commitmentSprint as s')
			.innerJoin('commitment as c', 'c.id', 's.commitmentId')
			.select(['s.id', 'c.id as commitmentId', 'c.userId', 'c.networkId', `${column} as day`])
			.where(column, '>=', q.from)
			.where(column, '<=', q.to)
			.where('c.state', 'in', OPEN_STATES)
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('commitmentCheckin as k')
							.select('k.id')
							.whereRef('k.sprintId', '=', 's.id')
							.where('k.moment', '=', moment)
					)
				)
			);
		if (q.subjectId) query = query.where('s.id', '=', q.subjectId);
		const rows = await query.execute();
		const keepers = await keepersOf(
			db,
			rows.map((r) => ({ id: r.commitmentId, userId: r.userId }))
		);
		for (const r of rows)
			out.push({
				kind: 'checkin',
				subjectId: r.id,
				moment,
				day: r.day,
				networkId: r.networkId,
				commitmentId: r.commitmentId,
				userIds: keepers.get(r.commitmentId)!
			});
	}
	return out;
}

/** Actions due in the window and not done; the action's owner is reminded (else the owner's). */
async function dueActions(db: Db, q: DueQuery): Promise<DueRow[]> {
	let query = db
		.selectFrom('commitmentAction as a')
		.innerJoin('commitmentSprint as s', 's.id', 'a.sprintId')
		.innerJoin('commitment as c', 'c.id', 's.commitmentId')
		.select(['a.id', 'a.dueOn', 'a.ownerId', 'c.id as commitmentId', 'c.userId', 'c.networkId'])
		.where('a.dueOn', '>=', q.from)
		.where('a.dueOn', '<=', q.to)
		.where('a.doneAt', 'is', null)
		.where('c.state', 'in', OPEN_STATES);
	if (q.subjectId) query = query.where('a.id', '=', q.subjectId);
	return (await query.execute()).map((r) => ({
		kind: 'action' as const,
		subjectId: r.id,
		moment: null,
		day: r.dueOn!,
		networkId: r.networkId,
		commitmentId: r.commitmentId,
		userIds: [r.ownerId ?? r.userId]
	}));
}

/** Commitments whose first 100 days end in the window. */
async function dueHundredDays(db: Db, q: DueQuery): Promise<DueRow[]> {
	let query = db
		.selectFrom('commitment as c')
		.select(['c.id', 'c.userId', 'c.networkId', 'c.hundredDaysOn'])
		.where('c.hundredDaysOn', '>=', q.from)
		.where('c.hundredDaysOn', '<=', q.to)
		.where('c.state', 'in', OPEN_STATES);
	if (q.subjectId) query = query.where('c.id', '=', q.subjectId);
	const rows = await query.execute();
	const keepers = await keepersOf(db, rows);
	return rows.map((r) => ({
		kind: 'hundred_days' as const,
		subjectId: r.id,
		moment: null,
		day: r.hundredDaysOn!,
		networkId: r.networkId,
		commitmentId: r.id,
		userIds: keepers.get(r.id)!
	}));
}

/**
 * Sessions planned in the window: everyone who keeps an open commitment in that network is
 * asked what they did with it.
 */
async function dueSessions(db: Db, q: DueQuery): Promise<DueRow[]> {
	let query = db
		.selectFrom('networkSession as n')
		.select(['n.id', 'n.networkId', 'n.startsAt'])
		.where('n.status', '=', 'planned')
		.where('n.startsAt', '>=', q.from)
		.where('n.startsAt', '<', plusDays(q.to, 1));
	if (q.subjectId) query = query.where('n.id', '=', q.subjectId);
	const sessions = await query.execute();
	if (sessions.length === 0) return [];
	const networks = [...new Set(sessions.map((s) => s.networkId))];
	const commitments = await db
		.selectFrom('commitment')
		.select(['id', 'userId', 'networkId'])
		.where('networkId', 'in', networks)
		.where('state', 'in', OPEN_STATES)
		.execute();
	const keepers = await keepersOf(db, commitments);
	const byNetwork = new Map<string, Set<string>>();
	for (const c of commitments) {
		const set = byNetwork.get(c.networkId) ?? new Set<string>();
		for (const u of keepers.get(c.id)!) set.add(u);
		byNetwork.set(c.networkId, set);
	}
	return sessions
		.filter((s) => byNetwork.has(s.networkId))
		.map((s) => ({
			kind: 'session' as const,
			subjectId: s.id,
			moment: null,
			day: s.startsAt!.slice(0, 10),
			networkId: s.networkId,
			commitmentId: null,
			userIds: [...byNetwork.get(s.networkId)!]
		}));
}

const FINDERS = {
	checkin: dueCheckins,
	action: dueActions,
	hundred_days: dueHundredDays,
	session: dueSessions
};

/** Everything that falls due between `from` and `to` (days, inclusive), of every network. */
export async function listDue(
	db: Db,
	q: DueQuery,
	kinds = Object.keys(FINDERS) as DueRow['kind'][]
) {
	const out: DueRow[] = [];
	for (const kind of kinds) out.push(...(await FINDERS[kind](db, q)));
	return out;
}

/** Of these people in this network, who is an active member today (a guest until a past day is not). */
export async function activeMembersAmong(
	db: Db,
	networkId: string,
	userIds: string[],
	nowIso: string
) {
	if (userIds.length === 0) return new Set<string>();
	const rows = await db
		.selectFrom('membership as m')
		.select('m.userId')
		.where('m.networkId', '=', networkId)
		.where('m.userId', 'in', userIds)
		.where('m.status', '=', 'active')
		.where((eb) => eb.or([eb('m.guestUntil', 'is', null), eb('m.guestUntil', '>=', nowIso)]))
		.execute();
	return new Set(rows.map((r) => r.userId));
}

export async function listPreferences(db: Db, userIds: string[]) {
	if (userIds.length === 0) return [];
	return db.selectFrom('reminderPreference').selectAll().where('userId', 'in', userIds).execute();
}

export async function savePreference(
	db: Db,
	row: {
		userId: string;
		enabled: number;
		digest: number;
		timeZone: string | null;
		updatedAt: string;
	}
) {
	await db
		.insertInto('reminderPreference')
		.values(row)
		.onConflict((oc) =>
			oc.column('userId').doUpdateSet({
				enabled: row.enabled,
				digest: row.digest,
				timeZone: row.timeZone,
				updatedAt: row.updatedAt
			})
		)
		.execute();
}

/** Name, address and language of the people to remind. */
export async function listRecipients(db: Db, userIds: string[]) {
	if (userIds.length === 0) return [];
	return db
		.selectFrom('user')
		.select(['id', 'name', 'email', 'locale'])
		.where('id', 'in', userIds)
		.execute();
}

/** What a reminder mail names: the commitment's title, the action's title, the session's. */
export async function findReminderTitles(
	db: Db,
	ids: { commitmentId: string | null; actionId?: string; sessionId?: string }
) {
	const commitment = ids.commitmentId
		? await db
				.selectFrom('commitment')
				.select(['title'])
				.where('id', '=', ids.commitmentId)
				.executeTakeFirst()
		: undefined;
	const action = ids.actionId
		? await db
				.selectFrom('commitmentAction')
				.select(['title'])
				.where('id', '=', ids.actionId)
				.executeTakeFirst()
		: undefined;
	const session = ids.sessionId
		? await db
				.selectFrom('networkSession')
				.select(['title', 'startsAt'])
				.where('id', '=', ids.sessionId)
				.executeTakeFirst()
		: undefined;
	return { commitment: commitment?.title, action: action?.title, session };
}

export async function findNetworkName(db: Db, networkId: string) {
	return db
		.selectFrom('network')
		.select(['name', 'language'])
		.where('id', '=', networkId)
		.executeTakeFirst();
}
