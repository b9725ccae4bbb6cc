import { z } from 'zod';
import { RESOURCE_KIND_VALUES } from '#lib/resource-kinds.ts';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { optionalText, parseInput, requiredText, text, token } from '../../validation.ts';
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
		title: requiredText(200),
		kind: z.enum(RESOURCE_KINDS, 'error_choose_kind'),
		url: text(2000)
			.refine((v) => v === '' || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), 'error_link')
			.default(''),
		description: optionalText(5000),
		themes: text(500)
			.default('')
			.refine((v) => parseThemes(v).every((t) => t.length <= 60), 'error_theme_too_long'),
		sessionId: token().default(''),
		removeFile: token().optional()
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
