import * as m from '#lib/paraglide/messages.js';

/** Labels of the commitment's states and choices, in the person's language. */
const STATES: Record<string, () => string> = {
	proposed: m.commitment_state_proposed,
	active: m.commitment_state_active,
	paused: m.commitment_state_paused,
	kept: m.commitment_state_kept,
	let_go: m.commitment_state_let_go
};
export const commitmentStateLabel = (s: string) => STATES[s]?.() ?? s;
export const COMMITMENT_STATE_OPTIONS = () =>
	Object.entries(STATES).map(([value, label]) => ({ value, label: label() }));

const ROLES: Record<string, () => string> = {
	connecting: m.role_connecting,
	advocating: m.role_advocating,
	initiating: m.role_initiating,
	facilitating: m.role_facilitating,
	informing: m.role_informing,
	supporting: m.role_supporting,
	guarding: m.role_guarding
};
export const ROLE_OPTIONS = () =>
	Object.entries(ROLES).map(([value, label]) => ({ value, label: label() }));
export const roleLabel = (r: string) => ROLES[r]?.() ?? r;

const POINTS: Record<string, () => string> = {
	time: m.point_time,
	money: m.point_money,
	information: m.point_information,
	organisation: m.point_organisation,
	quality: m.point_quality
};
export const CHECKIN_POINTS = ['time', 'money', 'information', 'organisation', 'quality'] as const;
export const pointLabel = (p: string) => POINTS[p]?.() ?? p;
export const SCALE = () => [m.scale_1(), m.scale_2(), m.scale_3(), m.scale_4(), m.scale_5()];

const RECURRENCES: Record<string, () => string> = {
	none: m.recurrence_none,
	weeks: m.recurrence_weeks,
	session: m.recurrence_session
};
export const RECURRENCE_OPTIONS = () =>
	Object.entries(RECURRENCES).map(([value, label]) => ({ value, label: label() }));

const FUNDING: Record<string, () => string> = {
	small: m.funding_small,
	medium: m.funding_medium,
	large: m.funding_large
};
export const fundingLabel = (s: string) => FUNDING[s]?.() ?? s;

/** A change in a check-in score, said in words so a screen reader reads more than a sign. */
export function changeLabel(change: number | null): string {
	if (change === null) return '–';
	if (change > 0) return m.change_better({ count: change });
	if (change < 0) return m.change_worse({ count: -change });
	return m.change_same();
}
