import { iso, newId, type Ctx } from '../../context.ts';
import type { AgendaStepTable } from '../../db/types.ts';
import { DomainError, notFound } from '../../errors.ts';
import { emit } from '../../events.ts';
import { parseInput } from '../../validation.ts';
import type { CheckinResults } from '#lib/live-results.ts';
import { findMembership, isActiveMembership } from '../network/index.ts';
import * as repo from './checkin.repository.ts';
import { checkinInput } from './live.schema.ts';
import { allowInputOnStep } from './live.policy.ts';
import type { Participant } from './live.service.ts';
import { findStep } from './live.repository.ts';

/**
 * The commitment check-in ("followed up in the next session", issue 13): a signed-in member
 * reports kept / partly / not yet on each commitment they keep in the network, with a line they
 * may let the screen show. The report is what they said in the room; it changes nothing of the
 * commitment (its owner does that on the commitment's page).
 */
export const CHECKIN_KIND = 'commitment_checkin';

/** The account behind a phone, and the open commitments it keeps in this session's network. */
async function ownOpenCommitments(ctx: Ctx, participantId: string) {
	const c = await repo.findParticipantContext(ctx.db, participantId);
	if (!c) throw notFound();
	if (!c.userId) return { context: c, signedIn: false, commitments: [] };
	// Someone who left the network keeps no commitments here, whatever rows remain.
	const member = isActiveMembership(await findMembership(ctx, c.userId, c.networkId), ctx.now());
	const commitments = member
		? await repo.listOpenCommitmentsOf(ctx.db, {
				networkId: c.networkId,
				sessionId: c.sessionId,
				startsAt: c.startsAt,
				userIds: [c.userId]
			})
		: [];
	return { context: c, signedIn: true, commitments };
}

/**
 * Reports on one of the participant's own open commitments in an open check-in step, or changes
 * the report they made there. A repeated client id changes nothing and answers as before.
 */
export async function reportOnCommitment(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(checkinInput, raw);
	const earlier = await repo.findReportByClientId(ctx.db, input.clientId);
	if (earlier) {
		const same =
			earlier.stepId === stepId &&
			earlier.participantId === p.id &&
			earlier.commitmentId === input.commitmentId;
		if (!same) throw new DomainError('conflict', 'error_invalid');
		return { id: earlier.id, duplicate: true };
	}
	const step = await findStep(ctx.db, p.sessionId, stepId);
	allowInputOnStep(step, CHECKIN_KIND);
	const own = await ownOpenCommitments(ctx, p.id);
	if (!own.signedIn) throw new DomainError('forbidden', 'error_checkin_no_account');
	if (!own.commitments.some((c) => c.id === input.commitmentId))
		throw new DomainError('not_found', 'error_checkin_not_yours', 'commitmentId');
	const result = await repo.upsertReport(ctx.db, newId(), {
		stepId,
		commitmentId: input.commitmentId,
		participantId: p.id,
		outcome: input.outcome,
		line: input.line,
		showLine: input.showLine && input.line ? 1 : 0,
		clientId: input.clientId,
		at: iso(ctx.now())
	});
	if (result.changed) emit('CommitmentReported', { sessionId: p.sessionId, stepId });
	return { id: result.id, duplicate: false };
}

/** What a phone shows in a check-in: the person's open commitments with what they reported. */
export async function checkinPhone(ctx: Ctx, p: Participant, stepId: string) {
	const own = await ownOpenCommitments(ctx, p.id);
	const reports = new Map(
		(await repo.listReportsOfParticipant(ctx.db, stepId, p.id)).map((r) => [r.commitmentId, r])
	);
	const code = own.context.joinCode;
	return {
		signedIn: own.signedIn,
		signInHref: `/sign-in?next=${encodeURIComponent(code ? `/join?code=${code}` : '/join')}`,
		commitments: own.commitments.map((c) => {
			const r = reports.get(c.id);
			return {
				id: c.id,
				title: c.title,
				report: r ? { outcome: r.outcome, line: r.line, showLine: r.showLine === 1 } : null
			};
		})
	};
}

/**
 * The room's view of a check-in: counts per outcome, open commitments of the signed-in people
 * in the room against those reported on, and only the lines shown with consent. Nothing here
 * says who reported what; the lines carry no name and no commitment.
 */
export async function checkinResults(
	ctx: Ctx,
	sessionId: string,
	step: Pick<AgendaStepTable, 'id'>
): Promise<CheckinResults> {
	const [session, reports, userIds] = await Promise.all([
		repo.findSessionFacts(ctx.db, sessionId),
		repo.listReportsOfStep(ctx.db, step.id),
		repo.listSignedInUsers(ctx.db, sessionId)
	]);
	if (!session) throw notFound();
	const open = await repo.listOpenCommitmentsOf(ctx.db, {
		networkId: session.networkId,
		sessionId: session.id,
		startsAt: session.startsAt,
		userIds
	});
	const reported = new Set(reports.map((r) => r.commitmentId));
	const counts = { kept: 0, partly: 0, notYet: 0 };
	for (const r of reports) {
		if (r.outcome === 'kept') counts.kept += 1;
		else if (r.outcome === 'partly') counts.partly += 1;
		else counts.notYet += 1;
	}
	return {
		kind: 'checkin',
		counts,
		// A commitment reported as open may have been marked kept since: it still counts as one.
		open: new Set([...open.map((c) => c.id), ...reported]).size,
		reported: reported.size,
		// In alphabetical order, not the order they came in: a line's place on the screen must not
		// tell whose it is to someone who saw who tapped when.
		lines: reports
			.filter((r) => r.showLine === 1 && r.line.trim())
			.map((r) => ({ id: r.id, text: r.line }))
			.sort((a, b) => a.text.localeCompare(b.text) || a.id.localeCompare(b.id))
	};
}

/** The newest check-in report on a commitment, for its page (its keepers see it). */
export async function latestCheckinReport(ctx: Ctx, commitmentId: string) {
	return (await repo.findLatestReport(ctx.db, commitmentId)) ?? null;
}
