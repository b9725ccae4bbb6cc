import { iso, type Actor, type Ctx } from '../../context.ts';
import { requireReportWorker } from './report-access.service.ts';
import { reportState } from './report-edit.service.ts';
import { listOtherEditors, touchEditor } from './report.repository.ts';

/** Someone whose edit page checked in within this time is "editing now". */
const PRESENCE_MS = 2 * 60_000;

/**
 * The edit page checks in when it opens and every half minute while it is open; the answer
 * says who else has it open, and whether someone saved a newer version in the meantime.
 */
export async function reportPresence(ctx: Ctx, actor: Actor, networkId: string, sessionId: string) {
	await requireReportWorker(ctx, actor, networkId, sessionId);
	const now = iso(ctx.now());
	await touchEditor(ctx.db, sessionId, actor.userId, now);
	const others = await listOtherEditors(
		ctx.db,
		sessionId,
		actor.userId,
		iso(new Date(ctx.now().getTime() - PRESENCE_MS))
	);
	const state = await reportState(ctx, sessionId);
	return {
		others: others.map((o) => ({ name: o.name, seenAt: o.seenAt })),
		version: state.version,
		updatedByName: state.updatedByName,
		updatedAt: state.updatedAt
	};
}
