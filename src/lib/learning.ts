import * as m from '#lib/paraglide/messages.js';

/** Labels of the learning module's roles and credit choices, in the person's language. */
const TIP_ROLES: Record<string, () => string> = {
	peer: m.tip_role_peer,
	boundary_spanner: m.tip_role_boundary_spanner,
	experience_expert: m.tip_role_experience_expert,
	facilitator: m.tip_role_facilitator
};
export const tipRoleLabel = (r: string) => TIP_ROLES[r]?.() ?? r;

const CREDITS: Record<string, () => string> = {
	name: m.tip_credit_name,
	members: m.tip_credit_members,
	role: m.tip_credit_role,
	anonymous: m.tip_credit_anonymous
};
export const tipCreditLabel = (c: string) => CREDITS[c]?.() ?? c;

/** A credit as a line: "Sam, boundary spanner", "a boundary spanner", or "anonymous". */
export function creditLine(c: { name: string | null; role: string | null }): string {
	if (c.name && c.role) return m.credit_name_role({ name: c.name, role: tipRoleLabel(c.role) });
	if (c.name) return c.name;
	if (c.role) return m.credit_role_only({ role: tipRoleLabel(c.role) });
	return m.credit_anonymous();
}
