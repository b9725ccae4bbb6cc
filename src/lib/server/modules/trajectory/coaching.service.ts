import { createEvent, type DateArray } from 'ics';
import * as m from '#lib/paraglide/messages.js';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, forbidden, notFound } from '../../errors.ts';
import { renderMail } from '../../mail/render.ts';
import { parseInput } from '../../validation.ts';
import { findNetwork } from '../network/network.repository.ts';
import { canDesignSessions } from '../session/session.policy.ts';
import { talkInput, talkMoveInput, talkNotesInput } from './trajectory.schema.ts';
import { viewer, type Viewer } from './trajectory.policy.ts';

/**
 * 1-on-1 coaching between sessions. Coordinators and facilitators coach; a member has one coach
 * per network, set by the first talk planned with them. A talk is visible to its two people
 * only; the coach's own notes to the coach only (not to other coordinators either).
 */
export const canCoach = (role: string) => canDesignSessions(role);

async function activeMember(ctx: Ctx, networkId: string, userId: string) {
	const row = await ctx.db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.select(['u.id', 'u.name', 'u.email', 'u.locale'])
		.where('ms.networkId', '=', networkId)
		.where('ms.userId', '=', userId)
		.where('ms.status', '=', 'active')
		.executeTakeFirst();
	if (!row) throw new DomainError('invalid', 'error_choose_member', 'memberId');
	return row;
}

export function talkIcs(
	talk: {
		id: string;
		startsAt: string;
		minutes: number;
		place: string;
		sequence: number;
		status: string;
	},
	opts: { title: string; url: string }
): string {
	const [date, time] = talk.startsAt.split('T') as [string, string];
	const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
	const [h, mi] = time.split(':').map(Number) as [number, number];
	const { error, value } = createEvent({
		uid: `${talk.id}@olievlek-coaching`,
		sequence: talk.sequence,
		title: opts.title,
		location: talk.place || undefined,
		url: opts.url,
		start: [y, mo, d, h, mi] as DateArray,
		startInputType: 'local',
		startOutputType: 'local',
		duration: { minutes: talk.minutes },
		status: talk.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
		productId: 'olievlek/coaching'
	});
	if (error || !value) throw error ?? new Error('calendar event could not be written');
	return value;
}

/** Plans a talk with a member, mails them an invitation with the `.ics` attached. */
export async function scheduleTalk(ctx: Ctx, actor: Actor, networkId: string, raw: unknown) {
	const v = await viewer(ctx, actor, networkId);
	if (!canCoach(v.role)) throw forbidden();
	const input = parseInput(talkInput, raw);
	const member = await activeMember(ctx, networkId, input.memberId);
	if (member.id === v.userId) throw new DomainError('invalid', 'error_choose_member', 'memberId');
	const now = iso(ctx.now());
	const id = newId();
	const startsAt = `${input.date}T${input.time}`;
	const network = (await findNetwork(ctx.db, networkId))!;
	const locale = network.language;
	const url = `${ctx.publicUrl}/networks/${networkId}/coaching/${id}`;
	const when = `${input.date} ${input.time}`;
	const subject = m.mail_talk_subject({ coach: actor.name, when }, { locale });
	// Made before anything is written: a date the calendar format refuses stops here.
	const ics = talkIcs(
		{ id, startsAt, minutes: input.minutes, place: input.place, sequence: 0, status: 'planned' },
		{ title: subject, url }
	);
	await ctx.db.transaction().execute(async (trx) => {
		const coach = await trx
			.selectFrom('coach')
			.select('coachId')
			.where('networkId', '=', networkId)
			.where('memberId', '=', member.id)
			.executeTakeFirst();
		if (coach && coach.coachId !== v.userId)
			throw new DomainError('conflict', 'error_other_coach', 'memberId');
		if (!coach)
			await trx
				.insertInto('coach')
				.values({ networkId, memberId: member.id, coachId: v.userId, since: now })
				.execute();
		await trx
			.insertInto('coachingTalk')
			.values({
				id,
				networkId,
				memberId: member.id,
				coachId: v.userId,
				startsAt,
				minutes: input.minutes,
				place: input.place,
				createdAt: now,
				updatedAt: now
			})
			.execute();
	});
	const { text, html } = renderMail({
		lang: locale,
		heading: subject,
		paragraphs: [
			m.mail_talk_body({ coach: actor.name, network: network.name }, { locale }),
			m.mail_session_when({ when }, { locale }),
			...(input.place ? [m.mail_session_where({ where: input.place }, { locale })] : []),
			m.mail_talk_agenda({}, { locale })
		],
		link: { href: url, label: m.mail_talk_link({}, { locale }) }
	});
	await ctx.mailer.send({
		to: member.email,
		subject,
		text,
		html,
		attachments: [
			{
				filename: 'olievlek-gesprek.ics',
				contentType: 'text/calendar; charset=utf-8',
				content: ics
			}
		]
	});
	return { id };
}

/** A talk for one of its two people; anyone else gets "not found". */
async function talkFor(ctx: Ctx, v: Viewer, talkId: string) {
	const talk = await ctx.db
		.selectFrom('coachingTalk as t')
		.innerJoin('user as mu', 'mu.id', 't.memberId')
		.innerJoin('user as cu', 'cu.id', 't.coachId')
		.selectAll('t')
		.select(['mu.name as memberName', 'cu.name as coachName'])
		.where('t.id', '=', talkId)
		.where('t.networkId', '=', v.networkId)
		.executeTakeFirst();
	if (!talk || (talk.memberId !== v.userId && talk.coachId !== v.userId)) throw notFound();
	return talk;
}

export async function getTalk(ctx: Ctx, actor: Actor | null, networkId: string, talkId: string) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	const isCoach = talk.coachId === v.userId;
	const [agenda, note] = await Promise.all([
		ctx.db
			.selectFrom('coachingAgendaItem as a')
			.leftJoin('user as u', 'u.id', 'a.authorId')
			.select(['a.id', 'a.text', 'a.createdAt', 'a.authorId', 'u.name as authorName'])
			.where('a.talkId', '=', talkId)
			.orderBy('a.createdAt')
			.execute(),
		// The coach's own notes: read only when the reader is this talk's coach.
		isCoach
			? ctx.db
					.selectFrom('coachNote')
					.select(['text', 'updatedAt'])
					.where('talkId', '=', talkId)
					.where('coachId', '=', v.userId)
					.executeTakeFirst()
			: Promise.resolve(undefined)
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
	const text = (raw.text ?? '').trim();
	if (!text) throw new DomainError('invalid', 'error_required', 'text');
	if (text.length > 1000)
		throw Object.assign(new DomainError('invalid', 'error_too_long', 'text'), { max: 1000 });
	await ctx.db
		.insertInto('coachingAgendaItem')
		.values({ id: newId(), talkId, authorId: v.userId, text, createdAt: iso(ctx.now()) })
		.execute();
}

/** Mails the member the talk as it now stands, with the calendar file that replaces the old one. */
async function mailTalkChange(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	talk: {
		id: string;
		memberId: string;
		startsAt: string;
		minutes: number;
		place: string;
		sequence: number;
		status: string;
	}
) {
	const network = (await findNetwork(ctx.db, networkId))!;
	const locale = network.language;
	const member = await activeMember(ctx, networkId, talk.memberId).catch(() => null);
	if (!member) return;
	const url = `${ctx.publicUrl}/networks/${networkId}/coaching/${talk.id}`;
	const when = talk.startsAt.replace('T', ' ');
	const cancelled = talk.status === 'cancelled';
	const subject = cancelled
		? m.mail_talk_cancelled_subject({ coach: actor.name, when }, { locale })
		: m.mail_talk_moved_subject({ coach: actor.name, when }, { locale });
	const { text, html } = renderMail({
		lang: locale,
		heading: subject,
		paragraphs: [
			cancelled
				? m.mail_talk_cancelled_body({ coach: actor.name }, { locale })
				: m.mail_talk_moved_body({ coach: actor.name }, { locale }),
			m.mail_session_when({ when }, { locale }),
			...(talk.place ? [m.mail_session_where({ where: talk.place }, { locale })] : [])
		],
		link: { href: url, label: m.mail_talk_link({}, { locale }) }
	});
	await ctx.mailer.send({
		to: member.email,
		subject,
		text,
		html,
		attachments: [
			{
				filename: 'olievlek-gesprek.ics',
				contentType: 'text/calendar; charset=utf-8',
				content: talkIcs(talk, { title: subject, url })
			}
		]
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
		startsAt: `${input.date}T${input.time}`,
		minutes: input.minutes,
		place: input.place,
		sequence: talk.sequence + 1
	};
	// The calendar file is checked before the change is written.
	talkIcs(moved, { title: 'x', url: ctx.publicUrl });
	await ctx.db
		.updateTable('coachingTalk')
		.set({
			startsAt: moved.startsAt,
			minutes: moved.minutes,
			place: moved.place,
			sequence: moved.sequence,
			updatedAt: iso(ctx.now())
		})
		.where('id', '=', talkId)
		.execute();
	await mailTalkChange(ctx, actor, networkId, moved);
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
	await ctx.db
		.updateTable('coachingTalk')
		.set({ ...input, sequence, updatedAt: iso(ctx.now()) })
		.where('id', '=', talkId)
		.execute();
	// Called off: the member's calendar is told (the same event, cancelled).
	if (input.status === 'cancelled' && talk.status !== 'cancelled')
		await mailTalkChange(ctx, actor, networkId, { ...talk, status: 'cancelled', sequence });
}

/** The coach's private notes: written and read by this talk's coach alone. */
export async function savePrivateNote(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	talkId: string,
	raw: { text?: string }
) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	if (talk.coachId !== v.userId) throw notFound();
	const text = (raw.text ?? '').trim();
	if (text.length > 10_000)
		throw Object.assign(new DomainError('invalid', 'error_too_long', 'privateNote'), {
			max: 10_000
		});
	const now = iso(ctx.now());
	await ctx.db
		.insertInto('coachNote')
		.values({ talkId, coachId: v.userId, text, updatedAt: now })
		.onConflict((oc) => oc.column('talkId').doUpdateSet({ text, updatedAt: now }))
		.execute();
}

/** The talks the viewer is in, as coach or as member, newest first. */
export async function myTalks(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	return ctx.db
		.selectFrom('coachingTalk as t')
		.innerJoin('user as mu', 'mu.id', 't.memberId')
		.innerJoin('user as cu', 'cu.id', 't.coachId')
		.select([
			't.id',
			't.startsAt',
			't.status',
			't.memberId',
			't.coachId',
			'mu.name as memberName',
			'cu.name as coachName'
		])
		.where('t.networkId', '=', networkId)
		.where((eb) => eb.or([eb('t.memberId', '=', v.userId), eb('t.coachId', '=', v.userId)]))
		.orderBy('t.startsAt', 'desc')
		.limit(200)
		.execute();
}

const DAY = 86_400_000;
/** No talk for this long: the overview flags it. */
export const QUIET_DAYS = 42;
/** The goal has not moved for this long: flagged too. */
export const STILL_DAYS = 56;

/**
 * The coach's overview of the members they coach: the last and next talk, the goal's state and
 * when it last moved (as far as the member shared it with the coach), and what needs attention.
 */
export async function coachOverview(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	if (!canCoach(v.role)) throw forbidden();
	const today = iso(ctx.now()).slice(0, 16);
	const coached = await ctx.db
		.selectFrom('coach as c')
		.innerJoin('user as u', 'u.id', 'c.memberId')
		.innerJoin('membership as ms', (j) =>
			j.onRef('ms.userId', '=', 'c.memberId').onRef('ms.networkId', '=', 'c.networkId')
		)
		.select(['u.id', 'u.name', 'c.since'])
		.where('c.networkId', '=', networkId)
		.where('c.coachId', '=', v.userId)
		.where('ms.status', '=', 'active')
		.orderBy('u.name')
		.execute();
	const rows = [];
	for (const p of coached) {
		const talks = await ctx.db
			.selectFrom('coachingTalk')
			.select(['id', 'startsAt', 'status'])
			.where('networkId', '=', networkId)
			.where('memberId', '=', p.id)
			.where('coachId', '=', v.userId)
			.where('status', '!=', 'cancelled')
			.orderBy('startsAt')
			.execute();
		const last = talks.filter((t) => t.startsAt < today).at(-1) ?? null;
		const next = talks.find((t) => t.startsAt >= today) ?? null;
		const goal = await ctx.db
			.selectFrom('goal')
			.select(['id', 'title', 'state', 'visibility'])
			.where('networkId', '=', networkId)
			.where('userId', '=', p.id)
			.where('visibility', 'in', ['coach', 'network'])
			.executeTakeFirst();
		const moved = goal
			? await ctx.db
					.selectFrom('goalEvent')
					.select('at')
					.where('goalId', '=', goal.id)
					.orderBy('at', 'desc')
					.limit(1)
					.executeTakeFirst()
			: undefined;
		const now = ctx.now().getTime();
		const since = (t: string) =>
			Math.floor((now - new Date(t.length === 16 ? `${t}:00Z` : t).getTime()) / DAY);
		const daysSinceTalk = last ? since(last.startsAt) : since(p.since);
		rows.push({
			member: { id: p.id, name: p.name },
			last,
			next,
			goal: goal ? { title: goal.title, state: goal.state } : null,
			goalMovedAt: moved?.at ?? null,
			quiet: daysSinceTalk >= QUIET_DAYS && !next,
			still: !!moved && since(moved.at) >= STILL_DAYS,
			daysSinceTalk
		});
	}
	const upcoming = rows
		.filter((r) => r.next)
		.sort((a, b) => a.next!.startsAt.localeCompare(b.next!.startsAt));
	return { rows, upcoming };
}

/** Members the viewer could plan a talk with (active, not themselves), and their coach if any. */
export async function coachableMembers(ctx: Ctx, actor: Actor | null, networkId: string) {
	const v = await viewer(ctx, actor, networkId);
	if (!canCoach(v.role)) throw forbidden();
	return ctx.db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.leftJoin('coach as c', (j) =>
			j.onRef('c.memberId', '=', 'ms.userId').onRef('c.networkId', '=', 'ms.networkId')
		)
		.leftJoin('user as cu', 'cu.id', 'c.coachId')
		.select(['u.id', 'u.name', 'c.coachId', 'cu.name as coachName'])
		.where('ms.networkId', '=', networkId)
		.where('ms.status', '=', 'active')
		.where('ms.userId', '!=', v.userId)
		.orderBy('u.name')
		.execute();
}

/**
 * A member's timeline, for the member and their coach: talks, goal changes (when the goal is
 * visible to the reader) and conversations (likewise), newest first.
 */
export async function timeline(ctx: Ctx, actor: Actor | null, networkId: string, memberId: string) {
	const v = await viewer(ctx, actor, networkId);
	const coach = await ctx.db
		.selectFrom('coach')
		.select('coachId')
		.where('networkId', '=', networkId)
		.where('memberId', '=', memberId)
		.executeTakeFirst();
	const isOwner = v.userId === memberId;
	if (!isOwner && coach?.coachId !== v.userId) throw notFound();
	const allowed = isOwner
		? (['private', 'coach', 'network'] as const)
		: (['coach', 'network'] as const);
	const [talks, goal, conversations] = await Promise.all([
		ctx.db
			.selectFrom('coachingTalk')
			.select(['id', 'startsAt', 'status'])
			.where('networkId', '=', networkId)
			.where('memberId', '=', memberId)
			.execute(),
		ctx.db
			.selectFrom('goal')
			.select(['id', 'title'])
			.where('networkId', '=', networkId)
			.where('userId', '=', memberId)
			.where('visibility', 'in', [...allowed])
			.executeTakeFirst(),
		ctx.db
			.selectFrom('conversation')
			.select(['id', 'kind', 'withWhom', 'heldOn', 'createdAt'])
			.where('networkId', '=', networkId)
			.where('userId', '=', memberId)
			.where('visibility', 'in', [...allowed])
			.execute()
	]);
	const events = goal
		? await ctx.db
				.selectFrom('goalEvent')
				.select(['state', 'change', 'at'])
				.where('goalId', '=', goal.id)
				.execute()
		: [];
	const entries = [
		...talks.map((t) => ({
			at: t.startsAt,
			kind: 'talk' as const,
			id: t.id,
			status: t.status,
			text: ''
		})),
		...events.map((e) => ({
			at: e.at.slice(0, 16),
			kind: 'goal' as const,
			id: goal!.id,
			status: e.state,
			text: goal!.title
		})),
		...conversations.map((c) => ({
			at: c.heldOn ?? c.createdAt.slice(0, 16),
			kind: 'conversation' as const,
			id: c.id,
			status: c.kind,
			text: c.withWhom
		}))
	];
	return entries.sort((a, b) => b.at.localeCompare(a.at));
}
