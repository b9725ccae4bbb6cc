import { z } from 'zod';
import type { Actor, Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { text, token } from '../../validation.ts';
import { findNetwork } from '../network/network.repository.ts';
import { requireMember } from '../network/network.policy.ts';
import { canDesignSessions } from '../session/session.policy.ts';
import { RESOURCE_KINDS } from './resource.service.ts';

/** Reading the knowledge base: lists, one resource, themes and sessions for the filters. */

const listFilter = z.object({
	kind: z.enum(RESOURCE_KINDS).or(z.literal('')).catch(''),
	theme: text(100).catch(''),
	session: token().catch('')
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
