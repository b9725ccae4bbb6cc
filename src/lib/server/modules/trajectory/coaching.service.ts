import { joinWallClock } from '#lib/dates.ts';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import {
	agendaItemInput,
	privateNoteInput,
	talkInput,
	talkMoveInput,
	talkNotesInput
} from './trajectory.schema.ts';
import { proposeCoaching } from './coaching-relation.service.ts';
import * as repo from './coaching.repository.ts';
import { activeMember, mailTalk, talkIcs } from './talk-mail.ts';
import { canCoach, requireInTalk, type Viewer } from './trajectory.policy.ts';
import { viewer } from './trajectory.read.ts';

/**
 * 1-on-1 coaching between sessions. Coordinators and facilitators coach; a member has at most one
 * coach per network: the first talk planned with them proposes it, and the member accepts (see
 * coaching-relation.service.ts). A talk is visible to its two people only, whether or not the
 * relation was accepted; the coach's own notes to the coach only (not to other coordinators).
 */
export { canCoach };

/** Plans a talk with a member, mails them an invitation with the `.ics` attached. */
export async function scheduleTalk(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	if (!canCoach(v.role)) throw forbidden();
	const input = parseInput(talkInput, raw);
	const member = await activeMember(ctx, networkId, input.memberId);
	if (member.id === v.userId) throw new DomainError('invalid', 'error_choose_member', 'memberId');
	const now = iso(ctx.now());
	const id = newId();
	const startsAt = joinWallClock(input.date, input.time);
	const talk = {
		id,
		memberId: member.id,
		startsAt,
		minutes: input.minutes,
		place: input.place,
		sequence: 0,
		status: 'planned'
	};
	// Made before anything is written: a date the calendar format refuses stops here.
	talkIcs(talk, { title: '', url: ctx.publicUrl });
	await ctx.db.transaction().execute(async (trx) => {
		// The first talk proposes the coaching relation; the member still has to accept it.
		const token = await proposeCoaching(trx, now, {
			networkId,
			memberId: member.id,
			coachId: v.userId
		});
		await repo.insertTalk(trx, {
			id,
			networkId,
			memberId: member.id,
			coachId: v.userId,
			startsAt,
			minutes: input.minutes,
			place: input.place,
			createdAt: now,
			updatedAt: now
		});
		await mailTalk({ ...ctx, db: trx }, actor, networkId, talk, 'invite', token);
	});
	return { id };
}

/** A talk for one of its two people; anyone else gets "not found". */
async function talkFor(ctx: Ctx, v: Viewer, talkId: string) {
	return requireInTalk(v, await repo.findTalkWithNames(ctx.db, v.networkId, talkId));
}

export async function getTalk(ctx: Ctx, actor: Actor | null, networkId: string, talkId: string) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	const isCoach = talk.coachId === v.userId;
	const [agenda, note] = await Promise.all([
		repo.listAgendaItems(ctx.db, talkId),
		// The coach's own notes: read only when the reader is this talk's coach.
		isCoach ? repo.findCoachNote(ctx.db, talkId, v.userId) : Promise.resolve(undefined)
	]);
	return { talk, agenda, privateNote: isCoach ? (note?.text ?? '') : null, isCoach };
}

/** Both people add to the shared agenda (stumbling blocks, questions). */
export async function addAgendaItem(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	talkId: string,
	raw: { text?: string }
) {
	const v = await viewer(ctx, actor, networkId);
	await talkFor(ctx, v, talkId);
	const { text } = parseInput(agendaItemInput, raw);
	await repo.insertAgendaItem(ctx.db, {
		id: newId(),
		talkId,
		authorId: v.userId,
		text,
		createdAt: iso(ctx.now())
	});
}

/** The coach moves a talk (date, time, length, place); the member gets the updated invitation. */
export async function moveTalk(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	talkId: string,
	raw: unknown
) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	if (talk.coachId !== v.userId) throw forbidden();
	const input = parseInput(talkMoveInput, raw);
	const moved = {
		...talk,
		startsAt: joinWallClock(input.date, input.time),
		minutes: input.minutes,
		place: input.place,
		sequence: talk.sequence + 1
	};
	// The calendar file is checked before the change is written.
	talkIcs(moved, { title: 'x', url: ctx.publicUrl });
	// The change and its mail job commit together: a mail never tells of a move that was lost.
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateTalk(trx, talkId, {
			startsAt: moved.startsAt,
			minutes: moved.minutes,
			place: moved.place,
			sequence: moved.sequence,
			updatedAt: iso(ctx.now())
		});
		await mailTalk({ ...ctx, db: trx }, actor, networkId, moved, 'moved');
	});
}

/** The coach writes what both see afterwards: the shared notes and agreed next steps. */
export async function saveTalkNotes(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	talkId: string,
	raw: unknown
) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	if (talk.coachId !== v.userId) throw forbidden();
	const input = parseInput(talkNotesInput, raw);
	const sequence = input.status !== talk.status ? talk.sequence + 1 : talk.sequence;
	await ctx.db.transaction().execute(async (trx) => {
		await repo.updateTalk(trx, talkId, { ...input, sequence, updatedAt: iso(ctx.now()) });
		// Called off: the member's calendar is told (the same event, cancelled), in the same commit.
		if (input.status === 'cancelled' && talk.status !== 'cancelled')
			await mailTalk(
				{ ...ctx, db: trx },
				actor,
				networkId,
				{ ...talk, status: 'cancelled', sequence },
				'cancelled'
			);
	});
}

/** The coach's private notes: written and read by this talk's coach alone. */
export async function savePrivateNote(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	talkId: string,
	raw: unknown
) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	if (talk.coachId !== v.userId) throw notFound();
	const text = parseInput(privateNoteInput, raw).privateNote;
	const now = iso(ctx.now());
	await repo.upsertCoachNote(ctx.db, { talkId, coachId: v.userId, text, updatedAt: now });
}
