import { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { iso, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { enqueueIndexSession } from '../../jobs/index.ts';
import { renderMail } from '../../mail/render.ts';
import { parseInput, text, token } from '../../validation.ts';
import { findNetwork } from '../network/network.repository.ts';
import { requireReportWorker } from './report-access.ts';

/** What the facilitator changed: laid over the captured data when the report is assembled. */
export interface ReportEdits {
	intro: string;
	closing: string;
	/** Steps whose section is left out. */
	hidden: string[];
	/** A note per step, shown under its heading. */
	notes: Record<string, string>;
	/** Images with their (required) alternative text, after the introduction or in a section. */
	images: ReportImage[];
	/** Sections in the facilitator's order (step ids); steps not listed follow in agenda order. */
	order: string[];
	/** A section's heading as the facilitator rewrote it. */
	titles: Record<string, string>;
}

export interface ReportImage {
	fileId: string;
	alt: string;
	/** The section it belongs to; null: after the introduction. */
	stepId: string | null;
	width: number;
	height: number;
}

export const EMPTY_EDITS: ReportEdits = {
	intro: '',
	closing: '',
	hidden: [],
	notes: {},
	images: [],
	order: [],
	titles: {}
};

/** Autosaves by the same person within this time are one entry in the version history. */
const COLLAPSE_MS = 10 * 60_000;

const prose = text(20_000, { trim: false });
export const reportEditInput = z.object({
	baseVersion: z.coerce.number().int().min(0),
	intro: prose.default(''),
	closing: prose.default(''),
	hidden: z.array(token()).max(200).default([]),
	notes: z.record(token(), prose).default({}),
	order: z.array(token()).max(200).default([]),
	titles: z.record(token(), text(200, { trim: false })).default({}),
	/** "up:<stepId>" or "down:<stepId>": move that section one place, and save. */
	move: token(80).default('')
});

function parseEdits(json: string): ReportEdits {
	try {
		return { ...EMPTY_EDITS, ...(JSON.parse(json) as Partial<ReportEdits>) };
	} catch {
		return EMPTY_EDITS;
	}
}

/** The edits of one saved version (the shared one, for members), or none when it is missing. */
export async function versionEdits(ctx: Ctx, sessionId: string, version: number) {
	const row = await ctx.db
		.selectFrom('reportVersion')
		.select('content')
		.where('sessionId', '=', sessionId)
		.where('version', '=', version)
		.executeTakeFirst();
	return row ? parseEdits(row.content) : EMPTY_EDITS;
}

/** The edits and version state of a session's report; version 0 means nothing edited yet. */
export async function reportState(ctx: Ctx, sessionId: string) {
	const row = await ctx.db
		.selectFrom('report as r')
		.leftJoin('user as u', 'u.id', 'r.updatedBy')
		.select([
			'r.version',
			'r.content',
			'r.publishedVersion',
			'r.publishedAt',
			'r.updatedAt',
			'u.name as updatedByName'
		])
		.where('r.sessionId', '=', sessionId)
		.executeTakeFirst();
	return {
		version: row?.version ?? 0,
		edits: row ? parseEdits(row.content) : EMPTY_EDITS,
		publishedVersion: row?.publishedVersion ?? null,
		publishedAt: row?.publishedAt ?? null,
		updatedAt: row?.updatedAt ?? null,
		updatedByName: row?.updatedByName ?? null
	};
}

export async function writeVersion(
	ctx: Ctx,
	actor: Actor,
	sessionId: string,
	baseVersion: number,
	edits: ReportEdits,
	autosave = false
) {
	const now = iso(ctx.now());
	const content = JSON.stringify(edits);
	const result = await ctx.db.transaction().execute(async (trx) => {
		const current = await trx
			.selectFrom('report')
			.select(['version', 'publishedVersion'])
			.where('sessionId', '=', sessionId)
			.executeTakeFirst();
		if ((current?.version ?? 0) !== baseVersion)
			// Someone saved in between: never overwrite their work silently.
			throw new DomainError('conflict', 'error_report_edited_meanwhile');
		const version = baseVersion + 1;
		// The primary key (session, version) makes a second writer with the same base fail here.
		await trx
			.insertInto('reportVersion')
			.values({
				sessionId,
				version,
				content,
				createdBy: actor.userId,
				createdAt: now,
				autosaved: autosave ? 1 : 0
			})
			.execute();
		if (current)
			await trx
				.updateTable('report')
				.set({ version, content, updatedBy: actor.userId, updatedAt: now })
				.where('sessionId', '=', sessionId)
				.where('version', '=', baseVersion)
				.execute();
		else
			await trx
				.insertInto('report')
				.values({ sessionId, version, content, updatedBy: actor.userId, updatedAt: now })
				.execute();
		if (autosave && current && current.publishedVersion !== baseVersion) {
			// An autosave on top of the same person's recent autosave replaces it in the history,
			// so the history holds moments worth going back to, not every pause in typing.
			await trx
				.deleteFrom('reportVersion')
				.where('sessionId', '=', sessionId)
				.where('version', '=', baseVersion)
				.where('createdBy', '=', actor.userId)
				.where('autosaved', '=', 1)
				.where('createdAt', '>=', iso(new Date(ctx.now().getTime() - COLLAPSE_MS)))
				.execute();
		}
		return { version };
	});
	// A draft is not searchable: only sharing puts the report in the members' search.
	return result;
}

/** Saves the facilitator's edits as a new version, if nobody saved since `baseVersion`. */
export async function saveReport(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: unknown,
	opts: { autosave?: boolean } = {}
) {
	await requireReportWorker(ctx, actor, networkId, sessionId);
	const input = parseInput(reportEditInput, raw);
	const agenda = (
		await ctx.db
			.selectFrom('agendaStep')
			.select('id')
			.where('sessionId', '=', sessionId)
			.orderBy('position')
			.execute()
	).map((s) => s.id);
	const steps = new Set(agenda);
	const hidden = [...new Set(input.hidden)].filter((id) => steps.has(id));
	const notes = Object.fromEntries(
		Object.entries(input.notes).filter(([id, t]) => steps.has(id) && t.trim() !== '')
	);
	const titles = Object.fromEntries(
		Object.entries(input.titles)
			.map(([id, t]) => [id, t.trim()] as const)
			.filter(([id, t]) => steps.has(id) && t !== '')
	);
	const order = sectionOrder([...input.order], agenda);
	const [direction, moved] = input.move.split(':') as [string, string | undefined];
	const at = moved ? order.indexOf(moved) : -1;
	const to = direction === 'up' ? at - 1 : at + 1;
	if (at >= 0 && to >= 0 && to < order.length) [order[at], order[to]] = [order[to]!, order[at]!];
	const { edits } = await reportState(ctx, sessionId);
	return writeVersion(
		ctx,
		actor,
		sessionId,
		input.baseVersion,
		{
			...edits,
			intro: input.intro.trim(),
			closing: input.closing.trim(),
			hidden,
			notes,
			titles,
			order
		},
		opts.autosave === true
	);
}

/** The facilitator's order made complete: known steps as ordered, then the rest in agenda order. */
export function sectionOrder(order: string[], agenda: string[]): string[] {
	const known = [...new Set(order.filter((id) => agenda.includes(id)))];
	return [...known, ...agenda.filter((id) => !known.includes(id))];
}

export async function listVersions(ctx: Ctx, sessionId: string) {
	return ctx.db
		.selectFrom('reportVersion as v')
		.leftJoin('user as u', 'u.id', 'v.createdBy')
		.select(['v.version', 'v.createdAt', 'u.name as by'])
		.where('v.sessionId', '=', sessionId)
		.orderBy('v.version', 'desc')
		.limit(100)
		.execute();
}

/** Restores an earlier version by saving its content as the newest one (nothing is lost). */
export async function restoreVersion(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: { version?: string; baseVersion?: string }
) {
	await requireReportWorker(ctx, actor, networkId, sessionId);
	const wanted = Number(raw.version);
	const old = Number.isInteger(wanted)
		? await ctx.db
				.selectFrom('reportVersion')
				.select('content')
				.where('sessionId', '=', sessionId)
				.where('version', '=', wanted)
				.executeTakeFirst()
		: undefined;
	if (!old) throw notFound();
	return writeVersion(
		ctx,
		actor,
		sessionId,
		Number(raw.baseVersion ?? -1),
		parseEdits(old.content)
	);
}

/**
 * Publishes the report as it stands to the network's members: they get an e-mail with a link.
 * Publishing again after a correction mails them that it changed.
 */
export async function publishReport(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	const { session } = await requireReportWorker(ctx, actor, networkId, sessionId);
	const state = await reportState(ctx, sessionId);
	const now = iso(ctx.now());
	const again = state.publishedVersion !== null;
	if (state.version === 0) await writeVersion(ctx, actor, sessionId, 0, EMPTY_EDITS);
	const version = Math.max(1, state.version);
	const network = (await findNetwork(ctx.db, networkId))!;
	const locale = network.language;
	const members = await ctx.db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.userId')
		.select('u.email')
		.where('ms.networkId', '=', networkId)
		.where('ms.status', '=', 'active')
		.execute();
	const subject = again
		? m.mail_report_updated_subject({ title: session.title }, { locale })
		: m.mail_report_subject({ title: session.title }, { locale });
	const { text, html } = renderMail({
		lang: locale,
		heading: subject,
		paragraphs: [
			again
				? m.mail_report_updated_body({ network: network.name }, { locale })
				: m.mail_report_body({ network: network.name }, { locale })
		],
		link: {
			href: `${ctx.publicUrl}/networks/${networkId}/sessions/${sessionId}/report`,
			label: m.mail_report_link({}, { locale })
		}
	});
	// The publication, its search index job and its mails commit together.
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('report')
			.set({ publishedVersion: version, publishedAt: now })
			.where('sessionId', '=', sessionId)
			.execute();
		await enqueueIndexSession(trx, sessionId, ctx.now());
		for (const member of members) {
			const key = `report:${sessionId}:${version}:${now}:${member.email}`;
			const mail = { to: member.email, subject, text, html, kind: 'report', key, networkId };
			await ctx.mailer.send(mail, trx);
		}
	});
	return { sent: members.length, version };
}
