import type { Membership } from '../../db/types.ts';
import { forbidden } from '../../errors.ts';
import { isLeadingRole } from '../network/index.ts';

/** Coordinators and facilitators design sessions; every member may read them. */
export const canDesignSessions = (role: string) => isLeadingRole(role);

export function allowSessionDesigner(m: Membership): Membership {
	if (!canDesignSessions(m.role)) throw forbidden();
	return m;
}
