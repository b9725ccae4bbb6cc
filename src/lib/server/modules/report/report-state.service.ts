import type { Ctx } from '../../context.ts';
import * as repo from './report.repository.ts';
import { EMPTY_EDITS, parseEdits } from './report.schema.ts';

/** The edits of one saved version (the shared one, for members), or none when it is missing. */
export async function versionEdits(ctx: Ctx, sessionId: string, version: number) {
	const content = await repo.findVersionContent(ctx.db, sessionId, version);
	return content === undefined ? EMPTY_EDITS : parseEdits(content);
}

/** The edits and version state of a session's report; version 0 means nothing edited yet. */
export async function reportState(ctx: Ctx, sessionId: string) {
	const row = await repo.findReportState(ctx.db, sessionId);
	return {
		version: row?.version ?? 0,
		edits: row ? parseEdits(row.content) : EMPTY_EDITS,
		publishedVersion: row?.publishedVersion ?? null,
		publishedAt: row?.publishedAt ?? null,
		updatedAt: row?.updatedAt ?? null,
		updatedByName: row?.updatedByName ?? null
	};
}

/** Whether the session's report has been shared with the network (members may read it). */
export async function reportIsShared(ctx: Ctx, sessionId: string) {
	return (await reportState(ctx, sessionId)).publishedVersion !== null;
}
