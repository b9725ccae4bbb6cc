import { describe, expect, it } from 'vitest';
import { ROLES } from '../../db/types.ts';
import { DomainError } from '../../errors.ts';
import {
	allowCurator,
	allowResourceEditor,
	canCurateResources,
	canEditResource
} from './knowledge.policy.ts';

/** Who may do what with the knowledge base, decided from the facts handed in; no database. */
const refused = (f: () => void) => {
	try {
		f();
		return null;
	} catch (e) {
		return e instanceof DomainError ? e.code : 'other';
	}
};

describe('the knowledge policy', () => {
	it('lets coordinators and facilitators curate (feature, edit and remove any resource)', () => {
		expect(ROLES.filter(canCurateResources)).toEqual(['coordinator', 'facilitator']);
		expect(ROLES.map((role) => refused(() => allowCurator(role)))).toEqual([
			null,
			null,
			'forbidden',
			'forbidden',
			'forbidden'
		]);
	});

	it('lets the person who added a resource edit it, whatever their role; others only when curating', () => {
		// The third column: a resource whose adder's account is gone (no one's own any more).
		const matrix = ROLES.map((role) => [
			role,
			canEditResource({ role, userId: 'u1', addedBy: 'u1' }),
			canEditResource({ role, userId: 'u1', addedBy: 'u2' }),
			canEditResource({ role, userId: 'u1', addedBy: null })
		]);
		expect(matrix).toEqual([
			['coordinator', true, true, true],
			['facilitator', true, true, true],
			['participant', true, false, false],
			['boundary_spanner', true, false, false],
			['experience_expert', true, false, false]
		]);
		expect(
			refused(() => allowResourceEditor({ role: 'participant', userId: 'u1', addedBy: 'u2' }))
		).toBe('forbidden');
		expect(
			refused(() => allowResourceEditor({ role: 'participant', userId: 'u1', addedBy: 'u1' }))
		).toBe(null);
	});
});
