import type { Actor, Ctx } from '../../context.ts';
import { DomainError, forbidden } from '../../errors.ts';
import { requireMember } from '../network/network.policy.ts';
import { findSessionInNetwork } from '../session/session.policy.ts';
import { canWorkOnReport } from './report.policy.ts';
import { listActiveFacilitatorIds } from './report.repository.ts';

/**
 * A member's relation to one session's report: whether they work on it. The facts (their role,
 * the session's facilitators) are read here; report.policy decides from them.
 */
export async function reportAccess(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string
) {
	const me = await requireMember(ctx, actor, networkId);
	const session = await findSessionInNetwork(ctx, networkId, sessionId);
	const facilitators = await listActiveFacilitatorIds(ctx.db, sessionId);
	const canWork = canWorkOnReport({
		role: me.role,
		isSessionFacilitator: facilitators.includes(me.id),
		sessionHasFacilitators: facilitators.length > 0
	});
	return { me, session, canWork };
}

/** Editing the report, and reading it before it is shared: for the people who work on it. */
export async function requireReportWorker(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	sessionId: string
) {
	const access = await reportAccess(ctx, actor, networkId, sessionId);
	if (!access.canWork) throw forbidden();
	return access;
}

export const reportNotShared = () => new DomainError('forbidden', 'error_report_not_shared');
