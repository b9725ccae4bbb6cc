import type { Actor, Ctx } from '../../context.ts';
import type { GoalState } from '../../db/types.ts';
import { viewer } from './trajectory.read.ts';
import { listEventsOfGoals, listSharedGoals } from './trajectory.repository.ts';

/**
 * The olievlek: the sum of the diamond goals members shared with the network. Each goal with
 * its member's organisation and sector and its state; and, month by month, how many shared goals
 * were set, in progress and reached. Only goals shared with the network count; nothing private
 * or for the coach appears, not even as a number.
 */
export async function olievlek(ctx: Ctx, actor: Actor | null, networkId: string) {
	await viewer(ctx, actor, networkId);
	const goals = await listSharedGoals(ctx.db, networkId);
	const events = await listEventsOfGoals(
		ctx.db,
		goals.map((g) => g.id)
	);
	// Each goal counts from the last time it was shared with the network, not before.
	const sharedAt = new Map<string, string>();
	for (const e of events) if (e.change === 'shared') sharedAt.set(e.goalId, e.at);
	const counted = events.filter((e) => sharedAt.has(e.goalId) && e.at >= sharedAt.get(e.goalId)!);
	return { goals, growth: growth(counted, ctx.now()) };
}

const COUNTED: GoalState[] = ['set', 'in_progress', 'reached'];

/** Per month from the first event to now: how many goals stood in each state at month's end. */
export function growth(events: { goalId: string; state: GoalState; at: string }[], now: Date) {
	if (!events.length) return [];
	const months: string[] = [];
	const first = events[0]!.at.slice(0, 7);
	const last = now.toISOString().slice(0, 7);
	for (let [y, mo] = first.split('-').map(Number) as [number, number]; ;) {
		const key = `${y}-${String(mo).padStart(2, '0')}`;
		months.push(key);
		if (key >= last || months.length > 120) break;
		mo += 1;
		if (mo > 12) [y, mo] = [y + 1, 1];
	}
	return months.map((month) => {
		const state = new Map<string, GoalState>();
		for (const e of events) if (e.at.slice(0, 7) <= month) state.set(e.goalId, e.state);
		const counts = Object.fromEntries(COUNTED.map((s) => [s, 0])) as Record<
			'set' | 'in_progress' | 'reached',
			number
		>;
		for (const s of state.values()) if (s in counts) counts[s as 'set']++;
		return { month, ...counts };
	});
}
