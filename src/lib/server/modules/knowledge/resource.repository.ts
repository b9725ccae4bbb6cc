import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { ResourceFilter, ResourceKind } from './knowledge.schema.ts';

/** The knowledge base's resources. Never sees the actor. */
type Db = Kysely<Database>;

const columns = [
	'r.id',
	'r.kind',
	'r.title',
	'r.url',
	'r.description',
	'r.themes',
	'r.fileId',
	'r.featured',
	'r.sessionId',
	'r.addedBy',
	'r.createdAt',
	'r.updatedAt',
	's.title as sessionTitle',
	'u.name as addedByName',
	'f.name as fileName',
	'f.size as fileSize'
] as const;

function withDetails(db: Db) {
	return db
		.selectFrom('resource as r')
		.leftJoin('networkSession as s', 's.id', 'r.sessionId')
		.leftJoin('user as u', 'u.id', 'r.addedBy')
		.leftJoin('storedFile as f', 'f.id', 'r.fileId')
		.select(columns);
}

/** Featured first, then newest; filtered by kind, theme and session. */
export function listResourcesOf(db: Db, networkId: string, f: ResourceFilter, limit = 500) {
	let q = withDetails(db).where('r.networkId', '=', networkId);
	if (f.kind) q = q.where('r.kind', '=', f.kind);
	if (f.theme) q = q.where('r.themes', 'like', `%,${f.theme.toLowerCase()},%`);
	if (f.session) q = q.where('r.sessionId', '=', f.session);
	return q.orderBy('r.featured', 'desc').orderBy('r.createdAt', 'desc').limit(limit).execute();
}

/** One resource of the network with who added it, its session and its file. */
export function findResourceDetails(db: Db, networkId: string, resourceId: string) {
	return withDetails(db)
		.where('r.networkId', '=', networkId)
		.where('r.id', '=', resourceId)
		.executeTakeFirst();
}

/** The resources attached to a session, featured first, then as they were added. */
export function listSessionResources(db: Db, sessionId: string) {
	return withDetails(db)
		.where('r.sessionId', '=', sessionId)
		.orderBy('r.featured', 'desc')
		.orderBy('r.createdAt')
		.execute();
}

/** The bare row, for the checks before an edit. */
export function findResource(db: Db, networkId: string, resourceId: string) {
	return db
		.selectFrom('resource')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', resourceId)
		.executeTakeFirst();
}

/** What the index holds of a resource, with its network's language. */
export function findResourceForIndex(db: Db, resourceId: string) {
	return db
		.selectFrom('resource as r')
		.innerJoin('network as n', 'n.id', 'r.networkId')
		.select([
			'r.id',
			'r.networkId',
			'r.sessionId',
			'r.title',
			'r.description',
			'r.url',
			'r.themes',
			'n.language'
		])
		.where('r.id', '=', resourceId)
		.executeTakeFirst();
}

export async function listResourceIds(db: Db, networkId: string) {
	const rows = await db
		.selectFrom('resource')
		.select('id')
		.where('networkId', '=', networkId)
		.execute();
	return rows.map((r) => r.id);
}

interface ResourceFields {
	sessionId: string | null;
	kind: ResourceKind;
	title: string;
	url: string;
	description: string;
	/** As stored (see themeList). */
	themes: string;
	fileId: string | null;
}

export async function insertResource(
	db: Db,
	r: ResourceFields & { id: string; networkId: string; addedBy: string; createdAt: string }
) {
	await db
		.insertInto('resource')
		.values({ ...r, updatedAt: r.createdAt })
		.execute();
}

export async function updateResourceRow(
	db: Db,
	resourceId: string,
	r: ResourceFields & { updatedAt: string }
) {
	await db.updateTable('resource').set(r).where('id', '=', resourceId).execute();
}

export async function deleteResourceRow(db: Db, resourceId: string) {
	await db.deleteFrom('resource').where('id', '=', resourceId).execute();
}

export async function setResourceFeatured(db: Db, resourceId: string, featured: boolean) {
	await db
		.updateTable('resource')
		.set({ featured: featured ? 1 : 0 })
		.where('id', '=', resourceId)
		.execute();
}

/** Every theme list of the network's resources (as stored). */
export async function listResourceThemes(db: Db, networkId: string) {
	const rows = await db
		.selectFrom('resource')
		.select('themes')
		.where('networkId', '=', networkId)
		.execute();
	return rows.map((r) => r.themes);
}

// The network's sessions as the knowledge base offers them (the session module's table).

/** The themes of the network's sessions that have one. */
export async function listSessionThemes(db: Db, networkId: string) {
	const rows = await db
		.selectFrom('networkSession')
		.select('theme')
		.where('networkId', '=', networkId)
		.where('theme', '!=', '')
		.execute();
	return rows.map((r) => r.theme);
}

/** The network's sessions, newest first. */
export function listSessionChoices(db: Db, networkId: string, limit = 300) {
	return db
		.selectFrom('networkSession')
		.select(['id', 'title', 'number', 'startsAt'])
		.where('networkId', '=', networkId)
		.orderBy('startsAt', 'desc')
		.limit(limit)
		.execute();
}
