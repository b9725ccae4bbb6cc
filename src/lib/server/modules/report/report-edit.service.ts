import * as m from '#lib/paraglide/messages.js';
import { iso, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { enqueueIndexSession } from '../../jobs/index.ts';
import { renderMail } from '../../mail/render.ts';
import { parseInput } from '../../validation.ts';
import { findNetwork } from '../network/index.ts';
import { requireReportWorker } from './report-access.service.ts';
import * as repo from './report.repository.ts';
import { EMPTY_EDITS, parseEdits, reportEditInput, type ReportEdits } from './report.schema.ts';
import { reportState } from './report-state.service.ts';

// Read by the search index and the pages too; they live apart so that reading a report's state
// does not pull in what publishing does (mail, the index).
export { reportState, versionEdits } from './report-state.service.ts';

/** Autosaves by the same person within this time are one entry in the version history. */
const COLLAPSE_MS = 10 * 60_000;

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
		const current = await repo.findReportHead(trx, sessionId);
		if ((current?.version ?? 0) !== baseVersion)
			// Someone saved in between: never overwrite their work silently.
			throw new DomainError('conflict', 'error_report_edited_meanwhile');
		const version = baseVersion + 1;
		await repo.insertVersion(trx, {
			sessionId,
			version,
			content,
			createdBy: actor.userId,
			createdAt: now,
			autosaved: autosave
		});
		await repo.writeReportHead(
			trx,
			{ sessionId, baseVersion: current ? baseVersion : null, version, content },
			{ userId: actor.userId, at: now }
		);
		if (autosave && current && current.publishedVersion !== baseVersion)
			// An autosave on top of the same person's recent autosave replaces it in the history,
			// so the history holds moments worth going back to, not every pause in typing.
			await repo.deleteRecentAutosave(trx, {
				sessionId,
				version: baseVersion,
				userId: actor.userId,
				sinceIso: iso(new Date(ctx.now().getTime() - COLLAPSE_MS))
			});
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
	const agenda = await repo.listStepIds(ctx.db, sessionId);
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
	return repo.listVersionsOf(ctx.db, sessionId);
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
		? await repo.findVersionContent(ctx.db, sessionId, wanted)
		: undefined;
	if (old === undefined) throw notFound();
	return writeVersion(ctx, actor, sessionId, Number(raw.baseVersion ?? -1), parseEdits(old));
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
	const members = await repo.listActiveMemberEmails(ctx.db, networkId);
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
		await repo.markPublished(trx, sessionId, version, now);
		await enqueueIndexSession(trx, sessionId, ctx.now());
		for (const email of members) {
			const key = `report:${sessionId}:${version}:${now}:${email}`;
			await ctx.mailer.send(
				{ to: email, subject, text, html, kind: 'report', key, networkId },
				trx
			);
		}
	});
	return { sent: members.length, version, members, at: now };
}
