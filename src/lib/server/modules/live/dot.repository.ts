import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { dotCommitter } from './dot-batch.repository.ts';
import { decideDot, type DotFacts, type DotOutcome, type DotRow } from './live.policy.ts';
import type { Store } from './live.repository.ts';

export type { DotOutcome, DotRow };

type Db = Kysely<Database>;

/**
 * Spends one dot, with the budget held by the database. On PostgreSQL the participant's row is
 * locked for the transaction, then the dots are counted, so two taps, two devices or a replayed
 * request can never spend a sixth dot of five. On SQLite, where writes are one at a time by
 * nature, the dots of one event-loop turn are written in one group commit (dot-batch.repository.ts): one disk
 * sync per group, each dot still decided on its own against the rows already written.
 */
export async function spendDot(store: Store, row: DotRow): Promise<DotOutcome> {
	if (store.sqlite) return dotCommitter(store.sqlite).submit(row);
	return store.db.transaction().execute(async (trx) => {
		// The row lock per participant: an update that changes nothing still takes it.
		await trx
			.updateTable('participant')
			.set((eb) => ({ displayName: eb.ref('displayName') }))
			.where('id', '=', row.participantId)
			.execute();
		const facts = await readDotFacts(trx, row);
		const outcome = decideDot(row, facts);
		if ('spent' in outcome && !outcome.spent.duplicate)
			await trx
				.insertInto('dot')
				.values({
					id: row.id,
					stepId: row.stepId,
					postitId: row.postitId,
					participantId: row.participantId,
					clientId: row.clientId,
					createdAt: row.createdAt
				})
				.execute();
		return outcome;
	});
}

async function readDotFacts(trx: Db, row: DotRow): Promise<DotFacts> {
	const replay = await trx
		.selectFrom('dot')
		.select(['id', 'participantId'])
		.where('clientId', '=', row.clientId)
		.executeTakeFirst();
	if (replay) return { replay, step: undefined, postitInRound: false, spent: { all: 0, here: 0 } };
	// Read inside the transaction, so a vote closed a moment ago takes no more dots.
	const step = await trx
		.selectFrom('agendaStep')
		.select(['kind', 'state', 'dots', 'maxDotsPerItem', 'sourceStepId'])
		.where('id', '=', row.stepId)
		.where('sessionId', '=', row.sessionId)
		.executeTakeFirst();
	const [postit, spent] = await Promise.all([
		trx
			.selectFrom('postit')
			.select('id')
			.where('id', '=', row.postitId)
			.where('stepId', '=', step?.sourceStepId ?? '')
			.where('isHidden', '=', 0)
			.executeTakeFirst(),
		trx
			.selectFrom('dot')
			.select((eb) => [
				eb.fn.countAll<number>().as('all'),
				eb.fn
					.sum<number>(eb.case().when('postitId', '=', row.postitId).then(1).else(0).end())
					.as('here')
			])
			.where('stepId', '=', row.stepId)
			.where('participantId', '=', row.participantId)
			.executeTakeFirstOrThrow()
	]);
	return {
		replay,
		step,
		postitInRound: !!postit,
		spent: { all: Number(spent.all), here: Number(spent.here ?? 0) }
	};
}

/** Deletes one named dot of the participant; false when it was already taken back. */
export async function deleteOwnDot(db: Db, stepId: string, participantId: string, dotId: string) {
	const res = await db
		.deleteFrom('dot')
		.where('id', '=', dotId)
		.where('stepId', '=', stepId)
		.where('participantId', '=', participantId)
		.returning(['id', 'postitId'])
		.executeTakeFirst();
	return res;
}

/** The participant's latest dot on a post-it. */
export async function findLastOwnDot(
	db: Db,
	stepId: string,
	participantId: string,
	postitId: string
) {
	return db
		.selectFrom('dot')
		.select(['id', 'postitId'])
		.where('stepId', '=', stepId)
		.where('participantId', '=', participantId)
		.where('postitId', '=', postitId)
		.orderBy('createdAt', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function deleteDot(db: Db, id: string) {
	const res = await db.deleteFrom('dot').where('id', '=', id).executeTakeFirst();
	return Number(res.numDeletedRows) === 1;
}

/** The participant's dots in a vote, newest first. */
export async function listOwnDots(db: Db, stepId: string, participantId: string) {
	return db
		.selectFrom('dot')
		.select(['id', 'postitId'])
		.where('stepId', '=', stepId)
		.where('participantId', '=', participantId)
		.orderBy('createdAt', 'desc')
		.execute();
}

/** Dots per post-it of a vote; dots on a merged post-it count for the one it was merged into. */
export async function countDotsPerPostit(db: Db, stepId: string) {
	// Counted from the (step, post-it) index alone; the few post-its that were merged are looked
	// up after, instead of joining every dot to its post-it.
	const rows = await db
		.selectFrom('dot')
		.select((eb) => ['postitId', eb.fn.countAll<number>().as('dots')])
		.where('stepId', '=', stepId)
		.groupBy('postitId')
		.execute();
	const ids = rows.map((r) => r.postitId);
	const merged = ids.length
		? await db
				.selectFrom('postit')
				.select(['id', 'mergedIntoId'])
				.where('id', 'in', ids)
				.where('mergedIntoId', 'is not', null)
				.execute()
		: [];
	const into = new Map(merged.map((p) => [p.id, p.mergedIntoId!]));
	const counts = new Map<string, number>();
	for (const r of rows) {
		const id = into.get(r.postitId) ?? r.postitId;
		counts.set(id, (counts.get(id) ?? 0) + Number(r.dots));
	}
	return counts;
}

export async function countVoters(db: Db, stepId: string) {
	const row = await db
		.selectFrom('dot')
		.select((eb) => eb.fn.count<number>('participantId').distinct().as('n'))
		.where('stepId', '=', stepId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
