import { describe, expect, it } from 'vitest';
import { ROLES, type Membership } from '../../db/types.ts';
import {
	canChangeTip,
	canRemoveTip,
	canShape,
	creditFor,
	tipRolesFor,
	type Audience
} from './learning.policy.ts';
import { TIP_CREDITS, type TipCredit } from './learning.schema.ts';

/** The credit rule as a matrix: every choice, seen by another member, by the giver, by the public. */
describe('learning policy: who is credited how, who may change a tip', () => {
	const tip = (credit: TipCredit) => ({
		giverId: 'giver',
		giverRole: 'boundary_spanner' as const,
		credit
	});
	const AUDIENCES: Record<string, Audience> = {
		member: { kind: 'member', userId: 'someone-else' },
		giver: { kind: 'member', userId: 'giver' },
		public: { kind: 'public' }
	};
	// [name shown, role shown] per audience, for each choice.
	const EXPECTED: Record<TipCredit, Record<string, [boolean, boolean]>> = {
		name: { member: [true, true], giver: [true, true], public: [true, true] },
		members: { member: [true, true], giver: [true, true], public: [false, true] },
		role: { member: [false, true], giver: [false, true], public: [false, true] },
		anonymous: { member: [false, false], giver: [false, false], public: [false, false] }
	};

	it('shows a name only where its giver allowed it, and a role unless anonymous', () => {
		const seen: string[] = [];
		for (const credit of TIP_CREDITS)
			for (const [who, audience] of Object.entries(AUDIENCES)) {
				const c = creditFor(tip(credit), 'Karim', audience);
				expect([c.name !== null, c.role !== null], `${credit} seen by ${who}`).toEqual(
					EXPECTED[credit][who]
				);
				if (c.name !== null) expect(c.name).toBe('Karim');
				expect(c.isOwn, `${credit} seen by ${who}`).toBe(who === 'giver');
				seen.push(`${credit}/${who}`);
			}
		expect(seen).toHaveLength(TIP_CREDITS.length * 3);
	});

	it('lets only the giver change a tip, a leader also remove it, and offers roles by network role', () => {
		const member = (role: Membership['role'], userId = 'u'): Membership =>
			({ id: 'm', networkId: 'n', userId, role, organisationId: null }) as Membership;
		for (const role of ROLES) {
			const m = member(role);
			expect(canChangeTip(m, { giverId: 'u' })).toBe(true);
			expect(canChangeTip(m, { giverId: 'other' })).toBe(false);
			// An anonymous tip's giver link never lets anyone else change it.
			expect(canChangeTip(m, { giverId: null })).toBe(false);
			expect(canRemoveTip(m, { giverId: 'other' })).toBe(canShape(m));
			const roles = tipRolesFor(m);
			expect(roles).toContain('peer');
			expect(roles.includes('facilitator')).toBe(canShape(m));
			expect(roles.includes('boundary_spanner')).toBe(canShape(m) || role === 'boundary_spanner');
		}
	});
});
