import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
	Database,
	PartnerEvaluationTable,
	PartnerScoreTable,
	PartnerTable
} from '../../db/types.ts';

type Db = Kysely<Database>;

/** Partners, their evaluations and the scores of each evaluation. */

export async function insertPartner(db: Db, row: Insertable<PartnerTable>) {
	await db.insertInto('partner').values(row).execute();
}

export async function updatePartner(db: Db, id: string, row: Updateable<PartnerTable>) {
	await db.updateTable('partner').set(row).where('id', '=', id).execute();
}

export async function deletePartner(db: Db, id: string) {
	await db.deleteFrom('partner').where('id', '=', id).execute();
}

export async function findPartner(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('partner')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function listPartners(db: Db, networkId: string, organisationId: string) {
	return db
		.selectFrom('partner')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('organisationId', '=', organisationId)
		.orderBy('isProspective')
		.orderBy('name')
		.orderBy('id')
		.execute();
}

export async function insertEvaluation(
	db: Db,
	row: Insertable<PartnerEvaluationTable>,
	scores: Insertable<PartnerScoreTable>[]
) {
	await db.insertInto('partnerEvaluation').values(row).execute();
	await db.insertInto('partnerScore').values(scores).execute();
}

/** Every evaluation of these partners with its scores, oldest first. */
export async function listEvaluations(db: Db, partnerIds: string[]) {
	if (!partnerIds.length) return [];
	const rows = await db
		.selectFrom('partnerEvaluation as e')
		.leftJoin('user as u', 'u.id', 'e.evaluatedBy')
		.select([
			'e.id',
			'e.partnerId',
			'e.evaluatedOn',
			'e.ask',
			'e.offer',
			'e.talkOn',
			'e.createdAt',
			'u.name as evaluatorName'
		])
		.where('e.partnerId', 'in', partnerIds)
		.orderBy('e.evaluatedOn')
		.orderBy('e.createdAt')
		.orderBy('e.id')
		.execute();
	const scores = rows.length
		? await db
				.selectFrom('partnerScore')
				.selectAll()
				.where(
					'evaluationId',
					'in',
					rows.map((r) => r.id)
				)
				.execute()
		: [];
	return rows.map((r) => ({ ...r, scores: scores.filter((s) => s.evaluationId === r.id) }));
}

/**
 * The step plan across the network, without a partner's name or a score of one partner: per
 * organisation the partners it keeps, and per evaluated partner its first and latest levels.
 */
export async function listNetworkLevels(db: Db, networkId: string) {
	const partners = await db
		.selectFrom('partner')
		.select(['id', 'organisationId', 'isProspective'])
		.where('networkId', '=', networkId)
		.execute();
	const evaluations = await listEvaluations(
		db,
		partners.map((p) => p.id)
	);
	return { partners, evaluations };
}
