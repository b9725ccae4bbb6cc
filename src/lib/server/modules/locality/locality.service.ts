import { todayIn } from '#lib/dates.ts';
import { ADDRESSED } from '#lib/locality.ts';
import { z } from 'zod';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import type { LocalAddressed, Membership } from '../../db/types.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { optionalText, parseInput, token } from '../../validation.ts';
import { findMemberByUserId, listActiveMembers, requireMember } from '../network/index.ts';
import {
	canDefineFramework,
	canStartApproach,
	leadsApproach,
	mayKeepNotes,
	mayQuote,
	readsMediationNotes,
	worksOnApproach
} from './locality.policy.ts';
import {
	actionInput,
	actionStatusInput,
	addressedChoice,
	agreementInput,
	approachInput,
	blockDetailsInput,
	blockInput,
	findingInput,
	frameworkInput,
	interviewInput,
	mediationNoteInput,
	noteInput,
	snapshotInput,
	sourceInput,
	startInput,
	splitLines,
	themesOf
} from './locality.schema.ts';
import * as repo from './locality.repository.ts';

type Approach = NonNullable<Awaited<ReturnType<typeof repo.findApproach>>>;
export interface ApproachScope {
	m: Membership;
	approach: Approach;
	team: string[];
}

/** A posted form: the services that read ticked checkboxes take it whole. */
type FormValues = Record<string, string>;

const invalid = (key: string, field: string) => new DomainError('invalid', key, field);
/** The ids ticked in a form, one checkbox per id named `<prefix><id>`. */
const tickedIds = (values: FormValues, prefix: string) =>
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
	const sources = await repo.listSources(ctx.db, [snapshot.id]);
	if (!sources.some((x) => x.id === sourceId)) throw notFound();
	await repo.deleteSource(ctx.db, snapshot.id, sourceId);
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
	const input = parseInput(interviewInput, raw);
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
	const notes = await repo.listNotes(ctx.db, [interview.id]);
	if (!notes.some((n) => n.id === noteId)) throw notFound();
	await repo.deleteNote(ctx.db, interview.id, noteId);
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
	const findings = await repo.listFindings(ctx.db, [snapshot.id]);
	if (!findings.some((f) => f.id === findingId)) throw notFound();
	await repo.deleteFinding(ctx.db, snapshot.id, findingId);
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

/** The findings of all the approach's snapshots, for a block's basis. */
async function approachFindings(ctx: Ctx, approachId: string) {
	const snapshots = await repo.listSnapshots(ctx.db, approachId);
	return repo.listFindings(
		ctx.db,
		snapshots.map((x) => x.id)
	);
}

async function checkBasis(ctx: Ctx, approachId: string, values: FormValues) {
	const ids = tickedIds(values, 'finding-');
	const findings = new Set((await approachFindings(ctx, approachId)).map((f) => f.id));
	if (ids.some((i) => !findings.has(i))) throw invalid('error_local_block_basis', 'basis');
	if (findings.size > 0 && ids.length === 0) throw invalid('error_local_block_basis', 'basis');
	return ids;
}

/**
 * Chooses a building block for the plan, with its reason and the conclusions or improvement
 * points it answers (ticked as `finding-<id>`; at least one once there are findings).
 */
export async function chooseBlock(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	values: FormValues
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const input = parseInput(blockInput, values);
	const basis = await checkBasis(ctx, s.approach.id, values);
	const id = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute((trx) =>
		repo.insertBlock(
			trx,
			{
				id,
				approachId: s.approach.id,
				kind: input.kind,
				title: input.title,
				reason: input.reason,
				createdAt: now,
				updatedAt: now
			},
			basis
		)
	);
	return id;
}

/**
 * A block of the approach. Its mediator reaches a mediation's page even when not on the team;
 * they see the block and its notes, not the rest of the approach.
 */
export async function blockOf(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string,
	blockId: string
) {
	const m = await requireMember(ctx, actor, networkId);
	const approach = await repo.findApproach(ctx.db, networkId, approachId);
	if (!approach) throw notFound();
	const team = (await repo.listTeams(ctx.db, [approach.id])).map((t) => t.userId);
	const block = (await repo.listBlocks(ctx.db, approach.id)).find((b) => b.id === blockId);
	if (!block) throw notFound();
	const access = { coordinatorId: approach.coordinatorId, team };
	const works = worksOnApproach(m, access);
	if (!works && !(block.kind === 'mediation' && block.mediatorId === m.userId)) throw notFound();
	return { m, approach, team, block, works, readsNotes: readsMediationNotes(m, access, block) };
}

export async function editBlock(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string,
	values: FormValues
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.works) throw forbidden();
	const input = parseInput(blockDetailsInput, values);
	const basis = await checkBasis(ctx, b.approach.id, values);
	// Who mediates decides who reads the notes: only the approach's lead chooses the mediator.
	// For anyone else the mediator stays as it is, whatever the form says.
	const leads = leadsApproach(b.m, { coordinatorId: b.approach.coordinatorId, team: b.team });
	let mediatorId: string | null = b.block.mediatorId;
	if (leads) mediatorId = null;
	if (leads && b.block.kind === 'mediation' && input.mediatorId) {
		const member = await findMemberByUserId(ctx.db, networkId, input.mediatorId);
		if (!member || member.status !== 'active') throw invalid('error_local_mediator', 'mediatorId');
		mediatorId = input.mediatorId;
	}
	const mediation = b.block.kind === 'mediation';
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateBlock(trx, b.block.id, {
			title: input.title,
			reason: input.reason,
			principles: b.block.kind === 'alliance' ? input.principles : '',
			tension: mediation && input.tension ? input.tension : null,
			parties: mediation ? input.parties : '',
			outcome: mediation ? input.outcome : '',
			mediatorId,
			updatedAt: iso(ctx.now())
		});
		await repo.setBlockBasis(trx, b.block.id, basis);
	});
}

export async function removeBlock(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.works) throw forbidden();
	// A mediation takes its private notes with it: only the approach's lead removes one.
	if (
		b.block.kind === 'mediation' &&
		!leadsApproach(b.m, { coordinatorId: b.approach.coordinatorId, team: b.team })
	)
		throw forbidden();
	await repo.deleteBlock(ctx.db, b.block.id);
}

/** An agreement of an alliance: what is agreed and who does it. */
export async function addAgreement(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string,
	raw: unknown
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.works) throw forbidden();
	if (b.block.kind !== 'alliance') throw invalid('error_local_not_alliance', 'what');
	const input = parseInput(agreementInput, raw);
	const id = newId();
	await repo.insertAgreement(ctx.db, {
		id,
		blockId: b.block.id,
		what: input.what,
		who: input.who,
		createdAt: iso(ctx.now())
	});
	return id;
}

export async function removeAgreement(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string,
	agreementId: string
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.works) throw forbidden();
	const all = await repo.listAgreements(ctx.db, [b.block.id]);
	if (!all.some((x) => x.id === agreementId)) throw notFound();
	await repo.deleteAgreement(ctx.db, b.block.id, agreementId);
}

/** A mediation note: written and read by the mediator and the approach's coordinator only. */
export async function addMediationNote(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	blockId: string,
	raw: unknown
) {
	const b = await blockOf(ctx, actor, networkId, approachId, blockId);
	if (!b.readsNotes) throw notFound();
	const input = parseInput(mediationNoteInput, raw);
	const id = newId();
	await repo.insertMediationNote(ctx.db, {
		id,
		blockId: b.block.id,
		authorId: b.m.userId,
		text: input.text,
		createdAt: iso(ctx.now())
	});
	return id;
}

/** An action of the plan of approach, under one of its building blocks. */
export async function addAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	raw: unknown
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const input = parseInput(actionInput, raw);
	const blocks = await repo.listBlocks(ctx.db, s.approach.id);
	if (!blocks.some((b) => b.id === input.blockId))
		throw invalid('error_local_action_block', 'blockId');
	const id = newId();
	const now = iso(ctx.now());
	await repo.insertAction(ctx.db, {
		id,
		approachId: s.approach.id,
		blockId: input.blockId,
		title: input.action,
		owner: input.owner,
		stakeholders: input.stakeholders,
		startsOn: input.startsOn,
		dueOn: input.dueOn,
		status: input.status,
		createdAt: now,
		updatedAt: now
	});
	return id;
}

export async function setActionStatus(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	raw: unknown
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	const input = parseInput(actionStatusInput, raw);
	if (
		!(await repo.updateActionStatus(
			ctx.db,
			s.approach.id,
			input.actionId,
			input.status,
			iso(ctx.now())
		))
	)
		throw notFound();
	return input.status;
}

export async function removeAction(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	approachId: string,
	actionId: string
) {
	const s = await approachOf(ctx, actor, networkId, approachId);
	if (!(await repo.deleteAction(ctx.db, s.approach.id, parseInput(token(), actionId))))
		throw notFound();
}
