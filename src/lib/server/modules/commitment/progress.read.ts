import { todayIn } from '#lib/dates.ts';
import type { Actor, Ctx } from '../../context.ts';
import { talkFor, talksFor, viewer, type Viewer } from '../trajectory/index.ts';
import { allowedFor, openCommitment } from './commitment.read.ts';
import {
	canOwnAction,
	canSeeCommitment,
	whyNotLinkTalk,
	type CommitmentFacts
} from './commitment.policy.ts';
import * as repo from './commitment.repository.ts';
import * as links from './progress.repository.ts';

/**
 * Progress conversations: a coaching talk about a commitment of the talk's member. A talk is for
 * its two people only, so a linked talk is shown to those two alone; the commitment is shown as
 * far as the viewer may see it, and only while the talk's member still keeps it.
 */

export type TalkFacts = Awaited<ReturnType<typeof talkFor>>;

/** The talk's coach, as a viewer of the member's commitments. */
export const coachOfTalk = (talk: TalkFacts): Viewer => ({
	userId: talk.coachId,
	networkId: talk.networkId,
	role: 'coach'
});

async function withCoOwners<T extends { id: string }>(ctx: Ctx, rows: T[]) {
	const coOwners = await repo.listCoOwners(
		ctx.db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({
		...r,
		coOwnerIds: coOwners.filter((o) => o.commitmentId === r.id).map((o) => o.userId)
	}));
}

/** The commitments the talk can be about: the member's, that the viewer and the coach may see. */
async function linkable(ctx: Ctx, v: Viewer, talk: TalkFacts) {
	const rows = await withCoOwners(ctx, await repo.listCommitmentsOfNetwork(ctx.db, v.networkId));
	const mine = allowedFor(ctx, v);
	const coach = allowedFor(ctx, coachOfTalk(talk));
	const out = [];
	for (const c of rows) {
		if (!canOwnAction(c, talk.memberId)) continue;
		if (!canSeeCommitment(v, c, await mine(c.userId))) continue;
		if (whyNotLinkTalk(talk, c, await coach(c.userId))) continue;
		out.push(c);
	}
	return out;
}

/** For the talk page: the commitment it is about (if the viewer may see it) and the choices. */
export async function talkProgress(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	talkId: string
) {
	const v = await viewer(ctx, actor, networkId);
	const talk = await talkFor(ctx, v, talkId);
	const choices = await linkable(ctx, v, talk);
	const link = await links.findTalkLink(ctx.db, networkId, talkId);
	let linked: { id: string; title: string } | null = null;
	if (link) {
		const row = await repo.findCommitment(ctx.db, networkId, link.commitmentId);
		const [c] = row ? await withCoOwners(ctx, [row]) : [];
		if (
			c &&
			canOwnAction(c, talk.memberId) &&
			canSeeCommitment(v, c, await allowedFor(ctx, v)(c.userId))
		)
			linked = { id: c.id, title: c.title };
	}
	return {
		linked,
		choices: choices.map((c) => ({ id: c.id, title: c.title, state: c.state })),
		memberName: talk.memberName,
		coachName: talk.coachName
	};
}

/** The talks about this commitment the viewer is in, newest first (for the commitment page). */
export async function talksAbout(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	commitmentId: string
) {
	const { v, c } = await openCommitment(ctx, actor, networkId, commitmentId);
	const ids = (await links.listTalkLinks(ctx.db, [c.id])).map((l) => l.talkId);
	return (await talksFor(ctx, v, ids))
		.filter((t) => canOwnAction(c, t.memberId))
		.map((t) => ({
			id: t.id,
			startsAt: t.startsAt,
			status: t.status,
			coachName: t.coachName,
			memberName: t.memberName
		}));
}

/**
 * For the coach's overview: per commitment, when the last talk about it took place (the viewer's
 * own talks, not called off, up to today).
 */
export async function lastTalkOn(
	ctx: Ctx,
	v: Viewer,
	commitments: (CommitmentFacts & { id: string })[]
): Promise<Map<string, string>> {
	const linkRows = await links.listTalkLinks(
		ctx.db,
		commitments.map((c) => c.id)
	);
	const talks = await talksFor(
		ctx,
		v,
		linkRows.map((l) => l.talkId)
	);
	const today = todayIn(ctx.now());
	const out = new Map<string, string>();
	for (const l of linkRows) {
		const t = talks.find((x) => x.id === l.talkId);
		const c = commitments.find((x) => x.id === l.commitmentId);
		if (!t || !c || t.status === 'cancelled' || !canOwnAction(c, t.memberId)) continue;
		const day = t.startsAt.slice(0, 10);
		if (day > today) continue;
		const seen = out.get(c.id);
		if (!seen || seen < t.startsAt) out.set(c.id, t.startsAt);
	}
	return out;
}
