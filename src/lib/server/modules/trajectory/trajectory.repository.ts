import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
	ConversationTable,
	Database,
	GoalEventTable,
	GoalTable,
	ReflectionTable,
	Visibility
} from '../../db/types.ts';

/** The member-owned kinds of trajectory item (each has networkId, userId and visibility). */
export type OwnedTable = 'intent' | 'goal' | 'conversation' | 'reflection' | 'canvas';
const OWNED: OwnedTable[] = ['intent', 'goal', 'canvas', 'conversation', 'reflection'];

/** The creative intent: one per member and network, written over. */
export async function upsertIntent(
	db: Kysely<Database>,
	row: { id: string; networkId: string; userId: string; text: string; visibility: Visibility },
	at: string
) {
	await db
		.insertInto('intent')
		.values({ ...row, updatedAt: at })
		.onConflict((oc) =>
			oc
				.columns(['networkId', 'userId'])
				.doUpdateSet({ text: row.text, visibility: row.visibility, updatedAt: at })
		)
		.execute();
}

export async function findGoalOf(db: Kysely<Database>, networkId: string, userId: string) {
	return db
		.selectFrom('goal')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.executeTakeFirst();
}

export async function findGoal(db: Kysely<Database>, id: string) {
	return db.selectFrom('goal').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertGoal(db: Kysely<Database>, row: Insertable<GoalTable>) {
	await db.insertInto('goal').values(row).execute();
}

export async function updateGoal(db: Kysely<Database>, id: string, values: Updateable<GoalTable>) {
	await db.updateTable('goal').set(values).where('id', '=', id).execute();
}

export async function insertGoalEvent(db: Kysely<Database>, row: Insertable<GoalEventTable>) {
	await db.insertInto('goalEvent').values(row).execute();
}

/** The goal's history, newest first. */
export async function listGoalEvents(db: Kysely<Database>, goalId: string) {
	return db
		.selectFrom('goalEvent')
		.selectAll()
		.where('goalId', '=', goalId)
		.orderBy('at', 'desc')
		.execute();
}

/** When the goal last changed, if it ever did. */
export async function lastGoalEventAt(db: Kysely<Database>, goalId: string) {
	const row = await db
		.selectFrom('goalEvent')
		.select('at')
		.where('goalId', '=', goalId)
		.orderBy('at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.at ?? null;
}

export async function findConversation(db: Kysely<Database>, id: string) {
	return db.selectFrom('conversation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertConversation(db: Kysely<Database>, row: Insertable<ConversationTable>) {
	await db.insertInto('conversation').values(row).execute();
}

export async function updateConversationRow(
	db: Kysely<Database>,
	id: string,
	values: Updateable<ConversationTable>
) {
	await db.updateTable('conversation').set(values).where('id', '=', id).execute();
}

export async function insertReflection(db: Kysely<Database>, row: Insertable<ReflectionTable>) {
	await db.insertInto('reflection').values(row).execute();
}

/** Who owns an item, and in which network: what `requireOwner` decides from. */
export async function findOwnership(db: Kysely<Database>, table: OwnedTable, id: string) {
	return db
		.selectFrom(table)
		.select(['networkId', 'userId'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function setItemVisibility(
	db: Kysely<Database>,
	table: OwnedTable,
	id: string,
	visibility: Visibility
) {
	await db.updateTable(table).set({ visibility }).where('id', '=', id).execute();
}

export async function deleteItem(db: Kysely<Database>, table: OwnedTable, id: string) {
	await db.deleteFrom(table).where('id', '=', id).execute();
}

/**
 * A member leaves: their private and coach-only items are deleted, what they shared loses their
 * name, and their coaching talks and relations (as member or as coach) are deleted.
 */
export async function deleteTrajectoryOfMember(
	db: Kysely<Database>,
	networkId: string,
	userId: string
) {
	for (const t of OWNED) {
		await db
			.deleteFrom(t)
			.where('networkId', '=', networkId)
			.where('userId', '=', userId)
			.where('visibility', 'in', ['private', 'coach'])
			.execute();
		await db
			.updateTable(t)
			.set({ userId: null })
			.where('networkId', '=', networkId)
			.where('userId', '=', userId)
			.execute();
	}
	for (const t of ['coachingTalk', 'coachingRelation'] as const)
		await db
			.deleteFrom(t)
			.where('networkId', '=', networkId)
			.where((eb) => eb.or([eb('memberId', '=', userId), eb('coachId', '=', userId)]))
			.execute();
}

/** A member's items of the given visibilities: what `trajectoryOf` shows. */
export async function listTrajectoryItems(
	db: Kysely<Database>,
	networkId: string,
	ownerId: string,
	allowed: Visibility[]
) {
	const [intent, goal, canvases, conversations, reflections] = await Promise.all([
		db
			.selectFrom('intent')
			.selectAll()
			.where('networkId', '=', networkId)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.executeTakeFirst(),
		db
			.selectFrom('goal')
			.selectAll()
			.where('networkId', '=', networkId)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.executeTakeFirst(),
		db
			.selectFrom('canvas')
			.selectAll()
			.where('networkId', '=', networkId)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.orderBy('createdAt')
			.execute(),
		db
			.selectFrom('conversation')
			.selectAll()
			.where('networkId', '=', networkId)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.orderBy('createdAt', 'desc')
			.execute(),
		db
			.selectFrom('reflection')
			.selectAll()
			.where('networkId', '=', networkId)
			.where('userId', '=', ownerId)
			.where('visibility', 'in', allowed)
			.orderBy('createdAt', 'desc')
			.execute()
	]);
	return { intent, goal, canvases, conversations, reflections };
}

/** The goal of a member as far as these visibilities show it (for the coach's overview). */
export async function findVisibleGoal(
	db: Kysely<Database>,
	networkId: string,
	userId: string,
	allowed: readonly Visibility[]
) {
	return db
		.selectFrom('goal')
		.select(['id', 'title', 'state', 'visibility'])
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.where('visibility', 'in', [...allowed])
		.executeTakeFirst();
}

/** A member's conversations of these visibilities, for their timeline. */
export async function listVisibleConversations(
	db: Kysely<Database>,
	networkId: string,
	userId: string,
	allowed: readonly Visibility[]
) {
	return db
		.selectFrom('conversation')
		.select(['id', 'kind', 'withWhom', 'heldOn', 'createdAt'])
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.where('visibility', 'in', [...allowed])
		.execute();
}

/** The goals shared with the network, with their member's organisation, newest change first. */
export async function listSharedGoals(db: Kysely<Database>, networkId: string) {
	return db
		.selectFrom('goal as g')
		.leftJoin('membership as ms', (j) =>
			j.onRef('ms.userId', '=', 'g.userId').onRef('ms.networkId', '=', 'g.networkId')
		)
		.leftJoin('organisation as o', 'o.id', 'ms.organisationId')
		.leftJoin('user as u', 'u.id', 'g.userId')
		.select([
			'g.id',
			'g.title',
			'g.theme',
			'g.state',
			'g.userId',
			'g.updatedAt',
			'u.name as memberName',
			'o.name as organisation',
			'o.sector'
		])
		.where('g.networkId', '=', networkId)
		.where('g.visibility', '=', 'network')
		.orderBy('g.updatedAt', 'desc')
		.execute();
}

/** The history of these goals, oldest first. */
export async function listEventsOfGoals(db: Kysely<Database>, goalIds: string[]) {
	if (goalIds.length === 0) return [];
	return db
		.selectFrom('goalEvent')
		.select(['goalId', 'state', 'change', 'at'])
		.where('goalId', 'in', goalIds)
		.orderBy('at')
		.execute();
}
