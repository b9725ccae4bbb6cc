import type { Actor, Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { findNetwork } from '../network/index.ts';
import { requireMember } from '../network/index.ts';
import { canCurateResources, canEditResource } from './knowledge.policy.ts';
import { resourceFilter } from './knowledge.schema.ts';
import * as repo from './resource.repository.ts';

/** Reading the knowledge base: lists, one resource, themes and sessions for the filters. */

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
	const f = resourceFilter.parse(raw);
	const rows = await repo.listResourcesOf(ctx.db, networkId, f);
	const canCurate = canCurateResources(me.role);
	return {
		filter: f,
		canCurate,
		resources: rows.map((r) => ({
			...shape(r),
			canEdit: canEditResource({ role: me.role, userId: actor!.userId, addedBy: r.addedBy })
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
	const r = await repo.findResourceDetails(ctx.db, networkId, resourceId);
	if (!r) throw notFound();
	const canCurate = canCurateResources(me.role);
	return {
		...shape(r),
		canCurate,
		canEdit: canEditResource({ role: me.role, userId: actor!.userId, addedBy: r.addedBy })
	};
}

/** Every theme used in the network (resources and sessions), for the filters. */
export async function listThemes(ctx: Ctx, networkId: string) {
	const [resources, sessions] = await Promise.all([
		repo.listResourceThemes(ctx.db, networkId),
		repo.listSessionThemes(ctx.db, networkId)
	]);
	const all = new Set<string>();
	for (const themes of resources) for (const t of themes.split(',')) if (t) all.add(t);
	for (const theme of sessions) all.add(theme.trim().toLowerCase());
	const lang = (await findNetwork(ctx.db, networkId))?.language ?? 'nl';
	return [...all].sort((a, b) => a.localeCompare(b, lang));
}

/** The resources attached to a session, for its report. */
export async function sessionResources(ctx: Ctx, sessionId: string) {
	return (await repo.listSessionResources(ctx.db, sessionId)).map(shape);
}

/** The network's sessions as choices for a resource or a filter, newest first. */
export async function sessionOptions(ctx: Ctx, networkId: string) {
	const rows = await repo.listSessionChoices(ctx.db, networkId);
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
