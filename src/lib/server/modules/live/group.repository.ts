import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { hasAnswers } from './answer.repository.ts';

type Db = Kysely<Database>;

export async function hasGroups(db: Db, stepId: string) {
	const row = await db
		.selectFrom('breakoutGroup')
		.select('id')
		.where('stepId', '=', stepId)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}

export async function findGroupOf(db: Db, stepId: string, participantId: string) {
	const row = await db
		.selectFrom('breakoutMember')
		.select('groupId')
		.where('stepId', '=', stepId)
		.where('participantId', '=', participantId)
		.executeTakeFirst();
	return row?.groupId ?? null;
}

export async function findGroupInStep(db: Db, stepId: string, groupId: string) {
	return db
		.selectFrom('breakoutGroup')
		.select(['id', 'title'])
		.where('stepId', '=', stepId)
		.where('id', '=', groupId)
		.executeTakeFirst();
}

/** Puts a participant in a group of the step, out of the one they were in. */
export async function putInGroup(db: Db, stepId: string, groupId: string, participantId: string) {
	await db
		.insertInto('breakoutMember')
		.values({ stepId, groupId, participantId })
		.onConflict((oc) => oc.columns(['stepId', 'participantId']).doUpdateSet({ groupId }))
		.execute();
}

/**
 * Replaces the groups of a step (and who is in them) in one transaction, unless an answer was
 * written meanwhile: it would be lost. Returns false then and changes nothing.
 */
export async function replaceGroups(
	db: Db,
	stepId: string,
	groups: { id: string; postitId: string | null; title: string }[],
	members: { groupId: string; participantId: string }[],
	mode: 'assign' | 'choose'
) {
	return db.transaction().execute(async (trx) => {
		if (await hasAnswers(trx, stepId)) return false;
		await trx.deleteFrom('breakoutMember').where('stepId', '=', stepId).execute();
		await trx.deleteFrom('breakoutGroup').where('stepId', '=', stepId).execute();
		await trx
			.insertInto('breakoutGroup')
			.values(groups.map((g, position) => ({ ...g, stepId, position })))
			.execute();
		if (members.length)
			await trx
				.insertInto('breakoutMember')
				.values(members.map((m) => ({ ...m, stepId })))
				.execute();
		await trx.updateTable('agendaStep').set({ groupMode: mode }).where('id', '=', stepId).execute();
		return true;
	});
}

export async function setGroupTitle(db: Db, groupId: string, title: string) {
	await db.updateTable('breakoutGroup').set({ title }).where('id', '=', groupId).execute();
}

/** The groups of a step with their item and members, in order. */
export async function listGroups(db: Db, sessionId: string, stepId: string) {
	const [groups, members] = await Promise.all([
		db
			.selectFrom('breakoutGroup as g')
			.innerJoin('agendaStep as s', 's.id', 'g.stepId')
			.select(['g.id', 'g.position', 'g.title', 'g.postitId'])
			.where('s.sessionId', '=', sessionId)
			.where('g.stepId', '=', stepId)
			.orderBy('g.position')
			.execute(),
		db
			.selectFrom('breakoutMember as bm')
			.innerJoin('participant as p', 'p.id', 'bm.participantId')
			.select(['bm.groupId', 'p.id', 'p.displayName'])
			.where('bm.stepId', '=', stepId)
			.where('p.sessionId', '=', sessionId)
			.orderBy('p.joinedAt')
			.orderBy('p.id')
			.execute()
	]);
	return groups.map((g) => ({
		...g,
		members: members
			.filter((m) => m.groupId === g.id)
			.map((m) => ({ id: m.id, name: m.displayName }))
	}));
}
