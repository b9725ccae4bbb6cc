import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { requireMember } from '../network/index.ts';
import { findSessionInNetwork, findStepInSession } from '../session/index.ts';
import { emit } from '../../events.ts';
import { JOIN_ALPHABET, joinInput } from './live.schema.ts';
import { enqueueIndexSession } from '../../jobs/index.ts';
import { allowInputOnStep, allowLiveControl } from './live.policy.ts';
import * as repo from './live.repository.ts';

export const hashSecret = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = () => randomBytes(24).toString('base64url');

function newJoinCode(): string {
	let code = '';
	for (let i = 0; i < 6; i++) code += JOIN_ALPHABET[randomInt(JOIN_ALPHABET.length)];
	return code;
}

/** The session, when the actor may open, run or close it live (see live.policy). */
export async function controlledSession(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	action: 'open' | 'run' | 'close'
) {
	const me = await requireMember(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	allowLiveControl({ role: me.role, status: session.status }, action);
	return session;
}

/** Opens the session live with a fresh join code; the first agenda step becomes current. */
export async function openLive(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	const session = await controlledSession(ctx, actor, networkId, sessionId, 'open');
	if (session.status === 'live' && session.joinCode) return { joinCode: session.joinCode };
	const first = await repo.findFirstStep(ctx.db, sessionId);
	for (let attempt = 0; attempt < 5; attempt++) {
		const joinCode = newJoinCode();
		try {
			const currentStepId = first?.id ?? null;
			await repo.markLive(ctx.db, sessionId, {
				joinCode,
				currentStepId,
				updatedAt: iso(ctx.now())
			});
			emit('LiveOpened', { sessionId, stepId: currentStepId });
			return { joinCode };
		} catch (e) {
			// A code already in use by another live session: draw again.
			if (attempt === 4) throw e;
		}
	}
	throw new Error('unreachable');
}

export async function closeLive(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	const session = await controlledSession(ctx, actor, networkId, sessionId, 'close');
	// What the session produced becomes findable in the network's knowledge base: the index job
	// commits with the close.
	await repo.markClosed(ctx.db, sessionId, iso(ctx.now()), (trx) =>
		enqueueIndexSession(trx, sessionId, ctx.now())
	);
	if (session.status !== 'closed') emit('SessionEnded', { sessionId });
}

/**
 * Anyone with the code joins with a display name, no account needed; a signed-in member is
 * recognised by their user id. The returned token is the participant's place in the session
 * (kept in a cookie); only its hash is stored.
 */
/**
 * Join a live session with its code. A phone that is already in this session (its cookie's
 * token) stays the same participant: joining again must not reset its dots and limits. Its
 * name becomes the one given now.
 */
export async function joinSession(
	ctx: Ctx,
	raw: unknown,
	userId: string | null,
	existingToken?: string | null
) {
	const input = parseInput(joinInput, raw);
	const session = await repo.findLiveSessionByCode(ctx.db, input.code);
	if (!session) throw new DomainError('not_found', 'error_join_code', 'code');
	const known = existingToken
		? await repo.findParticipantByTokenHash(ctx, hashSecret(existingToken))
		: undefined;
	if (known && known.sessionId === session.id && known.status === 'live') {
		if (known.displayName !== input.displayName) {
			await repo.renameParticipant(ctx.db, known.id, input.displayName);
			emit('ParticipantJoined', { sessionId: session.id, participantId: known.id });
		}
		return { participantId: known.id, sessionId: session.id, token: existingToken!, again: true };
	}
	const token = newSecret();
	const id = newId();
	await repo.insertParticipant(ctx.db, {
		id,
		sessionId: session.id,
		userId,
		displayName: input.displayName,
		tokenHash: hashSecret(token),
		joinedAt: iso(ctx.now())
	});
	emit('ParticipantJoined', { sessionId: session.id, participantId: id });
	return { participantId: id, sessionId: session.id, token, again: false };
}

/** The participant behind a token, in a session that is still live. */
export async function findParticipant(ctx: Ctx, token: string) {
	const row = await repo.findParticipantByTokenHash(ctx, hashSecret(token));
	if (!row || row.status !== 'live')
		throw new DomainError('not_found', 'error_participant_unknown');
	// Derived from the phone's secret, never stored: only this phone's requests can make the keys
	// of its post-it places (postit.service), so the database alone cannot tell whose they are.
	const slotSeed = createHmac('sha256', token).update('olievlek postit slots').digest();
	return { ...row, slotSeed };
}

export type Participant = Awaited<ReturnType<typeof findParticipant>>;

/**
 * The participant behind a token whose session has ended: their phone thanks them by the name
 * they gave. Null for any other token.
 */
export async function findEndedParticipant(ctx: Ctx, token: string) {
	const row = await repo.findParticipantByTokenHash(ctx, hashSecret(token));
	if (!row || row.status !== 'closed') return null;
	return {
		id: row.id,
		sessionId: row.sessionId,
		displayName: row.displayName,
		sessionTitle: await repo.findSessionTitle(ctx.db, row.sessionId)
	};
}

/** The facilitator opens or closes the activity of a step (a round, a vote). */
export async function setStepState(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string,
	state: 'open' | 'closed'
) {
	await controlledSession(ctx, actor, networkId, sessionId, 'run');
	const step = await findStepInSession(ctx, sessionId, stepId);
	let sourceStepId = step.sourceStepId;
	if (state === 'open' && step.kind === 'dot_vote' && !sourceStepId) {
		// By default a vote is on the nearest post-it round before it.
		const round = await repo.findStepBefore(ctx.db, sessionId, 'postit_round', step.position);
		if (!round) throw new DomainError('conflict', 'error_vote_without_round');
		sourceStepId = round.id;
	}
	if (state === 'open' && step.kind === 'dot_vote') {
		// Voting on a round that still takes (and lets people remove) post-its would let dots
		// disappear with them: the round closes first.
		const round = await repo.findStepState(ctx.db, sourceStepId ?? '');
		if (round?.state === 'open') throw new DomainError('conflict', 'error_round_still_open');
	}
	await repo.setStepState(ctx.db, stepId, state, sourceStepId);
	if (state !== step.state || sourceStepId !== step.sourceStepId)
		emit(state === 'open' ? 'StepOpened' : 'StepClosed', { sessionId, stepId });
}

/** A step that takes input right now, in the participant's own session. */
export async function findOpenStep(ctx: Ctx, p: Participant, stepId: string, kind: string) {
	const step = await repo.findStep(ctx.db, p.sessionId, stepId);
	allowInputOnStep(step, kind);
	return step!;
}

export async function setCurrentStep(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string
) {
	const session = await controlledSession(ctx, actor, networkId, sessionId, 'run');
	await findStepInSession(ctx, sessionId, stepId);
	if (session.currentStepId === stepId) return;
	await repo.setCurrentStep(ctx.db, sessionId, stepId);
	emit('StepShown', { sessionId, stepId });
	if (session.timerEndsAt) emit('TimerSet', { sessionId, endsAt: null });
}

/**
 * "Start this step": opens it and puts it on every screen at once, so phones never see "not open
 * yet". It opens first: a vote that cannot open yet (its round still open) changes nothing.
 */
export async function startStep(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	stepId: string
) {
	await setStepState(ctx, actor, networkId, sessionId, stepId, 'open');
	await setCurrentStep(ctx, actor, networkId, sessionId, stepId);
}

export async function countParticipants(ctx: Ctx, sessionId: string) {
	return repo.countParticipants(ctx.db, sessionId);
}
