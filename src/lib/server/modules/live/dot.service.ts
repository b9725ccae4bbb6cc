import type { DotFacts } from '#lib/live-patch.ts';
import { iso, newId, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { emit } from '../../events.ts';
import { parseInput } from '../../validation.ts';
import * as dots from './dot.repository.ts';
import { dotInput } from './live.schema.ts';
import { findOpenStep, type Participant } from './live.service.ts';
import * as postits from './postit.repository.ts';
import * as repo from './live.repository.ts';

const REFUSED = {
	another_participant: () => new DomainError('conflict', 'error_invalid'),
	not_found: () => notFound(),
	vote_closed: () => new DomainError('conflict', 'error_vote_closed'),
	no_dots_left: () => new DomainError('conflict', 'error_no_dots_left'),
	dots_per_item: () => new DomainError('conflict', 'error_dots_per_item')
} as const;

/**
 * Spends one dot. The budget holds in the database (`spendDot`), so two taps, two devices or a
 * replayed request can never spend a sixth dot of five; a replay answers as before and tells no
 * screen anything, since nothing changed.
 */
export async function castDot(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(dotInput, raw);
	const outcome = await dots.spendDot(ctx, {
		participantId: p.id,
		sessionId: p.sessionId,
		stepId,
		postitId: input.postitId,
		clientId: input.clientId,
		id: newId(),
		createdAt: iso(ctx.now())
	});
	if ('refused' in outcome) throw REFUSED[outcome.refused]();
	if (!outcome.spent.duplicate)
		emit('DotSpent', {
			sessionId: p.sessionId,
			stepId,
			postitId: input.postitId,
			dotId: outcome.spent.id,
			participantId: p.id
		});
	return outcome.spent;
}

/**
 * Takes one of the participant's dots back from a post-it, while the vote is open. Naming the
 * dot (`dotId`, as the phone does) makes a retry harmless: a dot already taken back is not
 * taken twice, and no screen is told again.
 */
export async function takeBackDot(
	ctx: Ctx,
	p: Participant,
	stepId: string,
	postitId: string,
	dotId?: string
) {
	await findOpenStep(ctx, p, stepId, 'dot_vote');
	let taken: { id: string; postitId: string } | undefined;
	if (dotId) {
		taken = await dots.deleteOwnDot(ctx.db, stepId, p.id, dotId);
	} else {
		const mine = await dots.findLastOwnDot(ctx.db, stepId, p.id, postitId);
		if (!mine) throw notFound();
		if (await dots.deleteDot(ctx.db, mine.id)) taken = mine;
	}
	if (taken)
		emit('DotTakenBack', {
			sessionId: p.sessionId,
			stepId,
			postitId: taken.postitId,
			dotId: taken.id,
			participantId: p.id
		});
}

/**
 * Post-its of the voted round ranked by dots (ties: oldest first), with their counts. Dots on a
 * post-it that was merged into another count for that other one.
 */
export async function tally(ctx: Ctx, sessionId: string, stepId: string) {
	const step = await repo.findStep(ctx.db, sessionId, stepId);
	if (!step || step.kind !== 'dot_vote') throw notFound();
	const [items, byId] = await Promise.all([
		postits.listVisiblePostits(ctx.db, step.sourceStepId ?? ''),
		dots.countDotsPerPostit(ctx.db, stepId)
	]);
	return items
		.map((r) => ({
			id: r.id,
			text: r.text,
			cluster: r.cluster,
			dots: byId.get(r.id) ?? 0,
			createdAt: r.createdAt
		}))
		.sort(
			(a, b) =>
				b.dots - a.dots || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)
		);
}

/** How many people spent at least one dot in a vote. */
export async function countVoters(ctx: Ctx, stepId: string) {
	return dots.countVoters(ctx.db, stepId);
}

/** The participant's own dots in a vote, newest first. */
export async function ownDots(ctx: Ctx, p: Participant, stepId: string) {
	return dots.listOwnDots(ctx.db, stepId, p.id);
}

/**
 * What a vote is to the person who just tapped: dots spent, and per post-it theirs and the one
 * "take back" removes. It comes back in the answer to their own tap, so their phone need not
 * load its page again; the tally reaches them with everyone else's, on the stream.
 */
export async function dotFacts(ctx: Ctx, p: Participant, stepId: string): Promise<DotFacts> {
	const mine = await ownDots(ctx, p, stepId);
	const items: DotFacts['items'] = {};
	for (const d of mine) {
		const item = (items[d.postitId] ??= { mine: 0, lastDotId: d.id });
		item.mine++;
	}
	return { kind: 'dots', stepId, spent: mine.length, items };
}
