import type SQLite from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import {
	findSessionInNetwork,
	findStepInSession,
	requireSessionDesigner
} from '../session/session.policy.ts';
import { JOIN_ALPHABET, joinInput } from './live.schema.ts';
import { enqueueIndexSession } from '../../jobs/index.ts';

export const hashSecret = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = () => randomBytes(24).toString('base64url');

function newJoinCode(): string {
	let code = '';
	for (let i = 0; i < 6; i++) code += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
	return code;
}

/** Opens the session live with a fresh join code; the first agenda step becomes current. */
export async function openLive(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	await requireSessionDesigner(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	if (session.status === 'live' && session.joinCode) return { joinCode: session.joinCode };
	if (session.status === 'closed') throw new DomainError('conflict', 'error_session_closed');
	const first = await ctx.db
		.selectFrom('agendaStep')
		.select('id')
		.where('sessionId', '=', sessionId)
		.orderBy('position')
		.limit(1)
		.executeTakeFirst();
	for (let attempt = 0; attempt < 5; attempt++) {
		const joinCode = newJoinCode();
		try {
			await ctx.db
				.updateTable('networkSession')
				.set({
					status: 'live',
					joinCode,
					currentStepId: first?.id ?? null,
					updatedAt: iso(ctx.now())
				})
				.where('id', '=', sessionId)
				.execute();
			return { joinCode };
		} catch (e) {
			// A code already in use by another live session: draw again.
			if (attempt === 4) throw e;
		}
	}
	throw new Error('unreachable');
}

export async function closeLive(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	await requireSessionDesigner(ctx, actor, networkId);
	await findSessionInNetwork(ctx, networkId, sessionId);
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('networkSession')
			.set({ status: 'closed', joinCode: null, updatedAt: iso(ctx.now()) })
			.where('id', '=', sessionId)
			.execute();
		await trx
			.updateTable('agendaStep')
			.set({ state: 'closed' })
			.where('sessionId', '=', sessionId)
			.execute();
		await clearAnonymousSlots(trx, 'sessionId', sessionId);
		// What the session produced becomes findable in the network's knowledge base.
		await enqueueIndexSession(trx, sessionId, ctx.now());
	});
}

/**
 * Anyone with the code joins with a display name, no account needed; a signed-in member is
 * recognised by their user id. The returned token is the participant's place in the session
 * (kept in a cookie); only its hash is stored.
 */
export async function joinSession(ctx: Ctx, raw: unknown, userId: string | null) {
	const input = parseInput(joinInput, raw);
	const session = await ctx.db
		.selectFrom('networkSession')
		.select(['id', 'networkId'])
		.where('joinCode', '=', input.code)
		.where('status', '=', 'live')
		.executeTakeFirst();
	if (!session) throw new DomainError('not_found', 'error_join_code', 'code');
	const token = newSecret();
	const id = newId();
	await ctx.db
		.insertInto('participant')
		.values({
			id,
			sessionId: session.id,
			userId,
			displayName: input.displayName,
			tokenHash: hashSecret(token),
			joinedAt: iso(ctx.now())
		})
		.execute();
	return { participantId: id, sessionId: session.id, token };
}

const byToken = new WeakMap<
	SQLite.Database,
	SQLite.Statement<[string], { id: string; sessionId: string; displayName: string; status: string }>
>();
function participantByToken(db: SQLite.Database) {
	let st = byToken.get(db);
	if (!st) {
		st = db.prepare(
			`select p.id, p.session_id as sessionId, p.display_name as displayName, s.status
			 from participant p join network_session s on s.id = p.session_id
			 where p.token_hash = ?`
		);
		byToken.set(db, st);
	}
	return st;
}

/** The participant behind a token, in a session that is still live. */
export async function findParticipant(ctx: Ctx, token: string) {
	// Every tap on a phone starts here; on SQLite a prepared statement skips building the query.
	const row = ctx.sqlite
		? participantByToken(ctx.sqlite).get(hashSecret(token))
		: await ctx.db
				.selectFrom('participant as p')
				.innerJoin('networkSession as s', 's.id', 'p.sessionId')
				.select(['p.id', 'p.sessionId', 'p.displayName', 's.status'])
				.where('p.tokenHash', '=', hashSecret(token))
				.executeTakeFirst();
	if (!row || row.status !== 'live')
		throw new DomainError('not_found', 'error_participant_unknown');
	// Derived from the phone's secret, never stored: only this phone's requests can make the keys
	// of its post-it places (postit.service), so the database alone cannot tell whose they are.
	const slotSeed = createHmac('sha256', token).update('olievlek postit slots').digest();
	return { ...row, slotSeed };
}

export type Participant = Awaited<ReturnType<typeof findParticipant>>;

/** The facilitator opens or closes the activity of a step (a round, a vote). */
export async function setStepState(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string,
	state: 'open' | 'closed'
) {
	await requireSessionDesigner(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	if (session.status !== 'live') throw new DomainError('conflict', 'error_session_not_live');
	const step = await findStepInSession(ctx, sessionId, stepId);
	let sourceStepId = step.sourceStepId;
	if (state === 'open' && step.kind === 'dot_vote' && !sourceStepId) {
		// By default a vote is on the nearest post-it round before it.
		const round = await ctx.db
			.selectFrom('agendaStep')
			.select('id')
			.where('sessionId', '=', sessionId)
			.where('kind', '=', 'postit_round')
			.where('position', '<', step.position)
			.orderBy('position', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (!round) throw new DomainError('conflict', 'error_vote_without_round');
		sourceStepId = round.id;
	}
	if (state === 'open' && step.kind === 'dot_vote') {
		// Voting on a round that still takes (and lets people remove) post-its would let dots
		// disappear with them: the round closes first.
		const round = await ctx.db
			.selectFrom('agendaStep')
			.select('state')
			.where('id', '=', sourceStepId ?? '')
			.executeTakeFirst();
		if (round?.state === 'open') throw new DomainError('conflict', 'error_round_still_open');
	}
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('agendaStep')
			.set({ state, sourceStepId })
			.where('id', '=', stepId)
			.execute();
		if (state === 'closed') await clearAnonymousSlots(trx, 'id', stepId);
	});
}

/**
 * A closed anonymous round keeps no per-person trace: its post-it places go (with SQLite's
 * secure_delete their bytes are overwritten too). A round opened again starts fresh places.
 */
async function clearAnonymousSlots(
	trx: Transaction<Database>,
	by: 'id' | 'sessionId',
	value: string
) {
	await trx
		.deleteFrom('postitSlot')
		.where('stepId', 'in', (eb) =>
			eb.selectFrom('agendaStep').select('id').where('isAnonymous', '=', 1).where(by, '=', value)
		)
		.execute();
}

/**
 * Refuses input written under a mode the step no longer has: a phone that showed "anonymous"
 * must not have its text stored with a name, nor the other way round.
 */
export function requireSameAnonymity(step: { isAnonymous: number }, claim: '0' | '1' | undefined) {
	if (claim !== undefined && claim !== (step.isAnonymous === 1 ? '1' : '0'))
		throw new DomainError('conflict', 'error_anonymity_changed');
}

/** A step that takes input right now, in the participant's own session. */
export async function findOpenStep(ctx: Ctx, p: Participant, stepId: string, kind: string) {
	const step = await ctx.db
		.selectFrom('agendaStep')
		.selectAll()
		.where('sessionId', '=', p.sessionId)
		.where('id', '=', stepId)
		.executeTakeFirst();
	if (!step || step.kind !== kind) throw notFound();
	if (step.state !== 'open')
		throw new DomainError(
			'conflict',
			kind === 'dot_vote' ? 'error_vote_closed' : 'error_round_closed'
		);
	return step;
}

export async function setCurrentStep(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string
) {
	await requireSessionDesigner(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	if (session.status !== 'live') throw new DomainError('conflict', 'error_session_not_live');
	await findStepInSession(ctx, sessionId, stepId);
	await ctx.db
		.updateTable('networkSession')
		.set({ currentStepId: stepId })
		.where('id', '=', sessionId)
		.execute();
}

export async function countParticipants(ctx: Ctx, sessionId: string) {
	const row = await ctx.db
		.selectFrom('participant')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('sessionId', '=', sessionId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** What a participant's phone shows: the session, the current step, and what they may do there. */
export async function participantView(ctx: Ctx, p: Participant) {
	const session = await ctx.db
		.selectFrom('networkSession')
		.select(['id', 'title', 'currentStepId', 'timerEndsAt'])
		.where('id', '=', p.sessionId)
		.executeTakeFirstOrThrow();
	const step = session.currentStepId
		? await ctx.db
				.selectFrom('agendaStep')
				.selectAll()
				.where('id', '=', session.currentStepId)
				.executeTakeFirst()
		: undefined;
	return { session, step: step ?? null };
}
