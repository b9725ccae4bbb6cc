import { z } from 'zod';
import { RESOURCE_KIND_VALUES } from '#lib/resource-kinds.ts';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { findNetwork } from '../network/network.repository.ts';
import { requireMember } from '../network/network.policy.ts';
import { canDesignSessions, sessionIdInNetwork } from '../session/session.policy.ts';
import { checkUpload, hasFile, storeFile } from './file.service.ts';
import { indexDocs, removeDocs, themeList } from './search.service.ts';

export const RESOURCE_KINDS = RESOURCE_KIND_VALUES;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Themes typed as "taal, toegankelijkheid": trimmed, lower case, no doubles, at most 10. */
export const parseThemes = (s: string) =>
	[
		...new Set(
			s
				.split(',')
				.map((t) => t.trim().toLowerCase().replace(/\s+/g, ' '))
				.filter(Boolean)
		)
	].slice(0, 10);

export const resourceInput = z
	.object({
		title: z.string().trim().min(1, 'error_required').max(200, 'error_too_long'),
		kind: z.enum(RESOURCE_KINDS, 'error_choose_kind'),
		url: z
			.string()
			.trim()
			.max(2000, 'error_too_long')
			.refine((v) => v === '' || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), 'error_link')
			.default(''),
		description: z.string().trim().max(5000, 'error_too_long').default(''),
		themes: z
			.string()
			.max(500, 'error_too_long')
			.default('')
			.refine((v) => parseThemes(v).every((t) => t.length <= 60), 'error_theme_too_long'),
		sessionId: z.string().max(64).default(''),
		removeFile: z.string().optional()
	})
	.strip();
export type ResourceInput = z.input<typeof resourceInput>;

/** The resource in the search index, in the network's language. */
export async function indexResource(ctx: Ctx, resourceId: string) {
	const r = await ctx.db
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
	await ctx.db.transaction().execute(async (trx) => {
		await removeDocs(trx, { kind: 'resource', sourceId: resourceId });
		if (r)
			await indexDocs(
				trx,
				r.networkId,
				r.language,
				[
					{
						sessionId: r.sessionId,
						kind: 'resource',
						sourceId: r.id,
						title: r.title,
						body: [r.description, r.url].filter(Boolean).join('\n'),
						themes: r.themes.split(',').filter(Boolean),
						link: `/networks/${r.networkId}/resources/${r.id}`
					}
				],
				ctx.now()
			);
	});
}

/** Any member adds a resource to the knowledge base, with a link, a file, or a description. */
export async function createResource(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	raw: ResourceInput,
	file?: unknown
) {
	await requireMember(ctx, actor, networkId);
	const input = parseInput(resourceInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const upload = hasFile(file) ? await checkUpload(file, 'document') : null;
	if (!input.url && !upload && !input.description)
		throw new DomainError('invalid', 'error_resource_empty', 'url');
	const id = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		const fileId = upload ? await storeFile(trx, actor, networkId, upload, ctx.now()) : null;
		await trx
			.insertInto('resource')
			.values({
				id,
				networkId,
				sessionId,
				kind: input.kind,
				title: input.title,
				url: input.url,
				description: input.description,
				themes: themeList(parseThemes(input.themes)),
				fileId,
				addedBy: actor.userId,
				createdAt: now,
				updatedAt: now
			})
			.execute();
	});
	await indexResource(ctx, id);
	return { id };
}

/** The person who added it edits and removes it; facilitators and coordinators curate all. */
async function requireResourceEditor(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	resourceId: string
) {
	const me = await requireMember(ctx, actor, networkId);
	const r = await findResource(ctx, networkId, resourceId);
	if (r.addedBy !== actor.userId && !canDesignSessions(me.role)) throw forbidden();
	return r;
}

async function findResource(ctx: Ctx, networkId: string, resourceId: string) {
	const r = await ctx.db
		.selectFrom('resource')
		.selectAll()
		.where('networkId', '=', networkId)
		.where('id', '=', resourceId)
		.executeTakeFirst();
	if (!r) throw notFound();
	return r;
}

export async function updateResource(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	resourceId: string,
	raw: ResourceInput,
	file?: unknown
) {
	const current = await requireResourceEditor(ctx, actor, networkId, resourceId);
	const input = parseInput(resourceInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const upload = hasFile(file) ? await checkUpload(file, 'document') : null;
	const keepFile = !upload && input.removeFile !== 'yes' ? current.fileId : null;
	if (!input.url && !upload && !keepFile && !input.description)
		throw new DomainError('invalid', 'error_resource_empty', 'url');
	await ctx.db.transaction().execute(async (trx) => {
		const fileId = upload ? await storeFile(trx, actor, networkId, upload, ctx.now()) : keepFile;
		await trx
			.updateTable('resource')
			.set({
				sessionId,
				kind: input.kind,
				title: input.title,
				url: input.url,
				description: input.description,
				themes: themeList(parseThemes(input.themes)),
				fileId,
				updatedAt: iso(ctx.now())
			})
			.where('id', '=', resourceId)
			.execute();
		if (current.fileId && current.fileId !== fileId)
			await trx.deleteFrom('storedFile').where('id', '=', current.fileId).execute();
	});
	await indexResource(ctx, resourceId);
}

export async function deleteResource(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	resourceId: string
) {
	const current = await requireResourceEditor(ctx, actor, networkId, resourceId);
	await ctx.db.transaction().execute(async (trx) => {
		await removeDocs(trx, { kind: 'resource', sourceId: resourceId });
		await trx.deleteFrom('resource').where('id', '=', resourceId).execute();
		if (current.fileId)
			await trx.deleteFrom('storedFile').where('id', '=', current.fileId).execute();
	});
	return { title: current.title };
}

/** Facilitators and coordinators curate: a featured resource is listed first. */
export async function setFeatured(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	resourceId: string,
	featured: boolean
) {
	const me = await requireMember(ctx, actor, networkId);
	if (!canDesignSessions(me.role)) throw forbidden();
	await findResource(ctx, networkId, resourceId);
	await ctx.db
		.updateTable('resource')
		.set({ featured: featured ? 1 : 0 })
		.where('id', '=', resourceId)
		.execute();
}

const listFilter = z.object({
	kind: z.enum(RESOURCE_KINDS).or(z.literal('')).catch(''),
	theme: z.string().trim().max(100).catch(''),
	session: z.string().max(64).catch('')
});

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

function withDetails(ctx: Ctx) {
	return ctx.db
		.selectFrom('resource as r')
		.leftJoin('networkSession as s', 's.id', 'r.sessionId')
		.leftJoin('user as u', 'u.id', 'r.addedBy')
		.leftJoin('storedFile as f', 'f.id', 'r.fileId')
		.select(columns);
}

const shape = <T extends { themes: string; featured: number }>(
	r: T
): Omit<T, 'themes' | 'featured'> & { themes: string[]; featured: boolean } => ({
	...r,
	themes: r.themes.split(',').filter(Boolean),
	featured: r.featured === 1
});

/** The knowledge base: featured first, then newest; filtered by kind, theme and session. */
export async function listResources(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	raw: Record<string, string> = {}
) {
	const me = await requireMember(ctx, actor, networkId);
	const f = listFilter.parse(raw);
	let q = withDetails(ctx).where('r.networkId', '=', networkId);
	if (f.kind) q = q.where('r.kind', '=', f.kind);
	if (f.theme) q = q.where('r.themes', 'like', `%,${f.theme.toLowerCase()},%`);
	if (f.session) q = q.where('r.sessionId', '=', f.session);
	const rows = await q
		.orderBy('r.featured', 'desc')
		.orderBy('r.createdAt', 'desc')
		.limit(500)
		.execute();
	const canCurate = canDesignSessions(me.role);
	return {
		filter: f,
		canCurate,
		resources: rows.map((r) => ({
			...shape(r),
			canEdit: canCurate || r.addedBy === actor!.userId
		}))
	};
}

export async function getResource(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	resourceId: string
) {
	const me = await requireMember(ctx, actor, networkId);
	const r = await withDetails(ctx)
		.where('r.networkId', '=', networkId)
		.where('r.id', '=', resourceId)
		.executeTakeFirst();
	if (!r) throw notFound();
	const canCurate = canDesignSessions(me.role);
	return { ...shape(r), canCurate, canEdit: canCurate || r.addedBy === actor!.userId };
}

/** Every theme used in the network (resources and sessions), for the filters. */
export async function listThemes(ctx: Ctx, networkId: string) {
	const [resources, sessions] = await Promise.all([
		ctx.db.selectFrom('resource').select('themes').where('networkId', '=', networkId).execute(),
		ctx.db
			.selectFrom('networkSession')
			.select('theme')
			.where('networkId', '=', networkId)
			.where('theme', '!=', '')
			.execute()
	]);
	const all = new Set<string>();
	for (const r of resources) for (const t of r.themes.split(',')) if (t) all.add(t);
	for (const s of sessions) all.add(s.theme.trim().toLowerCase());
	const lang = (await findNetwork(ctx.db, networkId))?.language ?? 'nl';
	return [...all].sort((a, b) => a.localeCompare(b, lang));
}

/** The resources attached to a session, for its report. */
export async function sessionResources(ctx: Ctx, sessionId: string) {
	const rows = await withDetails(ctx)
		.where('r.sessionId', '=', sessionId)
		.orderBy('r.featured', 'desc')
		.orderBy('r.createdAt')
		.execute();
	return rows.map(shape);
}

/** The network's sessions as choices for a resource or a filter, newest first. */
export async function sessionOptions(ctx: Ctx, networkId: string) {
	const rows = await ctx.db
		.selectFrom('networkSession')
		.select(['id', 'title', 'number', 'startsAt'])
		.where('networkId', '=', networkId)
		.orderBy('startsAt', 'desc')
		.limit(300)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: [
			r.number ? `${r.number}.` : '',
			r.title,
			r.startsAt ? `(${r.startsAt.slice(0, 10)})` : ''
		]
			.filter(Boolean)
			.join(' ')
	}));
}
