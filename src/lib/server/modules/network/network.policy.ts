import type { Membership } from '../../db/types.ts';
import { forbidden, notFound } from '../../errors.ts';

/** An active membership whose house rules are accepted and whose guest period has not ended. */
export function isActiveMembership(m: Membership | undefined, now: Date): boolean {
	if (!m || m.status !== 'active') return false;
	if (m.guestUntil && m.guestUntil < now.toISOString()) return false;
	return true;
}

/**
 * The gate for every read of network content. A non-member gets "not found", never
 * "forbidden", so the existence of another tenant's network does not leak.
 */
export function allowMember(m: Membership | undefined, now: Date): Membership {
	if (!m || !isActiveMembership(m, now)) throw notFound();
	return m;
}

export const canManageNetwork = (m: Membership) => m.role === 'coordinator';

/** Coordinators and facilitators lead: they design sessions and coach members. */
export const isLeadingRole = (role: string) => role === 'coordinator' || role === 'facilitator';

export function allowCoordinator(m: Membership): Membership {
	if (!canManageNetwork(m)) throw forbidden();
	return m;
}
