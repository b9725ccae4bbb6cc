import { iso, type Actor, type Ctx } from '../../context.ts';
import { findOrganisation, requireMember } from '../network/index.ts';
import { MIN_ORGANISATIONS_FOR_AVERAGE } from './partnership.policy.ts';
import { DIMENSIONS, type Dimension } from './partnership.schema.ts';
import { partnerOf } from './partner.service.ts';
import * as repo from './partner.repository.ts';

type Evaluation = Awaited<ReturnType<typeof repo.listEvaluations>>[number];
type Levels = Record<Dimension, number>;

const levelsOf = (e: Evaluation): Levels =>
	Object.fromEntries(
		DIMENSIONS.map((d) => [d, e.scores.find((s) => s.dimension === d)?.level ?? 0])
	) as Levels;

/** The day a re-evaluation falls due: the latest evaluation's day plus the partner's interval. */
export function dueOn(evaluatedOn: string, months: number): string {
	const [y, mo, d] = evaluatedOn.split('-').map(Number) as [number, number, number];
	const due = new Date(Date.UTC(y, mo - 1 + months, 1));
	// The same day of the month, or the month's last day when it has fewer days.
	const last = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
	due.setUTCDate(Math.min(d, last));
	return due.toISOString().slice(0, 10);
}

/**
 * The step plan across the network's organisations, as aggregates only: how many organisations
 * keep an inventory, how many partners are evaluated and re-evaluated, and (once at least
 * three organisations evaluated) the average latest level and change per dimension.
 */
export async function stepPlanProgress(ctx: Ctx, networkId: string) {
	const levels = await repo.listNetworkLevels(ctx.db, networkId);
	const { partners } = levels;
	const evaluations = levels.evaluations.filter((e) => e.source === 'own');
	const current = partners.filter((p) => !p.isProspective);
	const byPartner = new Map<string, Evaluation[]>();
	for (const e of evaluations)
		byPartner.set(e.partnerId, [...(byPartner.get(e.partnerId) ?? []), e]);
	const evaluated = current.filter((p) => byPartner.has(p.id));
	const orgs = new Set(evaluated.map((p) => p.organisationId));
	const averages =
		orgs.size >= MIN_ORGANISATIONS_FOR_AVERAGE
			? DIMENSIONS.map((d) => {
					const series = evaluated.map((p) => byPartner.get(p.id)!.map((e) => levelsOf(e)[d]));
					const latest = series.map((s) => s.at(-1)!);
					const changes = series.filter((s) => s.length > 1).map((s) => s.at(-1)! - s[0]!);
					const mean = (xs: number[]) =>
						xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
					return { dimension: d, latest: mean(latest), change: mean(changes) };
				})
			: null;
	return {
		organisations: new Set(partners.map((p) => p.organisationId)).size,
		organisationsEvaluating: orgs.size,
		partners: current.length,
		prospective: partners.length - current.length,
		evaluated: evaluated.length,
		reevaluated: evaluated.filter((p) => byPartner.get(p.id)!.length > 1).length,
		averages,
		minOrganisations: MIN_ORGANISATIONS_FOR_AVERAGE
	};
}

/** The partners page: the member's own organisation's inventory and the network's progress. */
export async function inventoryPage(ctx: Ctx, actor: Actor, networkId: string) {
	const m = await requireMember(ctx, actor, networkId);
	const progress = await stepPlanProgress(ctx, networkId);
	if (!m.organisationId)
		return {
			organisation: null,
			sharing: false,
			shared: await sharedScores(ctx, networkId),
			partners: [],
			progress
		};
	const organisation = await findOrganisation(ctx.db, networkId, m.organisationId);
	const partners = await repo.listPartners(ctx.db, networkId, m.organisationId);
	const evaluations = (
		await repo.listEvaluations(
			ctx.db,
			partners.map((p) => p.id)
		)
	).filter((e) => e.source === 'own');
	const today = ctx.now().toISOString().slice(0, 10);
	return {
		organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
		sharing: await repo.isSharing(ctx.db, networkId, m.organisationId),
		shared: await sharedScores(ctx, networkId),
		partners: partners.map((p) => {
			const own = evaluations.filter((e) => e.partnerId === p.id);
			const latest = own.at(-1);
			const due = latest ? dueOn(latest.evaluatedOn, p.reviewMonths) : null;
			return {
				id: p.id,
				name: p.name,
				kind: p.kind,
				isProspective: p.isProspective === 1,
				together: p.together,
				why: p.why,
				evaluations: own.length,
				latest: latest ? { on: latest.evaluatedOn, levels: levelsOf(latest) } : null,
				dueOn: due,
				isDue: due !== null && due <= today
			};
		}),
		progress
	};
}

/**
 * A partner: its details, every evaluation dated with its levels and evidence, the change per
 * dimension from the first to the latest, and what to score against next time (the latest).
 */
export async function partnerPage(ctx: Ctx, actor: Actor, networkId: string, id: string) {
	const { partner } = await partnerOf(ctx, actor, networkId, id);
	const evaluations = await repo.listEvaluations(ctx.db, [partner.id]);
	const files = await repo.listEvidenceFiles(
		ctx.db,
		evaluations.map((e) => e.id)
	);
	const all = evaluations.map((e) => ({
		id: e.id,
		on: e.evaluatedOn,
		by: e.source === 'own' ? e.evaluatorName : e.respondent,
		source: e.source,
		levels: levelsOf(e),
		evidence: Object.fromEntries(
			DIMENSIONS.map((d) => [d, e.scores.find((s) => s.dimension === d)?.evidence ?? ''])
		) as Record<Dimension, string>,
		files: Object.fromEntries(
			files
				.filter((f) => f.evaluationId === e.id)
				.map((f) => [f.dimension, { id: f.id, name: f.name }])
		) as Partial<Record<Dimension, { id: string; name: string }>>,
		ask: e.ask,
		offer: e.offer,
		talkOn: e.talkOn
	}));
	const history = all.filter((e) => e.source === 'own');
	const views = all.filter((e) => e.source === 'partner');
	const now = iso(ctx.now());
	const links = (await repo.listLinks(ctx.db, partner.id)).map((l) => ({
		id: l.id,
		respondent: l.respondent,
		createdAt: l.createdAt,
		expiresAt: l.expiresAt,
		state: l.usedAt
			? ('used' as const)
			: l.revokedAt
				? ('revoked' as const)
				: l.expiresAt <= now
					? ('expired' as const)
					: ('open' as const)
	}));
	const first = history[0];
	const latest = history.at(-1);
	const today = ctx.now().toISOString().slice(0, 10);
	const due = latest ? dueOn(latest.on, partner.reviewMonths) : null;
	return {
		partner: {
			id: partner.id,
			name: partner.name,
			kind: partner.kind,
			together: partner.together,
			since: partner.since,
			contact: partner.contact,
			notes: partner.notes,
			isProspective: partner.isProspective === 1,
			why: partner.why,
			reviewMonths: partner.reviewMonths
		},
		history,
		latest: latest ?? null,
		views,
		links,
		sideBySide:
			latest && views.length
				? DIMENSIONS.map((d) => ({
						dimension: d,
						own: latest.levels[d],
						partner: views.at(-1)!.levels[d]
					}))
				: null,
		change:
			first && latest && history.length > 1
				? DIMENSIONS.map((d) => ({
						dimension: d,
						from: first.levels[d],
						to: latest.levels[d],
						change: latest.levels[d] - first.levels[d]
					}))
				: null,
		dueOn: due,
		isDue: due !== null && due <= today,
		today
	};
}

/**
 * The partner-level scores the network may see: only of organisations that chose to share them,
 * per current partner its latest own levels and the change since its first evaluation.
 */
export async function sharedScores(ctx: Ctx, networkId: string) {
	const rows = await repo.listSharedPartners(ctx.db, networkId);
	const evaluations = (
		await repo.listEvaluations(
			ctx.db,
			rows.map((r) => r.id)
		)
	).filter((e) => e.source === 'own');
	const out: {
		organisationId: string;
		organisation: string;
		partners: {
			id: string;
			name: string;
			kind: string;
			latest: Levels | null;
			change: Levels | null;
		}[];
	}[] = [];
	for (const r of rows) {
		let group = out.find((g) => g.organisationId === r.organisationId);
		if (!group) {
			group = { organisationId: r.organisationId, organisation: r.organisationName, partners: [] };
			out.push(group);
		}
		const own = evaluations.filter((e) => e.partnerId === r.id).map(levelsOf);
		const first = own[0];
		const last = own.at(-1);
		group.partners.push({
			id: r.id,
			name: r.name,
			kind: r.kind,
			latest: last ?? null,
			change:
				first && last && own.length > 1
					? (Object.fromEntries(DIMENSIONS.map((d) => [d, last[d] - first[d]])) as Levels)
					: null
		});
	}
	return out;
}
