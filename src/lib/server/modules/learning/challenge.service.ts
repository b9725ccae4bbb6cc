import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { sessionHarvest } from '../live/index.ts';
import { findSessionInNetwork } from '../session/index.ts';
import * as repo from './challenge.repository.ts';
import { canShape } from './learning.policy.ts';
import { learner, shaper } from './learning.read.ts';
import {
	challengeInput,
	chooseThemesInput,
	clusterInput,
	harvestInput,
	themeInput
} from './learning.schema.ts';

/**
 * A member brings a challenge, for their organisation (and so its region) or anonymously. An
 * anonymous challenge keeps no author, organisation or region, and only the day it came in.
 */
export async function bringChallenge(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await learner(ctx, actor, networkId);
	const input = parseInput(challengeInput, raw);
	const now = ctx.now();
	const id = newId();
	if (input.anonymous) {
		await repo.insertChallenges(ctx.db, [
			{
				id,
				networkId,
				text: input.text,
				isAnonymous: 1,
				createdAt: `${iso(now).slice(0, 10)}T00:00:00.000Z`
			}
		]);
		return id;
	}
	const orgId = input.organisationId || m.organisationId;
	const org = orgId ? await repo.findOrganisationInNetwork(ctx.db, networkId, orgId) : undefined;
	if (input.organisationId && !org)
		throw new DomainError('invalid', 'error_learning_organisation', 'organisationId');
	await repo.insertChallenges(ctx.db, [
		{
			id,
			networkId,
			text: input.text,
			authorId: m.userId,
			organisationId: org?.id ?? null,
			region: org?.region ?? '',
			createdAt: iso(now)
		}
	]);
	return id;
}

/** Its author takes a challenge back; a leader may remove any (an anonymous one only so). */
export async function removeChallenge(ctx: Ctx, actor: Actor, networkId: string, id: string) {
	const m = await learner(ctx, actor, networkId);
	const c = await repo.findChallenge(ctx.db, networkId, id);
	if (!c) throw notFound();
	if (!canShape(m) && c.authorId !== m.userId) throw forbidden();
	await repo.deleteChallenge(ctx.db, c.id);
}

/** A leader names a theme to cluster challenges into. */
export async function createTheme(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await shaper(ctx, actor, networkId);
	const { name } = parseInput(themeInput, raw);
	if (await repo.findThemeByName(ctx.db, networkId, null, name))
		throw new DomainError('conflict', 'error_learning_theme_exists', 'name');
	const id = newId();
	await repo.insertTheme(ctx.db, {
		id,
		networkId,
		name,
		sessionId: null,
		createdAt: iso(ctx.now())
	});
	return id;
}

/**
 * Puts one or many challenges into a theme at once (or out of any). A theme or a challenge of
 * another network is refused as not found, and nothing moves.
 */
export async function clusterChallenges(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await shaper(ctx, actor, networkId);
	const input = parseInput(clusterInput, raw);
	const themeId = input.themeId || null;
	if (themeId && !(await repo.findTheme(ctx.db, networkId, themeId))) throw notFound();
	return ctx.db.transaction().execute(async (trx) => {
		const ids = [...new Set(input.challengeIds)];
		const moved = await repo.setChallengesTheme(trx, networkId, ids, themeId);
		if (moved !== ids.length) throw notFound();
		return moved;
	});
}

/** The themes the room chose, of one session's (or of those made on a page: sessionId empty). */
export async function chooseThemes(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: unknown
) {
	await shaper(ctx, actor, networkId);
	const { themeIds } = parseInput(chooseThemesInput, raw);
	const scope = sessionId || null;
	for (const id of themeIds) {
		const t = await repo.findTheme(ctx.db, networkId, id);
		if (!t || t.sessionId !== scope) throw notFound();
	}
	await repo.setChosenThemes(ctx.db, networkId, scope, themeIds);
}

/**
 * Takes a session's post-it rounds over as challenges (each post-it once, however often this
 * runs), their clusters as themes with the dots the room gave them, and chooses the top themes.
 * Where a round was not anonymous, a challenge says which organisation and region brought it.
 * Nothing is retyped: the breakout groups' lines become draft learning questions on the
 * theme's page (see `themeDrafts`).
 */
export async function harvestSession(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await shaper(ctx, actor, networkId);
	const input = parseInput(harvestInput, raw);
	const session = await findSessionInNetwork(ctx, networkId, input.sessionId);
	const harvest = await sessionHarvest(ctx, session.id);
	const now = iso(ctx.now());
	const writers = [
		...new Set(
			harvest.rounds.flatMap((r) => r.postits.map((p) => p.userId).filter((u) => u !== null))
		)
	];
	return ctx.db.transaction().execute(async (trx) => {
		const origins = await repo.listMemberOrigins(trx, networkId, writers);
		const taken = await repo.listTakenPostits(
			trx,
			harvest.rounds.flatMap((r) => r.postits.map((p) => p.id))
		);
		let added = 0;
		const themes = new Map<string, { id: string; votes: number | null }>();
		for (const round of harvest.rounds) {
			const votes = harvest.votes.filter((v) => v.sourceStepId === round.stepId);
			for (const p of round.postits) {
				let themeId: string | null = null;
				if (p.cluster) {
					let t = themes.get(p.cluster);
					if (!t) {
						const found = await repo.findThemeByName(trx, networkId, session.id, p.cluster);
						t = { id: found?.id ?? newId(), votes: null };
						if (!found)
							await repo.insertTheme(trx, {
								id: t.id,
								networkId,
								name: p.cluster,
								sessionId: session.id,
								createdAt: now
							});
						themes.set(p.cluster, t);
					}
					if (votes.length)
						t.votes = (t.votes ?? 0) + votes.reduce((n, v) => n + (v.dots.get(p.id) ?? 0), 0);
					themeId = t.id;
				}
				if (taken.has(p.id)) continue;
				const origin = p.userId ? origins.get(p.userId) : undefined;
				await repo.insertChallenges(trx, [
					{
						id: newId(),
						networkId,
						themeId,
						text: p.text,
						authorId: round.isAnonymous ? null : p.userId,
						organisationId: round.isAnonymous ? null : (origin?.organisationId ?? null),
						region: round.isAnonymous ? '' : (origin?.region ?? ''),
						isAnonymous: round.isAnonymous ? 1 : 0,
						sessionId: session.id,
						postitId: p.id,
						// As on the page: an anonymous challenge keeps only the day, not the moment.
						createdAt: round.isAnonymous ? `${now.slice(0, 10)}T00:00:00.000Z` : now
					}
				]);
				added++;
			}
		}
		for (const t of themes.values())
			if (t.votes !== null) await repo.setThemeVotes(trx, t.id, t.votes);
		const ranked = [...themes.values()]
			.filter((t) => (t.votes ?? 0) > 0)
			.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
		const chosen = ranked.slice(0, input.choose).map((t) => t.id);
		if (chosen.length) await repo.setChosenThemes(trx, networkId, session.id, chosen);
		return { challenges: added, themes: themes.size, chosen: chosen.length };
	});
}
