import { mailSessionToMembers } from './invite.service.ts';
import type { z } from 'zod';
import { todayIn } from '#lib/dates.ts';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import {
	findNetwork,
	findOrganisation,
	listActiveMembershipIds,
	requireMember
} from '../network/index.ts';
import { insertSteps, listSteps } from './agenda.repository.ts';
import { sessionToIcs } from './calendar.ts';
import { findSessionInNetwork, requireSessionDesigner } from './session.read.ts';
import * as repo from './session.repository.ts';
import { sessionInput } from './session.schema.ts';

/** Upcoming sessions first (soonest first), then undated ones, then past ones (latest first). */
export async function listSessions(ctx: Ctx, actor: Actor | null, networkId: string) {
	await requireMember(ctx, actor, networkId);
	const rows = await repo.listSessionsOfNetwork(ctx.db, networkId);
	// Sessions are planned on the network's wall clock: "today" is the network's today.
	const today = todayIn(ctx.now());
	const upcoming = rows
		.filter((r) => r.startsAt && r.startsAt.slice(0, 10) >= today)
		.sort((a, b) => a.startsAt!.localeCompare(b.startsAt!));
	const undated = rows.filter((r) => !r.startsAt);
	const past = rows
		.filter((r) => r.startsAt && r.startsAt.slice(0, 10) < today)
		.sort((a, b) => b.startsAt!.localeCompare(a.startsAt!));
	return { upcoming, undated, past };
}

/** Facilitators must be active members of the same network; anything else is refused. */
async function checkFacilitators(ctx: Ctx, networkId: string, ids: string[]) {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return unique;
	const found = await listActiveMembershipIds(ctx.db, networkId, unique);
	if (found.length !== unique.length)
		throw new DomainError('invalid', 'error_facilitator', 'facilitators');
	return unique;
}

async function checkHost(ctx: Ctx, networkId: string, organisationId: string | null) {
	if (organisationId && !(await findOrganisation(ctx.db, networkId, organisationId))) {
		throw new DomainError('invalid', 'error_organisation', 'hostOrganisationId');
	}
}

/** The session's own columns from a parsed form (facilitators live in their own table). */
function sessionColumns({
	facilitators: _facilitators,
	...columns
}: z.output<typeof sessionInput>) {
	return columns;
}

export async function createSession(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	await requireSessionDesigner(ctx, actor, networkId);
	const input = parseInput(sessionInput, raw);
	await checkHost(ctx, networkId, input.hostOrganisationId);
	const facilitators = await checkFacilitators(ctx, networkId, input.facilitators);
	const id = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertSession(trx, {
			id,
			networkId,
			...sessionColumns(input),
			status: 'planned',
			createdBy: actor.userId,
			createdAt: now,
			updatedAt: now
		});
		await repo.replaceFacilitators(trx, id, facilitators);
	});
	return { id };
}

/** A change of date, time or length bumps the calendar sequence, so calendars update the event. */
export async function updateSession(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: unknown
) {
	await requireSessionDesigner(ctx, actor, networkId);
	const current = await findSessionInNetwork(ctx, networkId, sessionId);
	const input = parseInput(sessionInput, raw);
	await checkHost(ctx, networkId, input.hostOrganisationId);
	const facilitators = await checkFacilitators(ctx, networkId, input.facilitators);
	const moved =
		current.startsAt !== input.startsAt ||
		current.minutes !== input.minutes ||
		current.place !== input.place;
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateSessionRow(trx, sessionId, {
			...sessionColumns(input),
			calendarSequence: moved ? current.calendarSequence + 1 : current.calendarSequence,
			updatedAt: iso(ctx.now())
		});
		await repo.replaceFacilitators(trx, sessionId, facilitators);
	});
	// Members who were mailed the session get the change, with the updated calendar file.
	if (moved && input.startsAt && current.invitedSequence !== null)
		await mailSessionToMembers(ctx, actor, networkId, sessionId, 'update');
	return { moved };
}

/** The session with its agenda, host and facilitators, for any member of the network. */
export async function getSession(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string
) {
	const me = await requireMember(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	const [steps, facilitators, host] = await Promise.all([
		listSteps(ctx.db, sessionId),
		repo.listFacilitators(ctx.db, sessionId),
		session.hostOrganisationId
			? findOrganisation(ctx.db, networkId, session.hostOrganisationId)
			: Promise.resolve(undefined)
	]);
	return { session, steps, facilitators, host: host ?? null, me };
}

/** A copy keeps the agenda and its settings, without date; handy as a template. */
export async function copySession(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	title: string
) {
	await requireSessionDesigner(ctx, actor, networkId);
	const source = await findSessionInNetwork(ctx, networkId, sessionId);
	const steps = await listSteps(ctx.db, sessionId);
	const id = newId();
	const now = iso(ctx.now());
	await ctx.db.transaction().execute(async (trx) => {
		await repo.insertSession(trx, {
			...source,
			id,
			title: title.slice(0, 160),
			number: null,
			startsAt: null,
			status: 'planned',
			calendarSequence: 0,
			createdBy: actor.userId,
			createdAt: now,
			updatedAt: now
		});
		await insertSteps(
			trx,
			steps.map((s) => ({ ...s, id: newId(), sessionId: id }))
		);
	});
	return { id };
}

export async function deleteSession(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	await requireSessionDesigner(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	if (session.status !== 'planned') throw new DomainError('conflict', 'error_session_not_planned');
	await repo.deleteSessionRow(ctx.db, sessionId);
}

export async function networkLanguage(ctx: Ctx, networkId: string) {
	const network = await findNetwork(ctx.db, networkId);
	if (!network) throw notFound();
	return network.language;
}

/** The session as a calendar file, for members; null while it has no date. */
export async function sessionCalendar(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string
) {
	const { session, host } = await getSession(ctx, actor, networkId, sessionId);
	const network = await findNetwork(ctx.db, networkId);
	if (!network) throw notFound();
	const ics = sessionToIcs(session, {
		networkName: network.name,
		host: host?.name ?? '',
		url: `${ctx.publicUrl}/networks/${networkId}/sessions/${session.id}`,
		description: [session.theme, session.objectives].filter(Boolean).join('\n\n')
	});
	return ics ? { ics, filename: `session-${session.id}.ics` } : null;
}
