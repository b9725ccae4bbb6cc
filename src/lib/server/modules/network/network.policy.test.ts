import { describe, expect, it } from 'vitest';
import type { Membership } from '../../db/types.ts';
import { DomainError } from '../../errors.ts';
import { allowCoordinator, allowMember, isActiveMembership } from './network.policy.ts';
import { allowSessionDesigner } from '../session/session.policy.ts';

/** The membership gates decide from the membership row they are handed; no database. */
const now = new Date('2026-11-23T10:00:00.000Z');
const membership = (over: Partial<Membership> = {}): Membership => ({
	id: 'm1',
	networkId: 'n1',
	userId: 'u1',
	role: 'participant',
	organisationId: null,
	status: 'active',
	guestUntil: null,
	rulesAcceptedAt: '2026-11-01T00:00:00.000Z',
	rulesVersion: 1,
	joinedAt: '2026-11-01T00:00:00.000Z',
	removedAt: null,
	...over
});
const kind = (f: () => unknown) => {
	try {
		f();
	} catch (e) {
		return e instanceof DomainError ? e.code : 'other';
	}
	return 'allowed';
};

describe('membership gates', () => {
	it('treat a non-member, a removed member and a guest past their date as not found', () => {
		expect(kind(() => allowMember(undefined, now))).toBe('not_found');
		expect(kind(() => allowMember(membership({ status: 'removed' }), now))).toBe('not_found');
		const expired = membership({ role: 'boundary_spanner', guestUntil: '2026-11-22T23:59:59Z' });
		expect(isActiveMembership(expired, now)).toBe(false);
		expect(kind(() => allowMember(expired, now))).toBe('not_found');
		expect(kind(() => allowMember(membership(), now))).toBe('allowed');
	});

	it('let a member who is not a coordinator read but not manage, and not design sessions', () => {
		expect(kind(() => allowCoordinator(membership()))).toBe('forbidden');
		expect(kind(() => allowCoordinator(membership({ role: 'coordinator' })))).toBe('allowed');
		expect(kind(() => allowSessionDesigner(membership()))).toBe('forbidden');
		expect(kind(() => allowSessionDesigner(membership({ role: 'facilitator' })))).toBe('allowed');
	});
});
