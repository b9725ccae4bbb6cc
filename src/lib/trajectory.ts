import * as m from '#lib/paraglide/messages.js';

/** Labels of the trajectory's states and choices, in the person's language. */
const STATES: Record<string, () => string> = {
	forming: m.goal_state_forming,
	set: m.goal_state_set,
	in_progress: m.goal_state_in_progress,
	reached: m.goal_state_reached,
	let_go: m.goal_state_let_go
};
export const goalStateLabel = (s: string) => STATES[s]?.() ?? s;
export const GOAL_STATE_OPTIONS = () =>
	Object.entries(STATES).map(([value, label]) => ({ value, label: label() }));

const VISIBILITY: Record<string, () => string> = {
	private: m.visibility_private,
	coach: m.visibility_coach,
	network: m.visibility_network
};
export const visibilityLabel = (v: string) => VISIBILITY[v]?.() ?? v;

const KINDS: Record<string, () => string> = {
	planned: m.conversation_planned,
	practised: m.conversation_practised,
	real: m.conversation_real
};
export const conversationKindLabel = (k: string) => KINDS[k]?.() ?? k;
export const CONVERSATION_KIND_OPTIONS = () =>
	Object.entries(KINDS).map(([value, label]) => ({ value, label: label() }));

const SECTIONS: Record<string, () => string> = {
	jobs: m.canvas_jobs,
	pains: m.canvas_pains,
	gains: m.canvas_gains,
	products: m.canvas_products,
	relievers: m.canvas_relievers,
	creators: m.canvas_creators
};
export const canvasSectionLabel = (s: string) => SECTIONS[s]?.() ?? s;
