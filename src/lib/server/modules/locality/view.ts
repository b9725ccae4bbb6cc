import type { Actor, Ctx } from '../../context.ts';
import { listActiveMembers, requireMember } from '../network/index.ts';
import {
	canDefineFramework,
	canStartApproach,
	leadsApproach,
	worksOnApproach
} from './locality.policy.ts';
import * as repo from './locality.repository.ts';
import { approachOf, snapshotOf } from './locality.service.ts';
import { interviewOf } from './evidence.service.ts';
import { blockOf } from './block.service.ts';

/** What the pages of the local approach show, each read once per page. */

/** The network's approaches the actor works on, and what they may start. */
export async function localIndex(ctx: Ctx, actor: Actor | null, networkId: string) {
	const m = await requireMember(ctx, actor, networkId);
	const all = await repo.listApproaches(ctx.db, networkId);
	const teams = await repo.listTeams(
		ctx.db,
		all.map((a) => a.id)
	);
	const approaches = all.filter((a) =>
		worksOnApproach(m, {
			coordinatorId: a.coordinatorId,
			team: teams.filter((t) => t.approachId === a.id).map((t) => t.userId)
		})
	);
	const canStart = canStartApproach(m);
	return {
		approaches: approaches.map((a) => ({
			id: a.id,
			name: a.name,
			placeKind: a.placeKind,
			stage: a.stage,
			updatedAt: a.updatedAt
		})),
		canStart,
		canDefine: canDefineFramework(m),
		frameworks: (await repo.listFrameworks(ctx.db, networkId)).map((f) => ({
			id: f.id,
			name: f.name,
			levels: f.levels,
			indicators: f.indicators.map((i) => i.name)
		})),
		members: canStart ? await listActiveMembers(ctx.db, networkId) : [],
		me: m.userId
	};
}

type Finding = Awaited<ReturnType<typeof repo.listFindings>>[number];

/** The approach's findings with what each rests on, named. */
async function trail(ctx: Ctx, snapshotIds: string[]) {
	const [findings, interviews, sources] = await Promise.all([
		repo.listFindings(ctx.db, snapshotIds),
		repo.listInterviews(ctx.db, snapshotIds),
		repo.listSources(ctx.db, snapshotIds)
	]);
	const named = (f: Finding) => ({
		id: f.id,
		snapshotId: f.snapshotId,
		kind: f.kind,
		text: f.text,
		interviews: interviews
			.filter((i) => f.interviewIds.includes(i.id))
			.map((i) => ({ id: i.id, interviewee: i.interviewee, role: i.role })),
		sources: sources
			.filter((x) => f.sourceIds.includes(x.id))
			.map((x) => ({ id: x.id, title: x.title, kind: x.kind }))
	});
	return { findings: findings.map(named), interviews, sources };
}

/** One approach: its facts and team, its snapshots, the building blocks chosen and the plan. */
export async function approachPage(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const a = s.approach;
	const [snapshots, blocks, actions, members, frameworks, team] = await Promise.all([
		repo.listSnapshots(ctx.db, a.id),
		repo.listBlocks(ctx.db, a.id),
		repo.listActions(ctx.db, a.id),
		listActiveMembers(ctx.db, networkId),
		repo.listFrameworks(ctx.db, networkId),
		repo.listTeams(ctx.db, [a.id])
	]);
	const t = await trail(
		ctx,
		snapshots.map((x) => x.id)
	);
	const agreements = await repo.listAgreements(
		ctx.db,
		blocks.map((b) => b.id)
	);
	const coordinator = members.find((u) => u.id === a.coordinatorId)?.name ?? null;
	return {
		approach: {
			id: a.id,
			name: a.name,
			placeKind: a.placeKind,
			people: a.people,
			stage: a.stage,
			frameworkId: a.frameworkId,
			framework: frameworks.find((f) => f.id === a.frameworkId)?.name ?? null,
			coordinatorId: a.coordinatorId,
			coordinator
		},
		team: team.map((x) => ({ id: x.userId, name: x.name })),
		leads: leadsApproach(s.m, { coordinatorId: a.coordinatorId, team: s.team }),
		members,
		frameworks: frameworks.map((f) => ({ id: f.id, name: f.name })),
		snapshots: snapshots.map((x) => ({
			id: x.id,
			number: x.number,
			takenOn: x.takenOn,
			summary: x.summary,
			sources: t.sources.filter((y) => y.snapshotId === x.id).length,
			interviews: t.interviews.filter((y) => y.snapshotId === x.id).length,
			findings: t.findings.filter((y) => y.snapshotId === x.id).length
		})),
		findings: t.findings,
		blocks: blocks.map((b) => ({
			id: b.id,
			kind: b.kind,
			title: b.title,
			reason: b.reason,
			principles: b.principles,
			tension: b.tension,
			parties: b.parties,
			outcome: b.outcome,
			mediator: b.mediator,
			findings: t.findings.filter((f) => b.findingIds.includes(f.id)),
			agreements: agreements.filter((x) => x.blockId === b.id),
			actions: actions.filter((x) => x.blockId === b.id)
		}))
	};
}

/**
 * One snapshot: its sources and interviews, the findings with what they rest on, its scores on
 * the framework, and, for a later snapshot, the comparison with the one before it.
 */
export async function snapshotPage(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string,
	snapshotId: string
) {
	const s = await snapshotOf(ctx, actor, networkId, approachId, snapshotId);
	const previous = s.snapshots.filter((x) => x.number < s.snapshot.number).at(-1) ?? null;
	const ids = [s.snapshot.id, ...(previous ? [previous.id] : [])];
	const t = await trail(ctx, ids);
	const notes = await repo.listNotes(
		ctx.db,
		t.interviews.filter((i) => i.snapshotId === s.snapshot.id).map((i) => i.id)
	);
	const framework =
		(await repo.listFrameworks(ctx.db, networkId)).find((f) => f.id === s.approach.frameworkId) ??
		null;
	const scores = await repo.listScores(ctx.db, ids);
	const reviews = await repo.listReviews(ctx.db, [s.snapshot.id]);
	const scoreOf = (snapshot: string | undefined, indicator: string) =>
		scores.find((x) => x.snapshotId === snapshot && x.indicatorId === indicator) ?? null;
	const themes = new Map<string, number>();
	for (const n of notes) for (const th of n.themes) themes.set(th, (themes.get(th) ?? 0) + 1);
	return {
		approach: { id: s.approach.id, name: s.approach.name },
		snapshot: s.snapshot,
		previous: previous
			? { id: previous.id, number: previous.number, takenOn: previous.takenOn }
			: null,
		sources: t.sources.filter((x) => x.snapshotId === s.snapshot.id),
		interviews: t.interviews
			.filter((i) => i.snapshotId === s.snapshot.id)
			.map((i) => ({
				...i,
				notes: notes.filter((n) => n.interviewId === i.id).length,
				quotes: notes.filter((n) => n.interviewId === i.id && n.isQuote).length
			})),
		findings: t.findings.filter((f) => f.snapshotId === s.snapshot.id),
		themes: [...themes.entries()]
			.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
			.map(([theme, count]) => ({ theme, count })),
		framework: framework && {
			name: framework.name,
			levels: framework.levels,
			indicators: framework.indicators.map((i) => {
				const now = scoreOf(s.snapshot.id, i.id);
				const before = previous ? scoreOf(previous.id, i.id) : null;
				return {
					id: i.id,
					name: i.name,
					level: now?.level ?? null,
					evidence: now?.evidence ?? '',
					before: before?.level ?? null,
					change: now && before ? now.level - before.level : null
				};
			})
		},
		/** The previous snapshot's improvement points, and whether this one finds them addressed. */
		points: previous
			? t.findings
					.filter((f) => f.snapshotId === previous.id && f.kind === 'improvement')
					.map((f) => {
						const r = reviews.find((x) => x.findingId === f.id);
						return { id: f.id, text: f.text, addressed: r?.addressed ?? null, note: r?.note ?? '' };
					})
			: []
	};
}

/** One interview: who and when, the consent, and the coded notes. */
export async function interviewPage(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string,
	interviewId: string
) {
	const s = await interviewOf(ctx, actor, networkId, approachId, interviewId);
	const notes = await repo.listNotes(ctx.db, [s.interview.id]);
	// The themes already used in this approach, offered so that codes stay the same.
	const snapshots = await repo.listSnapshots(ctx.db, s.approach.id);
	const all = await repo.listNotes(
		ctx.db,
		(
			await repo.listInterviews(
				ctx.db,
				snapshots.map((x) => x.id)
			)
		).map((i) => i.id)
	);
	return {
		approach: { id: s.approach.id, name: s.approach.name },
		snapshot: { id: s.snapshot.id, number: s.snapshot.number },
		interview: s.interview,
		notes,
		themes: [...new Set(all.flatMap((n) => n.themes))].sort()
	};
}

/** One building block; a mediation's notes only for its two readers. */
export async function blockPage(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string,
	blockId: string
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	const snapshots = await repo.listSnapshots(ctx.db, b.approach.id);
	const t = await trail(
		ctx,
		snapshots.map((x) => x.id)
	);
	return {
		approach: { id: b.approach.id, name: b.approach.name },
		block: b.block,
		works: b.works,
		leads: leadsApproach(b.m, { coordinatorId: b.approach.coordinatorId, team: b.team }),
		readsNotes: b.readsNotes,
		findings: b.works ? t.findings : [],
		agreements: await repo.listAgreements(ctx.db, [b.block.id]),
		notes: b.readsNotes ? await repo.listMediationNotes(ctx.db, b.block.id) : [],
		members:
			b.works && b.block.kind === 'mediation' ? await listActiveMembers(ctx.db, networkId) : []
	};
}
