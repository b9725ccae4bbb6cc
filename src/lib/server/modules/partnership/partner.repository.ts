import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
	Database,
	PartnerEvaluationTable,
	PartnerEvidenceFileTable,
	PartnerLinkTable,
	PartnerScoreTable,
	PartnerTable,
	PartnershipShareTable
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
			'e.source',
			'e.respondent',
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

export async function insertEvidenceFiles(db: Db, rows: Insertable<PartnerEvidenceFileTable>[]) {
	if (rows.length) await db.insertInto('partnerEvidenceFile').values(rows).execute();
}

/** The evidence files of these evaluations, without their bytes. */
export async function listEvidenceFiles(db: Db, evaluationIds: string[]) {
	if (!evaluationIds.length) return [];
	return db
		.selectFrom('partnerEvidenceFile')
		.select(['id', 'evaluationId', 'dimension', 'name', 'mime', 'size'])
		.where('evaluationId', 'in', evaluationIds)
		.execute();
}

/** An evidence file with its bytes, only when it belongs to an evaluation of this partner. */
export async function findEvidenceFile(db: Db, partnerId: string, fileId: string) {
	return db
		.selectFrom('partnerEvidenceFile as f')
		.innerJoin('partnerEvaluation as e', 'e.id', 'f.evaluationId')
		.select(['f.id', 'f.name', 'f.mime', 'f.data'])
		.where('e.partnerId', '=', partnerId)
		.where('f.id', '=', fileId)
		.executeTakeFirst();
}

export async function insertLink(db: Db, row: Insertable<PartnerLinkTable>) {
	await db.insertInto('partnerLink').values(row).execute();
}

export async function listLinks(db: Db, partnerId: string) {
	return db
		.selectFrom('partnerLink')
		.select(['id', 'respondent', 'createdAt', 'expiresAt', 'usedAt', 'revokedAt', 'evaluationId'])
		.where('partnerId', '=', partnerId)
		.orderBy('createdAt', 'desc')
		.orderBy('id')
		.execute();
}

export async function countOpenLinks(db: Db, partnerId: string, now: string) {
	const row = await db
		.selectFrom('partnerLink')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('partnerId', '=', partnerId)
		.where('usedAt', 'is', null)
		.where('revokedAt', 'is', null)
		.where('expiresAt', '>', now)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** A link by its token's hash, with the partner and the organisation that asks. */
export async function findLinkByHash(db: Db, tokenHash: string) {
	return db
		.selectFrom('partnerLink as l')
		.innerJoin('partner as p', 'p.id', 'l.partnerId')
		.innerJoin('organisation as o', 'o.id', 'p.organisationId')
		.innerJoin('network as n', 'n.id', 'p.networkId')
		.select([
			'l.id',
			'l.partnerId',
			'l.respondent',
			'l.expiresAt',
			'l.usedAt',
			'l.revokedAt',
			'p.name as partnerName',
			'p.networkId',
			'o.name as organisationName',
			'n.language as networkLanguage'
		])
		.where('l.tokenHash', '=', tokenHash)
		.executeTakeFirst();
}

/**
 * Takes the link for one answer: only while it is open, and only once however many people or
 * taps arrive at the same moment (the update is the test). True when this caller has it.
 */
export async function claimLink(db: Db, id: string, now: string) {
	const r = await db
		.updateTable('partnerLink')
		.set({ usedAt: now })
		.where('id', '=', id)
		.where('usedAt', 'is', null)
		.where('revokedAt', 'is', null)
		.where('expiresAt', '>', now)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function updateLink(db: Db, id: string, row: Updateable<PartnerLinkTable>) {
	await db.updateTable('partnerLink').set(row).where('id', '=', id).execute();
}

export async function findLink(db: Db, partnerId: string, id: string) {
	return db
		.selectFrom('partnerLink')
		.selectAll()
		.where('partnerId', '=', partnerId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function isSharing(db: Db, networkId: string, organisationId: string) {
	const row = await db
		.selectFrom('partnershipShare')
		.select('organisationId')
		.where('networkId', '=', networkId)
		.where('organisationId', '=', organisationId)
		.executeTakeFirst();
	return row !== undefined;
}

export async function setSharing(db: Db, row: Insertable<PartnershipShareTable>, share: boolean) {
	await db
		.deleteFrom('partnershipShare')
		.where('networkId', '=', row.networkId)
		.where('organisationId', '=', row.organisationId)
		.execute();
	if (share) await db.insertInto('partnershipShare').values(row).execute();
}

/** The organisations that share their partner-level scores, with their partners (current ones). */
export async function listSharedPartners(db: Db, networkId: string) {
	return db
		.selectFrom('partnershipShare as s')
		.innerJoin('organisation as o', 'o.id', 's.organisationId')
		.innerJoin('partner as p', (j) =>
			j.onRef('p.organisationId', '=', 's.organisationId').onRef('p.networkId', '=', 's.networkId')
		)
		.select(['o.id as organisationId', 'o.name as organisationName', 'p.id', 'p.name', 'p.kind'])
		.where('s.networkId', '=', networkId)
		.where('p.isProspective', '=', 0)
		.orderBy('o.name')
		.orderBy('p.name')
		.orderBy('p.id')
		.execute();
}

/**
 * Current partners with their latest own evaluation's day and interval, for the reminders:
 * the day a re-evaluation falls due is worked out from these.
 */
export async function listLatestOwnEvaluations(db: Db) {
	return db
		.selectFrom('partner as p')
		.innerJoin('partnerEvaluation as e', 'e.partnerId', 'p.id')
		.select([
			'p.id',
			'p.networkId',
			'p.organisationId',
			'p.name',
			'p.reviewMonths',
			'p.createdBy',
			(eb) => eb.fn.max('e.evaluatedOn').as('latestOn')
		])
		.where('p.isProspective', '=', 0)
		.where('e.source', '=', 'own')
		.groupBy(['p.id', 'p.networkId', 'p.organisationId', 'p.name', 'p.reviewMonths', 'p.createdBy'])
		.execute();
}

/** Who scored a partner last (own evaluations), to remind first. */
export async function latestEvaluator(db: Db, partnerId: string) {
	const row = await db
		.selectFrom('partnerEvaluation')
		.select('evaluatedBy')
		.where('partnerId', '=', partnerId)
		.where('source', '=', 'own')
		.orderBy('evaluatedOn', 'desc')
		.orderBy('createdAt', 'desc')
		.executeTakeFirst();
	return row?.evaluatedBy ?? null;
}

/** Of these people, who is still an active member of the network and of this organisation. */
export async function keepersAmong(
	db: Db,
	networkId: string,
	organisationId: string,
	userIds: string[],
	nowIso: string
) {
	if (!userIds.length) return [];
	return db
		.selectFrom('membership as m')
		.innerJoin('user as u', 'u.id', 'm.userId')
		.select(['u.id', 'u.email', 'u.locale'])
		.where('m.networkId', '=', networkId)
		.where('m.organisationId', '=', organisationId)
		.where('m.userId', 'in', userIds)
		.where('m.status', '=', 'active')
		.where((eb) => eb.or([eb('m.guestUntil', 'is', null), eb('m.guestUntil', '>=', nowIso)]))
		.execute();
}
