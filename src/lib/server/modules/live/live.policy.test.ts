import { describe, expect, it } from 'vitest';
import { ROLES } from '../../db/types.ts';
import { DomainError } from '../../errors.ts';
import {
	allowInputOnStep,
	allowLiveControl,
	decideDot,
	decideGroupChoice,
	isOwnPostit,
	isTallyShown,
	requireSameAnonymity,
	type DotFacts
} from './live.policy.ts';

const row = { id: 'new', participantId: 'me' };
const open: DotFacts = {
	replay: undefined,
	step: { kind: 'dot_vote', state: 'open', dots: 3, maxDotsPerItem: 2, sourceStepId: 'round' },
	postitInRound: true,
	spent: { all: 0, here: 0 }
};

/** The one rule both halves of spendDot (PostgreSQL lock, SQLite group commit) decide by. */
describe('the dot budget', () => {
	it('spends a dot under the budget and the maximum per post-it', () => {
		expect(decideDot(row, open)).toEqual({ spent: { id: 'new', duplicate: false } });
		expect(decideDot(row, { ...open, spent: { all: 2, here: 1 } })).toHaveProperty('spent');
	});

	it('refuses a dot over the budget, over the maximum per post-it, or outside an open vote', () => {
		expect(decideDot(row, { ...open, spent: { all: 3, here: 0 } })).toEqual({
			refused: 'no_dots_left'
		});
		expect(decideDot(row, { ...open, spent: { all: 2, here: 2 } })).toEqual({
			refused: 'dots_per_item'
		});
		expect(
			decideDot(row, { ...open, step: { ...open.step!, dots: null }, spent: { all: 5, here: 0 } })
		).toEqual({
			refused: 'no_dots_left'
		});
		expect(decideDot(row, { ...open, step: { ...open.step!, state: 'closed' } })).toEqual({
			refused: 'vote_closed'
		});
		expect(decideDot(row, { ...open, step: { ...open.step!, kind: 'postit_round' } })).toEqual({
			refused: 'not_found'
		});
		expect(decideDot(row, { ...open, step: undefined })).toEqual({ refused: 'not_found' });
		expect(decideDot(row, { ...open, postitInRound: false })).toEqual({ refused: 'not_found' });
	});

	it('answers a replay as before, even after the vote closed, but never for someone else', () => {
		const closed = { ...open, step: { ...open.step!, state: 'closed' } };
		expect(decideDot(row, { ...closed, replay: { id: 'old', participantId: 'me' } })).toEqual({
			spent: { id: 'old', duplicate: true }
		});
		expect(decideDot(row, { ...open, replay: { id: 'old', participantId: 'other' } })).toEqual({
			refused: 'another_participant'
		});
	});
});

const outcome = (f: () => unknown) => {
	try {
		const r = f();
		return r === undefined ? 'allowed' : r;
	} catch (e) {
		return e instanceof DomainError ? `${e.code}:${e.key}` : 'other';
	}
};

describe('the facilitator’s controls of a live session', () => {
	const STATUSES = ['planned', 'live', 'closed'] as const;
	it('are for the people who design sessions, in the state each action needs', () => {
		const matrix = Object.fromEntries(
			ROLES.flatMap((role) =>
				STATUSES.flatMap((status) =>
					(['open', 'run', 'close'] as const).map((action) => [
						`${role} ${action} ${status}`,
						outcome(() => allowLiveControl({ role, status }, action))
					])
				)
			)
		);
		for (const role of ['participant', 'boundary_spanner', 'experience_expert'])
			for (const status of STATUSES)
				for (const action of ['open', 'run', 'close'])
					expect(matrix[`${role} ${action} ${status}`]).toBe('forbidden:error_forbidden');
		for (const role of ['coordinator', 'facilitator']) {
			expect(matrix[`${role} open planned`]).toBe('allowed');
			expect(matrix[`${role} open live`]).toBe('allowed');
			expect(matrix[`${role} open closed`]).toBe('conflict:error_session_closed');
			expect(matrix[`${role} run live`]).toBe('allowed');
			expect(matrix[`${role} run planned`]).toBe('conflict:error_session_not_live');
			expect(matrix[`${role} run closed`]).toBe('conflict:error_session_not_live');
			for (const status of STATUSES) expect(matrix[`${role} close ${status}`]).toBe('allowed');
		}
	});
});

describe('a participant’s input', () => {
	it('goes only to an open step of the kind it is for', () => {
		const round = { kind: 'postit_round', state: 'open' };
		expect(outcome(() => allowInputOnStep(round, 'postit_round'))).toBe('allowed');
		expect(outcome(() => allowInputOnStep(round, 'dot_vote'))).toBe('not_found:error_not_found');
		expect(outcome(() => allowInputOnStep(undefined, 'postit_round'))).toBe(
			'not_found:error_not_found'
		);
		expect(outcome(() => allowInputOnStep({ ...round, state: 'closed' }, 'postit_round'))).toBe(
			'conflict:error_round_closed'
		);
		expect(
			outcome(() => allowInputOnStep({ kind: 'dot_vote', state: 'pending' }, 'dot_vote'))
		).toBe('conflict:error_vote_closed');
	});

	it('keeps the anonymity the phone showed', () => {
		expect(outcome(() => requireSameAnonymity({ isAnonymous: 1 }, '1'))).toBe('allowed');
		expect(outcome(() => requireSameAnonymity({ isAnonymous: 0 }, undefined))).toBe('allowed');
		expect(outcome(() => requireSameAnonymity({ isAnonymous: 1 }, '0'))).toBe(
			'conflict:error_anonymity_changed'
		);
		expect(outcome(() => requireSameAnonymity({ isAnonymous: 0 }, '1'))).toBe(
			'conflict:error_anonymity_changed'
		);
	});

	it('is one’s own by participant id, or in an anonymous round by the edit secret alone', () => {
		const named = { participantId: 'me', authorSecretHash: null };
		const anonymous = { participantId: null, authorSecretHash: 'h' };
		expect(isOwnPostit(named, { participantId: 'me', editSecretHash: null })).toBe(true);
		expect(isOwnPostit(named, { participantId: 'you', editSecretHash: null })).toBe(false);
		expect(isOwnPostit(anonymous, { participantId: 'me', editSecretHash: 'h' })).toBe(true);
		expect(isOwnPostit(anonymous, { participantId: 'me', editSecretHash: 'other' })).toBe(false);
		expect(isOwnPostit(anonymous, { participantId: 'me', editSecretHash: null })).toBe(false);
		// A named post-it is not taken over by someone who happens to hold a matching secret.
		expect(
			isOwnPostit(
				{ participantId: 'me', authorSecretHash: 'h' },
				{ participantId: 'you', editSecretHash: 'h' }
			)
		).toBe(false);
	});
});

describe('choosing a group', () => {
	const choose = (over: Partial<Parameters<typeof decideGroupChoice>[0]>) =>
		outcome(() =>
			decideGroupChoice({
				groupMode: 'choose',
				current: null,
				chosen: 'g2',
				wroteInCurrent: false,
				...over
			})
		);
	it('lets people pick and switch where they choose, until they wrote in their group', () => {
		expect(choose({})).toBe('move');
		expect(choose({ current: 'g1' })).toBe('move');
		expect(choose({ current: 'g2' })).toBe('stay');
		expect(choose({ current: 'g1', wroteInCurrent: true })).toBe('conflict:error_group_wrote');
	});
	it('lets only someone without a group pick where the facilitator assigns', () => {
		expect(choose({ groupMode: 'assign' })).toBe('move');
		expect(choose({ groupMode: 'assign', current: 'g1' })).toBe('conflict:error_group_assigned');
		expect(choose({ groupMode: 'assign', current: 'g2' })).toBe('conflict:error_group_assigned');
	});
});

it('shows a vote’s counts when the tally is live, and a hidden tally once the vote closed', () => {
	expect(isTallyShown({ tally: 'live', state: 'open' })).toBe(true);
	expect(isTallyShown({ tally: null, state: 'open' })).toBe(true);
	expect(isTallyShown({ tally: 'hidden', state: 'open' })).toBe(false);
	expect(isTallyShown({ tally: 'hidden', state: 'closed' })).toBe(true);
});
