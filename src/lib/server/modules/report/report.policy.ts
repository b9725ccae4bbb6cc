import type { Role } from '../../db/types.ts';

/**
 * Who works on a session's report: its coordinators, and its facilitators (the ones listed on
 * the session; when none are listed, any facilitator of the network, who may run it). They read
 * and edit the draft. Everyone else in the network reads the report only as it was shared.
 */
export function canWorkOnReport(facts: {
	role: Role;
	isSessionFacilitator: boolean;
	sessionHasFacilitators: boolean;
}): boolean {
	if (facts.role === 'coordinator') return true;
	if (facts.role !== 'facilitator') return false;
	return facts.isSessionFacilitator || !facts.sessionHasFacilitators;
}

/** Which version of the report a member reads: the draft, the shared one, or none yet. */
export function reportVersionFor(
	canWork: boolean,
	state: { version: number; publishedVersion: number | null }
): { version: number; draft: boolean } | null {
	if (canWork) return { version: state.version, draft: true };
	if (state.publishedVersion === null) return null;
	return { version: state.publishedVersion, draft: false };
}
