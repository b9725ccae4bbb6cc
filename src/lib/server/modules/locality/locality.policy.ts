import type { Membership } from '../../db/types.ts';
import { isLeadingRole } from '../network/index.ts';

/**
 * Who may do what with a local approach, in one place.
 * - An approach is read and worked on by its coordinator, its team, and the network's
 *   coordinators; to everyone else, members of the same network included, it does not exist.
 *   Interviews hold what residents said about their town: they stay with the people doing the work.
 * - Coordinators and facilitators of the network start approaches and define frameworks.
 * - A mediation's notes are read and written only by its mediator and the approach's coordinator,
 *   not by the team or the network's coordinators; the block itself (tension, parties, outcome)
 *   is part of the plan the team sees.
 */
export interface ApproachAccess {
	coordinatorId: string | null;
	team: string[];
}

export const worksOnApproach = (m: Membership, a: ApproachAccess) =>
	m.role === 'coordinator' || a.coordinatorId === m.userId || a.team.includes(m.userId);

export const canStartApproach = (m: Membership) => isLeadingRole(m.role);

export const canDefineFramework = (m: Membership) => m.role === 'coordinator';

/** Only the approach's own coordinator removes it, or changes who leads and who is on the team. */
export const leadsApproach = (m: Membership, a: ApproachAccess) =>
	a.coordinatorId === m.userId || (a.coordinatorId === null && m.role === 'coordinator');

export const readsMediationNotes = (
	m: Membership,
	a: ApproachAccess,
	block: { kind: string; mediatorId: string | null }
) =>
	block.kind === 'mediation' &&
	(m.userId === a.coordinatorId || (block.mediatorId !== null && m.userId === block.mediatorId));

/** A note may be marked as a quote only when the interviewee consented to being quoted. */
export const mayQuote = (consent: string) => consent === 'quotes';
/** With no consent beyond the talk itself, nothing of what was said is kept. */
export const mayKeepNotes = (consent: string) => consent !== 'none';
