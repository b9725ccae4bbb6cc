import type { Insertable, Kysely, Updateable } from 'kysely';
import type {
	Database,
	LocalActionStatus,
	LocalActionTable,
	LocalAgreementTable,
	LocalApproachTable,
	LocalBlockTable,
	LocalFindingTable,
	LocalIndicatorScoreTable,
	LocalInterviewNoteTable,
	LocalInterviewTable,
	LocalMediationNoteTable,
	LocalPointReviewTable,
	LocalSnapshotTable,
	LocalSourceTable
} from '../../db/types.ts';

type Db = Kysely<Database>;

/** Frameworks, approaches, snapshots with their evidence, building blocks and the plan. */

export async function insertFramework(
	db: Db,
	row: { id: string; networkId: string; name: string; levels: string[]; createdAt: string },
	indicators: { id: string; name: string }[]
) {
	await db
		.insertInto('localFramework')
		.values({ ...row, levels: JSON.stringify(row.levels) })
		.execute();
	await db
		.insertInto('localIndicator')
		.values(indicators.map((i, position) => ({ ...i, frameworkId: row.id, position })))
		.execute();
}

export async function listFrameworks(db: Db, networkId: string) {
	const frameworks = await db
		.selectFrom('localFramework')
		.selectAll()
		.where('networkId', '=', networkId)
		.orderBy('name')
		.orderBy('id')
		.execute();
	const indicators = frameworks.length
		? await db
				.selectFrom('localIndicator')
				.selectAll()
				.where(
					'frameworkId',
					'in',
					frameworks.map((f) => f.id)
				)
				.orderBy('position')
				.execute()
		: [];
	return frameworks.map((f) => ({
		...f,
		levels: JSON.parse(f.levels) as string[],
		indicators: indicators.filter((i) => i.frameworkId === f.id)
	}));
}

export async function countApproachesUsing(db: Db, frameworkId: string) {
	const r = await db
		.selectFrom('localApproach')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('frameworkId', '=', frameworkId)
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function deleteFramework(db: Db, networkId: string, id: string) {
	await db
		.deleteFrom('localFramework')
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.execute();
}

export async function insertApproach(db: Db, row: Insertable<LocalApproachTable>) {
	await db.insertInto('localApproach').values(row).execute();
}

export async function updateApproach(db: Db, id: string, row: Updateable<LocalApproachTable>) {
	await db.updateTable('localApproach').set(row).where('id', '=', id).execute();
}

export async function deleteApproach(db: Db, id: string) {
	await db.deleteFrom('localApproach').where('id', '=', id).execute();
}

export async function findApproach(db: Db, networkId: string, id: string) {
	return db
		.selectFrom('localApproach')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function listApproaches(db: Db, networkId: string) {
	return db
		.selectFrom('localApproach')
		.selectAll()
		.where('networkId', '=', networkId)
		.orderBy('name')
		.orderBy('id')
		.execute();
}

/** The team of each approach (user ids). */
export async function listTeams(db: Db, approachIds: string[]) {
	if (!approachIds.length) return [];
	return db
		.selectFrom('localTeam')
		.innerJoin('user', 'user.id', 'localTeam.userId')
		.select(['localTeam.approachId', 'localTeam.userId', 'user.name'])
		.where('localTeam.approachId', 'in', approachIds)
		.orderBy('user.name')
		.execute();
}

export async function setTeam(db: Db, approachId: string, userIds: string[]) {
	await db.deleteFrom('localTeam').where('approachId', '=', approachId).execute();
	if (userIds.length)
		await db
			.insertInto('localTeam')
			.values(userIds.map((userId) => ({ approachId, userId })))
			.execute();
}

export async function insertSnapshot(db: Db, row: Insertable<LocalSnapshotTable>) {
	await db.insertInto('localSnapshot').values(row).execute();
}

export async function listSnapshots(db: Db, approachId: string) {
	return db
		.selectFrom('localSnapshot')
		.selectAll()
		.where('approachId', '=', approachId)
		.orderBy('number')
		.execute();
}

export async function insertSource(db: Db, row: Insertable<LocalSourceTable>) {
	await db.insertInto('localSource').values(row).execute();
}

/** Deletes it when it belongs to that parent: false when there was no such row. */
export async function deleteSource(db: Db, snapshotId: string, id: string) {
	const r = await db
		.deleteFrom('localSource')
		.where('snapshotId', '=', snapshotId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

export async function listSources(db: Db, snapshotIds: string[]) {
	if (!snapshotIds.length) return [];
	return db
		.selectFrom('localSource')
		.selectAll()
		.where('snapshotId', 'in', snapshotIds)
		.orderBy('createdAt')
		.orderBy('id')
		.execute();
}

export async function insertInterview(db: Db, row: Insertable<LocalInterviewTable>) {
	await db.insertInto('localInterview').values(row).execute();
}

export async function updateInterview(db: Db, id: string, row: Updateable<LocalInterviewTable>) {
	await db.updateTable('localInterview').set(row).where('id', '=', id).execute();
}

export async function deleteInterview(db: Db, id: string) {
	await db.deleteFrom('localInterview').where('id', '=', id).execute();
}

export async function listInterviews(db: Db, snapshotIds: string[]) {
	if (!snapshotIds.length) return [];
	return db
		.selectFrom('localInterview')
		.leftJoin('user', 'user.id', 'localInterview.interviewerId')
		.selectAll('localInterview')
		.select('user.name as interviewer')
		.where('snapshotId', 'in', snapshotIds)
		.orderBy('heldOn')
		.orderBy('interviewee')
		.orderBy('localInterview.id')
		.execute();
}

export async function insertNote(db: Db, row: Insertable<LocalInterviewNoteTable>) {
	await db.insertInto('localInterviewNote').values(row).execute();
}

/** Deletes it when it belongs to that parent: false when there was no such row. */
export async function deleteNote(db: Db, interviewId: string, id: string) {
	const r = await db
		.deleteFrom('localInterviewNote')
		.where('interviewId', '=', interviewId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/** When consent is narrowed: no note of the interview is a quote any more; with none, no notes. */
export async function narrowNotes(db: Db, interviewId: string, consent: 'none' | 'notes') {
	if (consent === 'none')
		await db.deleteFrom('localInterviewNote').where('interviewId', '=', interviewId).execute();
	else
		await db
			.updateTable('localInterviewNote')
			.set({ isQuote: 0 })
			.where('interviewId', '=', interviewId)
			.execute();
}

export async function listNotes(db: Db, interviewIds: string[]) {
	if (!interviewIds.length) return [];
	const rows = await db
		.selectFrom('localInterviewNote')
		.selectAll()
		.where('interviewId', 'in', interviewIds)
		.orderBy('createdAt')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ ...r, themes: JSON.parse(r.themes) as string[] }));
}

export async function insertFinding(
	db: Db,
	row: Insertable<LocalFindingTable>,
	basis: { id: string; interviewId: string | null; sourceId: string | null }[]
) {
	await db.insertInto('localFinding').values(row).execute();
	if (basis.length)
		await db
			.insertInto('localFindingBasis')
			.values(basis.map((b) => ({ ...b, findingId: row.id })))
			.execute();
}

/** Deletes it when it belongs to that parent: false when there was no such row. */
export async function deleteFinding(db: Db, snapshotId: string, id: string) {
	const r = await db
		.deleteFrom('localFinding')
		.where('snapshotId', '=', snapshotId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

export async function listFindings(db: Db, snapshotIds: string[]) {
	if (!snapshotIds.length) return [];
	const findings = await db
		.selectFrom('localFinding')
		.selectAll()
		.where('snapshotId', 'in', snapshotIds)
		.orderBy('createdAt')
		.orderBy('id')
		.execute();
	const basis = findings.length
		? await db
				.selectFrom('localFindingBasis')
				.selectAll()
				.where(
					'findingId',
					'in',
					findings.map((f) => f.id)
				)
				.execute()
		: [];
	return findings.map((f) => ({
		...f,
		interviewIds: basis
			.filter((b) => b.findingId === f.id && b.interviewId)
			.map((b) => b.interviewId!),
		sourceIds: basis.filter((b) => b.findingId === f.id && b.sourceId).map((b) => b.sourceId!)
	}));
}

export async function replaceScores(
	db: Db,
	snapshotId: string,
	rows: Insertable<LocalIndicatorScoreTable>[]
) {
	await db.deleteFrom('localIndicatorScore').where('snapshotId', '=', snapshotId).execute();
	if (rows.length) await db.insertInto('localIndicatorScore').values(rows).execute();
}

export async function listScores(db: Db, snapshotIds: string[]) {
	if (!snapshotIds.length) return [];
	return db
		.selectFrom('localIndicatorScore')
		.selectAll()
		.where('snapshotId', 'in', snapshotIds)
		.execute();
}

export async function replaceReviews(
	db: Db,
	snapshotId: string,
	rows: Insertable<LocalPointReviewTable>[]
) {
	await db.deleteFrom('localPointReview').where('snapshotId', '=', snapshotId).execute();
	if (rows.length) await db.insertInto('localPointReview').values(rows).execute();
}

export async function listReviews(db: Db, snapshotIds: string[]) {
	if (!snapshotIds.length) return [];
	return db
		.selectFrom('localPointReview')
		.selectAll()
		.where('snapshotId', 'in', snapshotIds)
		.execute();
}

export async function insertBlock(db: Db, row: Insertable<LocalBlockTable>, findingIds: string[]) {
	await db.insertInto('localBlock').values(row).execute();
	await setBlockBasis(db, row.id, findingIds);
}

export async function setBlockBasis(db: Db, blockId: string, findingIds: string[]) {
	await db.deleteFrom('localBlockBasis').where('blockId', '=', blockId).execute();
	if (findingIds.length)
		await db
			.insertInto('localBlockBasis')
			.values(findingIds.map((findingId) => ({ blockId, findingId })))
			.execute();
}

export async function updateBlock(db: Db, id: string, row: Updateable<LocalBlockTable>) {
	await db.updateTable('localBlock').set(row).where('id', '=', id).execute();
}

export async function deleteBlock(db: Db, id: string) {
	await db.deleteFrom('localBlock').where('id', '=', id).execute();
}

export async function listBlocks(db: Db, approachId: string) {
	const blocks = await db
		.selectFrom('localBlock')
		.leftJoin('user', 'user.id', 'localBlock.mediatorId')
		.selectAll('localBlock')
		.select('user.name as mediator')
		.where('approachId', '=', approachId)
		.orderBy('localBlock.createdAt')
		.orderBy('localBlock.id')
		.execute();
	const basis = blocks.length
		? await db
				.selectFrom('localBlockBasis')
				.selectAll()
				.where(
					'blockId',
					'in',
					blocks.map((b) => b.id)
				)
				.execute()
		: [];
	return blocks.map((b) => ({
		...b,
		findingIds: basis.filter((x) => x.blockId === b.id).map((x) => x.findingId)
	}));
}

export async function insertAgreement(db: Db, row: Insertable<LocalAgreementTable>) {
	await db.insertInto('localAgreement').values(row).execute();
}

/** Deletes it when it belongs to that parent: false when there was no such row. */
export async function deleteAgreement(db: Db, blockId: string, id: string) {
	const r = await db
		.deleteFrom('localAgreement')
		.where('blockId', '=', blockId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

export async function listAgreements(db: Db, blockIds: string[]) {
	if (!blockIds.length) return [];
	return db
		.selectFrom('localAgreement')
		.selectAll()
		.where('blockId', 'in', blockIds)
		.orderBy('createdAt')
		.orderBy('id')
		.execute();
}

export async function insertMediationNote(db: Db, row: Insertable<LocalMediationNoteTable>) {
	await db.insertInto('localMediationNote').values(row).execute();
}

export async function listMediationNotes(db: Db, blockId: string) {
	return db
		.selectFrom('localMediationNote')
		.leftJoin('user', 'user.id', 'localMediationNote.authorId')
		.selectAll('localMediationNote')
		.select('user.name as author')
		.where('blockId', '=', blockId)
		.orderBy('localMediationNote.createdAt')
		.orderBy('localMediationNote.id')
		.execute();
}

export async function insertAction(db: Db, row: Insertable<LocalActionTable>) {
	await db.insertInto('localAction').values(row).execute();
}

export async function updateActionStatus(
	db: Db,
	approachId: string,
	id: string,
	status: LocalActionStatus,
	updatedAt: string
) {
	const r = await db
		.updateTable('localAction')
		.set({ status, updatedAt })
		.where('approachId', '=', approachId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

export async function deleteAction(db: Db, approachId: string, id: string) {
	const r = await db
		.deleteFrom('localAction')
		.where('approachId', '=', approachId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

export async function listActions(db: Db, approachId: string) {
	return db
		.selectFrom('localAction')
		.selectAll()
		.where('approachId', '=', approachId)
		.orderBy('startsOn')
		.orderBy('dueOn')
		.orderBy('createdAt')
		.orderBy('id')
		.execute();
}
