import type { Actor, Ctx } from '../../context.ts';
import type { Membership } from '../../db/types.ts';
import { notFound } from '../../errors.ts';
import { findNetwork, listActiveSpanners } from '../network/index.ts';
import { findSessionInNetwork, listSessions } from '../session/index.ts';
import * as challenges from './challenge.repository.ts';
import * as insights from './insight.repository.ts';
import {
	canChangeTip,
	canRemoveTip,
	canShape,
	creditFor,
	defaultTipRole,
	tipRolesFor,
	type Audience,
	type Credit
} from './learning.policy.ts';
import { learner } from './learning.read.ts';
import { TIP_CREDITS, type TipCredit, type TipRole } from './learning.schema.ts';
import * as questions from './question.repository.ts';
import { themeDrafts } from './question.service.ts';

type TipRow = Awaited<ReturnType<typeof questions.listTips>>[number];

export interface TipView {
	id: string;
	text: string;
	practice: string;
	resource: { id: string; title: string } | null;
	credit: Credit;
	/** Only for the giver: what they chose, to change it. */
	own: { credit: TipCredit; role: TipRole } | null;
	canChange: boolean;
	canRemove: boolean;
	insightId: string | null;
	subTips: TipView[];
}

function tipTree(
	rows: TipRow[],
	audience: Audience,
	m: Membership | null,
	insightOf: Map<string, string>
): TipView[] {
	const view = (t: TipRow): TipView => {
		const credit = creditFor(t, t.giverName, audience);
		return {
			id: t.id,
			text: t.text,
			practice: t.practice,
			resource:
				t.resourceId && t.resourceTitle ? { id: t.resourceId, title: t.resourceTitle } : null,
			credit,
			own: credit.isOwn ? { credit: t.credit, role: t.giverRole } : null,
			canChange: !!m && canChangeTip(m, t),
			canRemove: !!m && canRemoveTip(m, t),
			insightId: insightOf.get(t.id) ?? null,
			subTips: []
		};
	};
	const top = rows.filter((t) => !t.parentId).map(view);
	const byId = new Map(top.map((t) => [t.id, t]));
	for (const t of rows) if (t.parentId) byId.get(t.parentId)?.subTips.push(view(t));
	return top;
}

/** What the learning page shows: challenges by theme, the themes, questions and collections. */
export async function learningOverview(ctx: Ctx, actor: Actor, networkId: string) {
	const m = await learner(ctx, actor, networkId);
	const shapes = canShape(m);
	const [rows, themes, qs, collections, sessions] = await Promise.all([
		challenges.listChallenges(ctx.db, networkId),
		challenges.listThemes(ctx.db, networkId),
		questions.listQuestions(ctx.db, networkId),
		insights.listCollections(ctx.db, networkId),
		shapes ? listSessions(ctx, actor, networkId) : null
	]);
	const tips = await questions.listTips(
		ctx.db,
		qs.map((q) => q.id)
	);
	return {
		canShape: shapes,
		challenges: rows.map((c) => ({
			id: c.id,
			text: c.text,
			themeId: c.themeId,
			// Who brought it: their organisation and region, never for an anonymous one.
			organisation: c.isAnonymous ? null : c.organisationName,
			region: c.isAnonymous ? '' : c.region,
			isAnonymous: c.isAnonymous === 1,
			fromSession: c.sessionId !== null,
			canRemove: shapes || (c.authorId !== null && c.authorId === m.userId)
		})),
		themes: themes.map((t) => ({
			id: t.id,
			name: t.name,
			sessionId: t.sessionId,
			votes: t.votes,
			isChosen: t.isChosen === 1,
			challenges: Number(t.challenges),
			questions: qs.filter((q) => q.themeId === t.id).length
		})),
		questions: qs.map((q) => ({
			id: q.id,
			wording: q.wording,
			themeName: q.themeName,
			isSettled: q.isSettled === 1,
			tips: tips.filter((t) => t.questionId === q.id).length
		})),
		collections: collections
			.filter((c) => shapes || c.publishedAt)
			.map((c) => ({ id: c.id, title: c.title, publishedAt: c.publishedAt, publicAt: c.publicAt })),
		sessions: sessions ? [...sessions.past, ...sessions.upcoming, ...sessions.undated] : [],
		organisationId: m.organisationId
	};
}

/** A theme with its challenges and, for a leader, the groups' drafts to word a question from. */
export async function themePage(ctx: Ctx, actor: Actor, networkId: string, themeId: string) {
	const m = await learner(ctx, actor, networkId);
	const theme = await challenges.findTheme(ctx.db, networkId, themeId);
	if (!theme) throw notFound();
	const rows = (await challenges.listChallenges(ctx.db, networkId)).filter(
		(c) => c.themeId === theme.id
	);
	const qs = (await questions.listQuestions(ctx.db, networkId)).filter(
		(q) => q.themeId === theme.id
	);
	const session = theme.sessionId
		? await findSessionInNetwork(ctx, networkId, theme.sessionId)
		: null;
	return {
		canShape: canShape(m),
		theme: { id: theme.id, name: theme.name, votes: theme.votes, isChosen: theme.isChosen === 1 },
		session: session ? { id: session.id, title: session.title } : null,
		challenges: rows.map((c) => ({
			id: c.id,
			text: c.text,
			organisation: c.isAnonymous ? null : c.organisationName,
			region: c.isAnonymous ? '' : c.region
		})),
		questions: qs.map((q) => ({ id: q.id, wording: q.wording })),
		drafts: canShape(m) ? await themeDrafts(ctx, networkId, theme.id) : []
	};
}

/**
 * A learning question's page: where it came from (theme, challenges, session, group), its tips
 * with sub-tips credited as each giver chose, the form to give one, and for a leader the
 * curation of its insights with their sources and history.
 */
export async function questionPage(ctx: Ctx, actor: Actor, networkId: string, questionId: string) {
	const m = await learner(ctx, actor, networkId);
	const q = await questions.findQuestion(ctx.db, networkId, questionId);
	if (!q) throw notFound();
	const shapes = canShape(m);
	const [theme, allChallenges, tipRows, insightRows, sections, guestIds, resources] =
		await Promise.all([
			challenges.findTheme(ctx.db, networkId, q.themeId),
			challenges.listChallenges(ctx.db, networkId),
			questions.listTips(ctx.db, [q.id]),
			insights.listInsights(ctx.db, [q.id]),
			insights.listSections(ctx.db, [q.id]),
			questions.listGuestIds(ctx.db, q.id),
			questions.listNetworkResources(ctx.db, networkId)
		]);
	const sources = await insights.listSources(
		ctx.db,
		insightRows.map((i) => i.id)
	);
	const insightOf = new Map(sources.map((s) => [s.tipId, s.insightId]));
	const audience: Audience = { kind: 'member', userId: m.userId };
	const tips = tipTree(tipRows, audience, m, insightOf);
	const session = q.sessionId ? await findSessionInNetwork(ctx, networkId, q.sessionId) : null;
	const collection = q.collectionId
		? await insights.findCollection(ctx.db, networkId, q.collectionId)
		: null;
	const revisions = shapes
		? await insights.listRevisions(
				ctx.db,
				insightRows.map((i) => i.id)
			)
		: [];
	const spanners = shapes ? await listActiveSpanners(ctx.db, networkId) : [];
	return {
		canShape: shapes,
		question: {
			id: q.id,
			wording: q.wording,
			isSettled: q.isSettled === 1,
			introduction: q.introduction,
			closing: q.closing
		},
		provenance: {
			theme: { id: q.themeId, name: q.themeName, votes: theme?.votes ?? null },
			challenges: allChallenges
				.filter((c) => c.themeId === q.themeId)
				.map((c) => ({
					id: c.id,
					text: c.text,
					organisation: c.isAnonymous ? null : c.organisationName,
					region: c.isAnonymous ? '' : c.region
				})),
			session: session ? { id: session.id, title: session.title } : null,
			groupTitle: q.groupTitle
		},
		collection:
			collection && (shapes || collection.publishedAt)
				? { id: collection.id, title: collection.title, isPublished: !!collection.publishedAt }
				: null,
		tips,
		form: {
			roles: tipRolesFor(m),
			defaultRole: defaultTipRole(m),
			credits: TIP_CREDITS,
			resources
		},
		curation: shapes
			? {
					sections: sections.map((s) => ({ id: s.id, title: s.title })),
					insights: insightRows.map((i) => ({
						id: i.id,
						text: i.text,
						sectionId: i.sectionId,
						sources: tipRows
							.filter((t) => insightOf.get(t.id) === i.id)
							.map((t) => ({
								id: t.id,
								text: t.text,
								credit: creditFor(t, t.giverName, audience)
							})),
						history: revisions
							.filter((r) => r.insightId === i.id)
							.map((r) => ({ text: r.text, change: r.change, at: r.editedAt, by: r.editorName }))
					})),
					waiting: tips.filter((t) => !t.insightId).map((t) => ({ id: t.id, text: t.text })),
					guests: spanners
						.filter((s) => !s.guestUntil || s.guestUntil >= ctx.now().toISOString())
						.map((s) => ({
							membershipId: s.membershipId,
							name: s.name,
							guestUntil: s.guestUntil,
							isAsked: guestIds.includes(s.membershipId)
						}))
				}
			: null
	};
}

export interface InsightView {
	id: string;
	text: string;
	/** The sub-tips of the tips it came from. */
	subTips: { text: string; credit: Credit }[];
	practices: string[];
	resources: { id: string; title: string }[];
	/** Whose tips it came from, as each allowed this audience to see. */
	sources: { text: string; credit: Credit }[];
}
export interface CollectionView {
	network: { id: string; name: string; language: 'nl' | 'en' | 'fr' };
	collection: {
		id: string;
		title: string;
		introduction: string;
		publishedAt: string | null;
		publicAt: string | null;
	};
	questions: {
		id: string;
		wording: string;
		themeName: string;
		introduction: string;
		closing: string;
		groups: { title: string | null; insights: InsightView[] }[];
	}[];
}

/** The collected insights of a collection, credited for this audience (the one shape every output uses). */
async function collectionView(
	ctx: Ctx,
	networkId: string,
	collectionId: string,
	audience: Audience
): Promise<CollectionView> {
	const c = await insights.findCollection(ctx.db, networkId, collectionId);
	if (!c) throw notFound();
	const network = (await findNetwork(ctx.db, networkId))!;
	const qs = (await questions.listQuestions(ctx.db, networkId)).filter(
		(q) => q.collectionId === c.id
	);
	const ids = qs.map((q) => q.id);
	const [tipRows, insightRows, sections] = await Promise.all([
		questions.listTips(ctx.db, ids),
		insights.listInsights(ctx.db, ids),
		insights.listSections(ctx.db, ids)
	]);
	const sources = await insights.listSources(
		ctx.db,
		insightRows.map((i) => i.id)
	);
	const credit = (t: TipRow) => creditFor(t, t.giverName, audience);
	const insightView = (i: (typeof insightRows)[number]): InsightView => {
		const mine = new Set(sources.filter((s) => s.insightId === i.id).map((s) => s.tipId));
		const own = tipRows.filter((t) => mine.has(t.id));
		const subs = tipRows.filter((t) => t.parentId && mine.has(t.parentId));
		return {
			id: i.id,
			text: i.text,
			subTips: subs.map((t) => ({ text: t.text, credit: credit(t) })),
			practices: own.map((t) => t.practice).filter(Boolean),
			resources: own.flatMap((t) =>
				t.resourceId && t.resourceTitle ? [{ id: t.resourceId, title: t.resourceTitle }] : []
			),
			sources: [...own, ...subs].map((t) => ({ text: t.text, credit: credit(t) }))
		};
	};
	return {
		network: { id: network.id, name: network.name, language: network.language },
		collection: {
			id: c.id,
			title: c.title,
			introduction: c.introduction,
			publishedAt: c.publishedAt,
			publicAt: c.publicAt
		},
		questions: qs.map((q) => {
			const own = insightRows.filter((i) => i.questionId === q.id);
			const groups = [
				{ title: null, insights: own.filter((i) => !i.sectionId).map(insightView) },
				...sections
					.filter((s) => s.questionId === q.id)
					.map((s) => ({
						title: s.title,
						insights: own.filter((i) => i.sectionId === s.id).map(insightView)
					}))
			].filter((g) => g.insights.length);
			return {
				id: q.id,
				wording: q.wording,
				themeName: q.themeName,
				introduction: q.introduction,
				closing: q.closing,
				groups
			};
		})
	};
}

/** A collection for a member: once published, or to a leader while it is being made. */
export async function memberCollection(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	collectionId: string
) {
	const m = await learner(ctx, actor, networkId);
	const c = await insights.findCollection(ctx.db, networkId, collectionId);
	if (!c || (!c.publishedAt && !canShape(m))) throw notFound();
	const view = await collectionView(ctx, networkId, c.id, { kind: 'member', userId: m.userId });
	const qs = canShape(m) ? await questions.listQuestions(ctx.db, networkId) : [];
	return {
		...view,
		canShape: canShape(m),
		allQuestions: qs.map((q) => ({ id: q.id, wording: q.wording, isIn: q.collectionId === c.id }))
	};
}

/** A collection on its public page: only when made public; named only where givers allowed it. */
export async function publicCollection(ctx: Ctx, collectionId: string) {
	const c = await insights.findCollectionById(ctx.db, collectionId);
	if (!c?.publicAt) throw notFound();
	return collectionView(ctx, c.networkId, c.id, { kind: 'public' });
}

/**
 * The welcome page for a guest: the network's purpose, its house rules, and the questions they
 * were asked to give tips on (every question of the network for anyone else).
 */
export async function welcomePage(ctx: Ctx, actor: Actor, networkId: string) {
	const m = await learner(ctx, actor, networkId);
	const network = (await findNetwork(ctx.db, networkId))!;
	const asked = new Set(await questions.listQuestionIdsOfGuest(ctx.db, m.id));
	const qs = (await questions.listQuestions(ctx.db, networkId)).filter((q) => asked.has(q.id));
	return {
		network: {
			name: network.name,
			purpose: network.purpose,
			coreValue: network.coreValue,
			houseRules: network.houseRules
		},
		guestUntil: m.guestUntil,
		role: m.role,
		questions: qs.map((q) => ({ id: q.id, wording: q.wording, themeName: q.themeName }))
	};
}

/** What was recorded about thanking or compensating contributors: for the leaders only. */
export async function thanksPage(ctx: Ctx, actor: Actor, networkId: string) {
	const m = await learner(ctx, actor, networkId);
	if (!canShape(m)) throw notFound();
	const qs = await questions.listQuestions(ctx.db, networkId);
	const tips = await questions.listTips(
		ctx.db,
		qs.map((q) => q.id)
	);
	const experts = new Map<string, string>();
	// An anonymous tip does not name its giver here either.
	for (const t of tips)
		if (t.giverId && t.giverRole === 'experience_expert' && t.credit !== 'anonymous')
			experts.set(t.giverId, t.giverName ?? '');
	return {
		experts: [...experts]
			.map(([userId, name]) => ({ userId, name }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		thanks: await insights.listThanks(ctx.db, networkId)
	};
}
