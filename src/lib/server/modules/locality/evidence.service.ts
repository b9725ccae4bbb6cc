import { ADDRESSED } from '#lib/locality.ts';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { LocalAddressed } from '../../db/types.ts';
import { notFound } from '../../errors.ts';
import { optionalText, parseInput } from '../../validation.ts';
import { mayKeepNotes, mayQuote } from './locality.policy.ts';
import {
	addressedChoice,
	findingInput,
	interviewEditInput,
	interviewInput,
	noteInput,
	sourceInput,
	themesOf
} from './locality.schema.ts';
import * as repo from './locality.repository.ts';

import { type FormValues, approachOf, invalid, snapshotOf, tickedIds } from './locality.service.ts';

/** A snapshot's evidence: sources, interviews and their coded notes, findings, scores and reviews. */

export async function addSource(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	snapshotId: string,
	raw: unknown
) {
	const { snapshot } = await snapshotOf(ctx, actor, networkId, approachId, snapshotId);
	const input = parseInput(sourceInput, raw);
	const id = newId();
	await repo.insertSource(ctx.db, {
		id,
		snapshotId: snapshot.id,
		kind: input.kind,
		title: input.title,
		line: input.line,
		link: input.link,
		createdAt: iso(ctx.now())
	});
	return id;
}

export async function removeSource(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	snapshotId: string,
	sourceId: string
) {
	const { snapshot } = await snapshotOf(ctx, actor, networkId, approachId, snapshotId);
	if (!(await repo.deleteSource(ctx.db, snapshot.id, sourceId))) throw notFound();
}

/** An interview: who, in which role, when, and what they agreed to; the actor is the interviewer. */
export async function addInterview(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	snapshotId: string,
	raw: unknown
) {
	const { m, snapshot } = await snapshotOf(ctx, actor, networkId, approachId, snapshotId);
	const input = parseInput(interviewInput, raw);
	const id = newId();
	await repo.insertInterview(ctx.db, {
		id,
		snapshotId: snapshot.id,
		interviewee: input.interviewee,
		role: input.role,
		heldOn: input.heldOn,
		interviewerId: m.userId,
		consent: input.consent,
		createdAt: iso(ctx.now())
	});
	return id;
}

/** An interview of an approach the actor works on, with the snapshot it belongs to. */
export async function interviewOf(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string,
	interviewId: string
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const snapshots = await repo.listSnapshots(ctx.db, s.approach.id);
	const interview = (
		await repo.listInterviews(
			ctx.db,
			snapshots.map((x) => x.id)
		)
	).find((i) => i.id === interviewId);
	if (!interview) throw notFound();
	return { ...s, interview, snapshot: snapshots.find((x) => x.id === interview.snapshotId)! };
}

/**
 * Changes an interview's details. Narrowing the consent takes effect at once: without consent to
 * be quoted no note stays a quote; without consent to notes, the notes are deleted.
 */
export async function editInterview(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	interviewId: string,
	raw: unknown
) {
	const { interview } = await interviewOf(ctx, actor, networkId, approachId, interviewId);
	const input = parseInput(interviewEditInput, raw);
	if (
		input.consent === 'none' &&
		interview.consent !== 'none' &&
		!input.confirm &&
		(await repo.listNotes(ctx.db, [interview.id])).length > 0
	)
		throw invalid('error_local_consent_confirm', 'confirm');
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateInterview(trx, interview.id, {
			interviewee: input.interviewee,
			role: input.role,
			heldOn: input.heldOn,
			consent: input.consent
		});
		if (input.consent !== 'quotes') await repo.narrowNotes(trx, interview.id, input.consent);
	});
}

export async function removeInterview(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	interviewId: string
) {
	const { interview } = await interviewOf(ctx, actor, networkId, approachId, interviewId);
	await repo.deleteInterview(ctx.db, interview.id);
}

/** A note of the interview, coded with themes; a quote only with the interviewee's consent. */
export async function addNote(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	interviewId: string,
	raw: unknown
) {
	const { m, interview } = await interviewOf(ctx, actor, networkId, approachId, interviewId);
	const input = parseInput(noteInput, raw);
	if (!mayKeepNotes(interview.consent)) throw invalid('error_local_no_consent_notes', 'text');
	if (input.quote && !mayQuote(interview.consent))
		throw invalid('error_local_no_consent_quote', 'quote');
	const themes = themesOf(input.themes);
	if (themes.length > 10) throw invalid('error_local_themes', 'themes');
	const id = newId();
	await repo.insertNote(ctx.db, {
		id,
		interviewId: interview.id,
		text: input.text,
		themes: JSON.stringify(themes),
		isQuote: input.quote ? 1 : 0,
		createdBy: m.userId,
		createdAt: iso(ctx.now())
	});
	return id;
}

export async function removeNote(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	interviewId: string,
	noteId: string
) {
	const { interview } = await interviewOf(ctx, actor, networkId, approachId, interviewId);
	if (!(await repo.deleteNote(ctx.db, interview.id, noteId))) throw notFound();
}

/**
 * A conclusion or improvement point of the snapshot, resting on at least one of its interviews
 * or sources (ticked as `interview-<id>` and `source-<id>`).
 */
export async function addFinding(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	snapshotId: string,
	values: FormValues
) {
	const { snapshot } = await snapshotOf(ctx, actor, networkId, approachId, snapshotId);
	const input = parseInput(findingInput, values);
	const interviews = new Set((await repo.listInterviews(ctx.db, [snapshot.id])).map((i) => i.id));
	const sources = new Set((await repo.listSources(ctx.db, [snapshot.id])).map((x) => x.id));
	const onInterviews = tickedIds(values, 'interview-');
	const onSources = tickedIds(values, 'source-');
	if (onInterviews.some((i) => !interviews.has(i)) || onSources.some((i) => !sources.has(i)))
		throw invalid('error_local_basis', 'basis');
	if (onInterviews.length + onSources.length === 0) throw invalid('error_local_basis', 'basis');
	const id = newId();
	await ctx.db.transaction().execute((trx) =>
		repo.insertFinding(
			trx,
			{
				id,
				snapshotId: snapshot.id,
				kind: input.findingKind,
				text: input.text,
				createdAt: iso(ctx.now())
			},
			[
				...onInterviews.map((interviewId) => ({ id: newId(), interviewId, sourceId: null })),
				...onSources.map((sourceId) => ({ id: newId(), interviewId: null, sourceId }))
			]
		)
	);
	return id;
}

export async function removeFinding(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	snapshotId: string,
	findingId: string
) {
	const { snapshot } = await snapshotOf(ctx, actor, networkId, approachId, snapshotId);
	if (!(await repo.deleteFinding(ctx.db, snapshot.id, findingId))) throw notFound();
}

/**
 * The snapshot's scores on the approach's framework: a level per indicator (`level-<id>`, from 1
 * to the number of levels) and a line of evidence (`evidence-<id>`). An empty level leaves that
 * indicator unscored.
 */
export async function scoreSnapshot(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	snapshotId: string,
	values: FormValues
) {
	const { approach, snapshot } = await snapshotOf(ctx, actor, networkId, approachId, snapshotId);
	const framework = (await repo.listFrameworks(ctx.db, networkId)).find(
		(f) => f.id === approach.frameworkId
	);
	if (!framework) throw invalid('error_local_no_framework', 'frameworkId');
	const evidenceText = optionalText(1000);
	const rows: { snapshotId: string; indicatorId: string; level: number; evidence: string }[] = [];
	for (const i of framework.indicators) {
		const raw = values[`level-${i.id}`] ?? '';
		const evidence = evidenceText.safeParse(values[`evidence-${i.id}`] ?? '');
		if (!evidence.success) throw invalid(evidence.error.issues[0]!.message, `evidence-${i.id}`);
		if (raw === '') continue;
		const level = Number(raw);
		if (!Number.isInteger(level) || level < 1 || level > framework.levels.length)
			throw invalid('error_local_level', `level-${i.id}`);
		rows.push({ snapshotId: snapshot.id, indicatorId: i.id, level, evidence: evidence.data });
	}
	await ctx.db.transaction().execute((trx) => repo.replaceScores(trx, snapshot.id, rows));
}

/**
 * A later snapshot says, per improvement point of the snapshot before it, whether it was
 * addressed (`addressed-<findingId>`: yes, partly, no) with a line (`note-<findingId>`).
 */
export async function reviewPoints(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	snapshotId: string,
	values: FormValues
) {
	const { snapshot, snapshots } = await snapshotOf(ctx, actor, networkId, approachId, snapshotId);
	const previous = snapshots.filter((x) => x.number < snapshot.number).at(-1);
	if (!previous) throw invalid('error_local_no_previous', 'addressed');
	const points = (await repo.listFindings(ctx.db, [previous.id])).filter(
		(f) => f.kind === 'improvement'
	);
	const noteText = optionalText(1000);
	const rows: { snapshotId: string; findingId: string; addressed: LocalAddressed; note: string }[] =
		[];
	for (const p of points) {
		const raw = values[`addressed-${p.id}`] ?? '';
		if (raw === '') continue;
		const addressed = addressedChoice.safeParse(raw);
		if (!addressed.success || !ADDRESSED.includes(addressed.data))
			throw invalid('error_local_addressed', `addressed-${p.id}`);
		const note = noteText.safeParse(values[`note-${p.id}`] ?? '');
		if (!note.success) throw invalid(note.error.issues[0]!.message, `note-${p.id}`);
		rows.push({
			snapshotId: snapshot.id,
			findingId: p.id,
			addressed: addressed.data,
			note: note.data
		});
	}
	await ctx.db.transaction().execute((trx) => repo.replaceReviews(trx, snapshot.id, rows));
}
