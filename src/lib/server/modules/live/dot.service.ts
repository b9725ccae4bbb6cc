import { iso, newId, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { dotCommitter } from './dot-batch.ts';
import { dotInput } from './live.schema.ts';
import { findOpenStep, type Participant } from './live.service.ts';

/**
 * Spends one dot. The budget holds in the database: the participant's row is locked for the
 * transaction (PostgreSQL row lock), then the dots are counted, so two taps, two devices or a
 * replayed request can never spend a sixth dot of five. On SQLite the same checks run in a
 * group commit (dot-batch.ts), where writes are one at a time by nature.
 */
export async function castDot(ctx: Ctx, p: Participant, stepId: string, raw: unknown) {
	const input = parseInput(dotInput, raw);
	if (ctx.sqlite)
		return dotCommitter(ctx.sqlite).submit({
			participantId: p.id,
			sessionId: p.sessionId,
			stepId,
			postitId: input.postitId,
			clientId: input.clientId,
			id: newId(),
			createdAt: iso(ctx.now())
		});
	return ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('participant')
			.set((eb) => ({ displayName: eb.ref('displayName') }))
			.where('id', '=', p.id)
			.execute();
		// A retry of a dot that was written answers as before, even after the vote closed.
		const replay = await trx
			.selectFrom('dot')
			.select(['id', 'participantId'])
			.where('clientId', '=', input.clientId)
			.executeTakeFirst();
		if (replay) {
			if (replay.participantId !== p.id) throw new DomainError('conflict', 'error_invalid');
			return { id: replay.id, duplicate: true };
		}
		// Read inside the transaction, so a vote closed a moment ago takes no more dots.
		const step = await findOpenStep({ ...ctx, db: trx }, p, stepId, 'dot_vote');
		const postit = await trx
			.selectFrom('postit')
			.select('id')
			.where('id', '=', input.postitId)
			.where('stepId', '=', step.sourceStepId ?? '')
			.where('isHidden', '=', 0)
			.executeTakeFirst();
		if (!postit) throw notFound();
		const spent = await trx
			.selectFrom('dot')
			.select((eb) => [
				eb.fn.countAll<number>().as('all'),
				eb.fn
					.sum<number>(eb.case().when('postitId', '=', input.postitId).then(1).else(0).end())
					.as('here')
			])
			.where('stepId', '=', stepId)
			.where('participantId', '=', p.id)
			.executeTakeFirstOrThrow();
		if (Number(spent.all) >= (step.dots ?? 5))
			throw new DomainError('conflict', 'error_no_dots_left');
		if (step.maxDotsPerItem && Number(spent.here ?? 0) >= step.maxDotsPerItem) {
			throw new DomainError('conflict', 'error_dots_per_item');
		}
		const id = newId();
		await trx
			.insertInto('dot')
			.values({
				id,
				stepId,
				postitId: postit.id,
				participantId: p.id,
				clientId: input.clientId,
				createdAt: iso(ctx.now())
			})
			.execute();
		return { id, duplicate: false };
	});
}

/**
 * Takes one of the participant's dots back from a post-it, while the vote is open. Naming the
 * dot (`dotId`, as the phone does) makes a retry harmless: a dot already taken back is not
 * taken twice.
 */
export async function takeBackDot(
	ctx: Ctx,
	p: Participant,
	stepId: string,
	postitId: string,
	dotId?: string
) {
	await findOpenStep(ctx, p, stepId, 'dot_vote');
	if (dotId) {
		await ctx.db
			.deleteFrom('dot')
			.where('id', '=', dotId)
			.where('stepId', '=', stepId)
			.where('participantId', '=', p.id)
			.execute();
		return;
	}
	const mine = await ctx.db
		.selectFrom('dot')
		.select('id')
		.where('stepId', '=', stepId)
		.where('participantId', '=', p.id)
		.where('postitId', '=', postitId)
		.orderBy('createdAt', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!mine) throw notFound();
	await ctx.db.deleteFrom('dot').where('id', '=', mine.id).execute();
}

/**
 * Post-its of the voted round ranked by dots (ties: oldest first), with their counts. Dots on a
 * post-it that was merged into another count for that other one.
 */
export async function tally(ctx: Ctx, sessionId: string, stepId: string) {
	const step = await ctx.db
		.selectFrom('agendaStep')
		.select(['sourceStepId'])
		.where('sessionId', '=', sessionId)
		.where('id', '=', stepId)
		.where('kind', '=', 'dot_vote')
		.executeTakeFirst();
	if (!step) throw notFound();
	const [items, counts] = await Promise.all([
		ctx.db
			.selectFrom('postit')
			.select(['id', 'text', 'cluster', 'createdAt'])
			.where('stepId', '=', step.sourceStepId ?? '')
			.where('isHidden', '=', 0)
			.execute(),
		ctx.db
			.selectFrom('dot as d')
			.innerJoin('postit as pi', 'pi.id', 'd.postitId')
			.select((eb) => [
				eb.fn.coalesce('pi.mergedIntoId', 'pi.id').as('postitId'),
				eb.fn.countAll<number>().as('dots')
			])
			.where('d.stepId', '=', stepId)
			.groupBy((eb) => eb.fn.coalesce('pi.mergedIntoId', 'pi.id'))
			.execute()
	]);
	const byId = new Map(counts.map((c) => [c.postitId, Number(c.dots)]));
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
