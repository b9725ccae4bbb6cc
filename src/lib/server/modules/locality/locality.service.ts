import { todayIn } from '#lib/dates.ts';
import { z } from 'zod';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { Membership } from '../../db/types.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { parseInput, token } from '../../validation.ts';
import { listActiveMembers, requireMember } from '../network/index.ts';
import {
	canDefineFramework,
	canStartApproach,
	leadsApproach,
	worksOnApproach
} from './locality.policy.ts';
import {
	approachInput,
	frameworkInput,
	snapshotInput,
	startInput,
	splitLines
} from './locality.schema.ts';
import * as repo from './locality.repository.ts';

type Approach = NonNullable<Awaited<ReturnType<typeof repo.findApproach>>>;
export interface ApproachScope {
	m: Membership;
	approach: Approach;
	team: string[];
}

/** A posted form: the services that read ticked checkboxes take it whole. */
export type FormValues = Record<string, string>;

export const invalid = (key: string, field: string) => new DomainError('invalid', key, field);
/** The ids ticked in a form, one checkbox per id named `<prefix><id>`. */
export const tickedIds = (values: FormValues, prefix: string) =>
	Object.keys(values)
		.filter((k) => k.startsWith(prefix) && values[k] === 'on')
		.map((k) => k.slice(prefix.length));

/** The approach, for the people who work on it; to anyone else it does not exist. */
export async function approachOf(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string
): Promise<ApproachScope> {
	const m = await requireMember(ctx, actor, networkId);
	const approach = await repo.findApproach(ctx.db, networkId, approachId);
	if (!approach) throw notFound();
	const team = (await repo.listTeams(ctx.db, [approach.id])).map((t) => t.userId);
	if (!worksOnApproach(m, { coordinatorId: approach.coordinatorId, team })) throw notFound();
	return { m, approach, team };
}

const scopeAccess = (s: ApproachScope) => ({
	coordinatorId: s.approach.coordinatorId,
	team: s.team
});

/** Team members must be active members of the network; anything else is refused. */
async function checkTeam(ctx: Ctx, networkId: string, ids: string[]) {
	const members = new Set((await listActiveMembers(ctx.db, networkId)).map((u) => u.id));
	if (ids.some((id) => !members.has(id))) throw invalid('error_local_team', 'team');
	return [...new Set(ids)];
}

async function checkFramework(ctx: Ctx, networkId: string, frameworkId: string) {
	if (!frameworkId) return null;
	const all = await repo.listFrameworks(ctx.db, networkId);
	if (!all.some((f) => f.id === frameworkId)) throw invalid('error_local_framework', 'frameworkId');
	return frameworkId;
}

/** A network's own indicator framework, for later snapshots to score the same way. */
export async function defineFramework(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await requireMember(ctx, actor, networkId);
	if (!canDefineFramework(m)) throw forbidden();
	const input = parseInput(frameworkInput, raw);
	const id = newId();
	await ctx.db.transaction().execute((trx) =>
		repo.insertFramework(
			trx,
			{
				id,
				networkId,
				name: input.name,
				levels: splitLines(input.levels),
				createdAt: iso(ctx.now())
			},
			splitLines(input.indicators).map((name) => ({ id: newId(), name }))
		)
	);
	return id;
}

/** Removes a framework no approach uses (one in use would change earlier snapshots' scores). */
export async function removeFramework(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const m = await requireMember(ctx, actor, networkId);
	if (!canDefineFramework(m)) throw forbidden();
	const { frameworkId } = parseInput(z.object({ frameworkId: token() }), raw);
	const all = await repo.listFrameworks(ctx.db, networkId);
	if (!all.some((f) => f.id === frameworkId)) throw notFound();
	if ((await repo.countApproachesUsing(ctx.db, frameworkId)) > 0)
		throw new DomainError('conflict', 'error_local_framework_in_use');
	await repo.deleteFramework(ctx.db, networkId, frameworkId);
}

/** Starts a local approach, led by whoever starts it, with its first snapshot to fill. */
export async function startApproach(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	raw: unknown,
	teamIds: string[] = []
) {
	const m = await requireMember(ctx, actor, networkId);
	if (!canStartApproach(m)) throw forbidden();
	const input = parseInput(startInput, raw);
	const frameworkId = await checkFramework(ctx, networkId, input.frameworkId);
	const team = await checkTeam(ctx, networkId, teamIds);
	const id = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertApproach(trx, {
			id,
			networkId,
			name: input.name,
			placeKind: input.placeKind,
			people: input.people,
			stage: input.stage,
			frameworkId,
			coordinatorId: m.userId,
			createdAt: now,
			updatedAt: now
		});
		await repo.setTeam(
			trx,
			id,
			team.filter((u) => u !== m.userId)
		);
		await repo.insertSnapshot(trx, {
			id: newId(),
			approachId: id,
			number: 1,
			takenOn: input.takenOn || todayIn(ctx.now()),
			createdAt: now
		});
	});
	return id;
}

/** The approach's place, people, stage and framework; its team only by the one who leads it. */
export async function editApproach(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	raw: unknown,
	teamIds: string[] | null = null
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const input = parseInput(approachInput, raw);
	const frameworkId = await checkFramework(ctx, networkId, input.frameworkId);
	if (frameworkId !== s.approach.frameworkId && s.approach.frameworkId !== null) {
		const scored = await repo.listScores(
			ctx.db,
			(await repo.listSnapshots(ctx.db, s.approach.id)).map((x) => x.id)
		);
		if (scored.length) throw invalid('error_local_framework_scored', 'frameworkId');
	}
	const team = teamIds === null ? null : await checkTeam(ctx, networkId, teamIds);
	if (team !== null && !leadsApproach(s.m, scopeAccess(s)) && !sameSet(team, s.team))
		throw forbidden();
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateApproach(trx, s.approach.id, {
			name: input.name,
			placeKind: input.placeKind,
			people: input.people,
			stage: input.stage,
			frameworkId,
			updatedAt: iso(ctx.now())
		});
		if (team !== null)
			await repo.setTeam(
				trx,
				s.approach.id,
				team.filter((u) => u !== s.approach.coordinatorId)
			);
	});
}

const sameSet = (a: string[], b: string[]) =>
	a.length === b.length && a.every((x) => b.includes(x));

export async function removeApproach(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	if (!leadsApproach(s.m, scopeAccess(s))) throw forbidden();
	await repo.deleteApproach(ctx.db, s.approach.id);
}

/** A later snapshot, numbered after the last; it is compared with the one before it. */
export async function takeSnapshot(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	raw: unknown
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const input = parseInput(snapshotInput, raw);
	const snapshots = await repo.listSnapshots(ctx.db, s.approach.id);
	const id = newId();
	await repo.insertSnapshot(ctx.db, {
		id,
		approachId: s.approach.id,
		number: (snapshots.at(-1)?.number ?? 0) + 1,
		takenOn: input.takenOn,
		summary: input.summary,
		createdAt: iso(ctx.now())
	});
	return id;
}

/** A snapshot of an approach the actor works on. */
export async function snapshotOf(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string,
	snapshotId: string
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const snapshots = await repo.listSnapshots(ctx.db, s.approach.id);
	const snapshot = snapshots.find((x) => x.id === snapshotId);
	if (!snapshot) throw notFound();
	return { ...s, snapshot, snapshots };
}
