import { forbidden } from '../../errors.ts';
import { canDesignSessions } from '../session/index.ts';

/**
 * Who may do what in the knowledge base, decided from the facts handed in. Every member reads
 * and adds resources and searches (the membership gate is the network's); these are the rest.
 */

/** Facilitators and coordinators curate: they feature resources and edit or remove any. */
export const canCurateResources = (role: string) => canDesignSessions(role);

/** The person who added a resource edits and removes it; curators edit and remove all. */
export function canEditResource(facts: { role: string; userId: string; addedBy: string | null }) {
	return canCurateResources(facts.role) || facts.addedBy === facts.userId;
}

export function allowResourceEditor(facts: {
	role: string;
	userId: string;
	addedBy: string | null;
}) {
	if (!canEditResource(facts)) throw forbidden();
}

export function allowCurator(role: string) {
	if (!canCurateResources(role)) throw forbidden();
}
