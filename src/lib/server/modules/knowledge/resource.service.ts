import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { requireMember } from '../network/index.ts';
import { sessionIdInNetwork } from '../session/index.ts';
import { checkUpload, discardFile, hasFile, storeFile } from './file.service.ts';
import { allowCurator, allowResourceEditor } from './knowledge.policy.ts';
import { parseThemes, resourceInput, themeList } from './knowledge.schema.ts';
import * as repo from './resource.repository.ts';
import { indexDocs, removeDocs } from './search.service.ts';

/** The resource in the search index, in the network's language. */
export async function indexResource(ctx: Ctx, resourceId: string) {
	const r = await repo.findResourceForIndex(ctx.db, resourceId);
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

/** Every resource of a network indexed again (after the network's language changed). */
export async function reindexResources(ctx: Ctx, networkId: string) {
	for (const id of await repo.listResourceIds(ctx.db, networkId)) await indexResource(ctx, id);
}

/** Any member adds a resource to the knowledge base, with a link, a file, or a description. */
export async function createResource(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	raw: unknown,
	file?: unknown
) {
	await requireMember(ctx, actor, networkId);
	const input = parseInput(resourceInput, raw);
	const sessionId = await sessionIdInNetwork(ctx, networkId, input.sessionId);
	const upload = hasFile(file) ? await checkUpload(file, 'document') : null;
	if (!input.url && !upload && !input.description)
		throw new DomainError('invalid', 'error_resource_empty', 'url');
	const id = newId();
	await ctx.db.transaction().execute(async (trx) => {
		const fileId = upload ? await storeFile(trx, actor, networkId, upload, ctx.now()) : null;
		await repo.insertResource(trx, {
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
			createdAt: iso(ctx.now())
		});
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
	allowResourceEditor({ role: me.role, userId: actor.userId, addedBy: r.addedBy });
	return r;
}

async function findResource(ctx: Ctx, networkId: string, resourceId: string) {
	const r = await repo.findResource(ctx.db, networkId, resourceId);
	if (!r) throw notFound();
	return r;
}

export async function updateResource(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	resourceId: string,
	raw: unknown,
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
		await repo.updateResourceRow(trx, resourceId, {
			sessionId,
			kind: input.kind,
			title: input.title,
			url: input.url,
			description: input.description,
			themes: themeList(parseThemes(input.themes)),
			fileId,
			updatedAt: iso(ctx.now())
		});
		if (current.fileId && current.fileId !== fileId) await discardFile(trx, current.fileId);
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
		await repo.deleteResourceRow(trx, resourceId);
		if (current.fileId) await discardFile(trx, current.fileId);
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
	allowCurator(me.role);
	await findResource(ctx, networkId, resourceId);
	await repo.setResourceFeatured(ctx.db, resourceId, featured);
}
