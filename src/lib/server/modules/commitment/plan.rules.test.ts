import { describe, expect, it } from 'vitest';
import { canSeeCommitment, requireKeeper, requireOwnerOf } from './commitment.policy.ts';
import { compareCheckins, nextCheckin, nextDueAfterAttempt, plusDays } from './plan.rules.ts';

/** The rules alone, handed the facts; no database. */
const v = (userId: string, networkId = 'n1') => ({ userId, networkId, role: 'participant' });
const c = (visibility: 'private' | 'coach' | 'network', coOwnerIds: string[] = []) => ({
	networkId: 'n1',
	userId: 'ann',
	visibility,
	coOwnerIds
});

describe('commitment policy', () => {
	it('shows a commitment to its owners always, to others as the trajectory rule allows', () => {
		expect(canSeeCommitment(v('ann'), c('private'), [])).toBe(true);
		expect(canSeeCommitment(v('bo'), c('private', ['bo']), ['network'])).toBe(true);
		expect(canSeeCommitment(v('cas'), c('coach'), ['coach', 'network'])).toBe(true);
		expect(canSeeCommitment(v('cas'), c('private'), ['coach', 'network'])).toBe(false);
		expect(canSeeCommitment(v('pim'), c('coach'), ['network'])).toBe(false);
		expect(canSeeCommitment(v('pim'), c('network'), ['network'])).toBe(true);
		expect(canSeeCommitment(v('ann', 'n2'), c('network'), ['network'])).toBe(false);
	});

	it('lets owner and co-owners keep the plan, and only the owner change the commitment', () => {
		expect(requireKeeper(v('bo'), c('network', ['bo'])).userId).toBe('ann');
		expect(() => requireKeeper(v('pim'), c('network', ['bo']))).toThrow();
		expect(() => requireOwnerOf(v('bo'), c('network', ['bo']))).toThrow();
		expect(requireOwnerOf(v('ann'), c('network')).userId).toBe('ann');
	});
});

describe('plan rules', () => {
	it('counts days across months and years', () => {
		expect(plusDays('2026-11-23', 100)).toBe('2027-03-03');
		expect(plusDays('2028-02-28', 1)).toBe('2028-02-29');
	});

	it('brings a recurring action back on its next date after an attempt', () => {
		const weekly = { recurrence: 'weeks' as const, everyWeeks: 2, dueOn: '2027-01-04' };
		expect(nextDueAfterAttempt(weekly, '2027-01-04', null)).toBe('2027-01-18');
		// Dates already past are skipped: the next one lies after today.
		expect(nextDueAfterAttempt(weekly, '2027-02-01', null)).toBe('2027-02-15');
		expect(nextDueAfterAttempt({ ...weekly, dueOn: null }, '2027-01-10', null)).toBe('2027-01-24');
		const session = { recurrence: 'session' as const, everyWeeks: null, dueOn: '2027-01-04' };
		expect(nextDueAfterAttempt(session, '2027-01-04', '2027-02-11')).toBe('2027-02-11');
		expect(nextDueAfterAttempt(session, '2027-01-04', null)).toBeNull();
		const once = { recurrence: 'none' as const, everyWeeks: null, dueOn: '2027-01-04' };
		expect(nextDueAfterAttempt(once, '2027-03-01', null)).toBe('2027-01-04');
	});

	it('compares the end of a sprint with its start, point by point', () => {
		const start = {
			moment: 'start' as const,
			points: { time: { score: 2, note: '' }, money: { score: 4, note: '' } }
		};
		const end = {
			moment: 'end' as const,
			points: { time: { score: 4, note: 'meer uren' }, money: { score: 3, note: '' } }
		};
		const cmp = compareCheckins(start, end);
		expect(cmp.map((p) => [p.point, p.change])).toEqual([
			['time', 2],
			['money', -1],
			['information', null],
			['organisation', null],
			['quality', null]
		]);
	});

	it('finds the next check-in that falls due', () => {
		const sprints = [
			{ id: 's1', startsOn: '2027-01-01', endsOn: '2027-03-31' },
			{ id: 's2', startsOn: '2027-04-01', endsOn: '2027-06-30' }
		];
		expect(nextCheckin(sprints, [])).toEqual({ sprintId: 's1', moment: 'start', on: '2027-01-01' });
		expect(nextCheckin(sprints, [{ sprintId: 's1', moment: 'start' }])).toEqual({
			sprintId: 's1',
			moment: 'end',
			on: '2027-03-31'
		});
		expect(nextCheckin([], [])).toBeNull();
	});
});
