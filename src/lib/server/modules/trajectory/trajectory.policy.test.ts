import { describe, expect, it } from 'vitest';
import type { Visibility } from '../../db/types.ts';
import { canSeeItem, requireInTalk, requireOwner, visibilitiesFor } from './trajectory.policy.ts';

/** The policy alone, handed the facts (the owner's accepted coach); no database. */
const v = (userId: string) => ({ userId, networkId: 'n1', role: 'member' });
const item = (userId: string | null, visibility: Visibility, networkId = 'n1') => ({
	userId,
	visibility,
	networkId
});

describe('trajectory policy', () => {
	it('gives the owner everything, their accepted coach what is shared with them, others the network', () => {
		expect(visibilitiesFor(v('ann'), 'ann', 'cas')).toEqual(['private', 'coach', 'network']);
		expect(visibilitiesFor(v('cas'), 'ann', 'cas')).toEqual(['coach', 'network']);
		expect(visibilitiesFor(v('bob'), 'ann', 'cas')).toEqual(['network']);
		// A coach who only proposed (no accepted coach is handed in) sees what anyone sees.
		expect(visibilitiesFor(v('cas'), 'ann', null)).toEqual(['network']);
	});

	it('never shows another network’s item, and an ownerless item only when it was shared', () => {
		expect(canSeeItem(v('ann'), item('ann', 'private', 'n2'), null)).toBe(false);
		expect(canSeeItem(v('bob'), item(null, 'network'), null)).toBe(true);
		expect(canSeeItem(v('bob'), item(null, 'coach'), null)).toBe(false);
		expect(canSeeItem(v('cas'), item('ann', 'coach'), 'cas')).toBe(true);
		expect(canSeeItem(v('cas'), item('ann', 'private'), 'cas')).toBe(false);
	});

	it('lets only the owner change an item and only the two people into a talk', () => {
		expect(() => requireOwner(v('bob'), { userId: 'ann', networkId: 'n1' })).toThrow();
		expect(() => requireOwner(v('ann'), { userId: 'ann', networkId: 'n2' })).toThrow();
		expect(requireOwner(v('ann'), { userId: 'ann', networkId: 'n1' }).userId).toBe('ann');
		const talk = { memberId: 'ann', coachId: 'cas' };
		expect(requireInTalk(v('cas'), talk)).toBe(talk);
		expect(() => requireInTalk(v('bob'), talk)).toThrow();
		expect(() => requireInTalk(v('bob'), undefined)).toThrow();
	});
});
