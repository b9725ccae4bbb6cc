import type { Membership } from '../../db/types.ts';
import { forbidden } from '../../errors.ts';
import { isLeadingRole } from '../network/index.ts';

/** Coordinators and facilitators design sessions; every member may read them. */
export const canDesignSessions = (role: string) => isLeadingRole(role);

export function allowSessionDesigner(m: Membership): Membership {
	if (!canDesignSessions(m.role)) throw forbidden();
	return m;
}

// Read functions that used to live here; other modules still import them from this path.
export {
	findSessionInNetwork,
	findStepInSession,
	requireSessionDesigner,
	sessionIdInNetwork
} from './session.read.ts';
