import type { Actor, Ctx } from '../../context.ts';
import type { AppLocale, StepKind } from '../../db/types.ts';
import { findNetwork } from '../network/index.ts';
import { sessionResources } from '../knowledge/index.ts';
import { stepResults, type StepResults } from '../live/index.ts';
import { getSession } from '../session/index.ts';
import { reportAccess, reportNotShared } from './report-access.service.ts';
import { reportState, sectionOrder, versionEdits } from './report-edit.service.ts';
import { reportVersionFor } from './report.policy.ts';
import { listParticipantNames } from './report.repository.ts';
import type { ReportImage } from './report.schema.ts';

/**
 * The session report, assembled from what was captured: no retyping. Built for any member of
 * the network (a live preview while the session runs). Anonymous contributions stay anonymous
 * (the data never held a name), hidden and merged post-its are left out, and the tally is
 * ranked with its counts.
 */
export interface Report {
	lang: AppLocale;
	network: string;
	networkId: string;
	/** The network's house rules: the report starts with them, as the room did. */
	houseRules: string;
	session: {
		id: string;
		title: string;
		number: number | null;
		startsAt: string | null;
		place: string;
		host: string | null;
		facilitators: string[];
		theme: string;
		objectives: string;
		status: 'planned' | 'live' | 'closed';
	};
	participants: { count: number; names: string[] };
	agenda: { title: string; kind: StepKind; minutes: number | null }[];
	sections: {
		id: string;
		title: string;
		kind: StepKind;
		prompt: string;
		/** Taken anonymously: no names were stored, and none are shown. */
		anonymous: boolean;
		/** The facilitator's note for this section. */
		note: string;
		images: ReportImage[];
		results: StepResults;
	}[];
	/** Images placed after the introduction. */
	images: ReportImage[];
	/** Resources attached to the session in the knowledge base. */
	resources: {
		id: string;
		kind: string;
		title: string;
		url: string;
		description: string;
		fileId: string | null;
		fileName: string | null;
	}[];
	/** The "next session" step's text: date and theme agreed for next time. */
	next: string | null;
	/** The facilitator's introduction and closing (report editing). */
	intro: string;
	closing: string;
	/** Whether the reader works on the report (and so reads the draft, shared or not). */
	canWork: boolean;
	/** The version shown, and the one last published (null: not published yet). */
	version: number;
	publishedVersion: number | null;
	publishedAt: string | null;
}

/** Whether this member can open the report now: it was shared, or they work on it. */
export async function canReadReport(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string
) {
	const { canWork } = await reportAccess(ctx, actor, networkId, sessionId);
	return reportVersionFor(canWork, await reportState(ctx, sessionId)) !== null;
}

export async function assembleReport(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string
): Promise<Report> {
	const { session, steps, facilitators, host } = await getSession(ctx, actor, networkId, sessionId);
	const network = (await findNetwork(ctx.db, networkId))!;
	const participants = await listParticipantNames(ctx.db, sessionId);
	// Until it is shared, the report is for the people who work on it; then members read the
	// shared version, not the draft that may be growing on top of it.
	const { canWork } = await reportAccess(ctx, actor, networkId, sessionId);
	const state = await reportState(ctx, sessionId);
	const shown = reportVersionFor(canWork, state);
	if (!shown) throw reportNotShared();
	const edits = shown.draft ? state.edits : await versionEdits(ctx, sessionId, shown.version);
	const sections = [];
	const byId = new Map(steps.map((s) => [s.id, s]));
	const ordered = sectionOrder(
		edits.order,
		steps.map((s) => s.id)
	).map((id) => byId.get(id)!);
	for (const step of ordered) {
		if (edits.hidden.includes(step.id)) continue;
		const results = await stepResults(ctx, sessionId, step);
		const captured =
			results.kind === 'postits'
				? results.total > 0
				: results.kind === 'tally'
					? results.rows.length > 0
					: results.kind === 'answers'
						? results.groups.length > 0 || results.questions.some((q) => q.answers.length > 0)
						: results.kind === 'checkin'
							? results.open > 0 || results.reported > 0
							: results.kind === 'qna'
								? results.questions.length > 0
								: results.kind === 'poll'
									? results.voters > 0
									: false;
		const note = edits.notes[step.id] ?? '';
		const images = edits.images.filter((i) => i.stepId === step.id);
		if (captured || note || images.length || (step.prompt && step.kind !== 'next_session'))
			sections.push({
				id: step.id,
				title: edits.titles[step.id] ?? step.title,
				kind: step.kind,
				prompt: step.prompt,
				anonymous: step.isAnonymous === 1,
				note,
				images,
				results
			});
	}
	const nextStep = steps.find((s) => s.kind === 'next_session' && s.prompt.trim());
	return {
		lang: network.language,
		network: network.name,
		networkId,
		houseRules: network.houseRules ?? '',
		session: {
			id: session.id,
			title: session.title,
			number: session.number,
			startsAt: session.startsAt,
			place: session.place,
			host: host?.name ?? null,
			facilitators: facilitators.filter((f) => f.status === 'active').map((f) => f.name),
			theme: session.theme,
			objectives: session.objectives,
			status: session.status
		},
		participants: { count: participants.length, names: participants },
		agenda: steps.map((s) => ({ title: s.title, kind: s.kind, minutes: s.minutes })),
		sections,
		next: nextStep?.prompt.trim() ?? null,
		intro: edits.intro,
		closing: edits.closing,
		images: edits.images.filter((i) => !i.stepId || !steps.some((s) => s.id === i.stepId)),
		resources: (await sessionResources(ctx, sessionId)).map((r) => ({
			id: r.id,
			kind: r.kind,
			title: r.title,
			url: r.url,
			description: r.description,
			fileId: r.fileId,
			fileName: r.fileName
		})),
		canWork,
		version: shown.version,
		publishedVersion: state.publishedVersion,
		publishedAt: state.publishedAt
	};
}
