import * as m from '#lib/paraglide/messages.js';
import type { AppLocale, Role } from './domain.ts';

const LABELS: Record<Role, (p: object, o?: { locale?: AppLocale }) => string> = {
	coordinator: m.role_coordinator,
	facilitator: m.role_facilitator,
	participant: m.role_participant,
	boundary_spanner: m.role_boundary_spanner,
	experience_expert: m.role_experience_expert
};

export function roleLabel(role: string, locale?: AppLocale): string {
	const fn = LABELS[role as Role];
	return fn ? fn({}, locale ? { locale } : undefined) : role;
}

export const ROLE_OPTIONS = () =>
	(Object.keys(LABELS) as Role[]).map((value) => ({ value, label: roleLabel(value) }));
