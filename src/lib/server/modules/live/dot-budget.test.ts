import { describe, expect, it } from 'vitest';
import { decideDot, type DotFacts } from './dot-budget.ts';

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
