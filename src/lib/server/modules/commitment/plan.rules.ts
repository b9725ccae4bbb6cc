import type { CheckinMoment, CheckinPoint, Recurrence } from '../../db/types.ts';
import { CHECKIN_POINTS } from './commitment.schema.ts';

/** Days as "YYYY-MM-DD", counted in whole days (no time zone can shift them). */
export function plusDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "What do I want to have realised after the first 100 days?" falls on this day. */
export const HUNDRED_DAYS = 100;
/** A sprint is about three months: 13 weeks, ending the day before the fourteenth starts. */
export const SPRINT_DAYS = 13 * 7 - 1;

/**
 * When a recurring action comes back after an attempt that did not finish it: every N weeks
 * counted from its last due date (skipping any that already passed), or the next session's day
 * (null while none is planned: "at the next session"). A one-off action keeps its date.
 */
export function nextDueAfterAttempt(
	a: { recurrence: Recurrence; everyWeeks: number | null; dueOn: string | null },
	today: string,
	nextSessionDay: string | null
): string | null {
	if (a.recurrence === 'session') return nextSessionDay;
	if (a.recurrence === 'weeks' && a.everyWeeks) {
		let next = a.dueOn ?? today;
		do next = plusDays(next, 7 * a.everyWeeks);
		while (next <= today);
		return next;
	}
	return a.dueOn;
}

type Point = { score: number; note: string };
type Checkin = { moment: CheckinMoment; points: Partial<Record<CheckinPoint, Point>> };

/** Start and end of a sprint side by side, per point: the end's score minus the start's. */
export function compareCheckins(start: Checkin | undefined, end: Checkin | undefined) {
	return CHECKIN_POINTS.map((point) => {
		const s = start?.points[point] ?? null;
		const e = end?.points[point] ?? null;
		return { point, start: s, end: e, change: s && e ? e.score - s.score : null };
	});
}

/**
 * The next check-in that falls due: the start of a sprint without a start check-in, or the end
 * of one without an end check-in, whichever comes first.
 */
export function nextCheckin(
	sprints: { id: string; startsOn: string; endsOn: string }[],
	done: { sprintId: string; moment: CheckinMoment }[]
): { sprintId: string; moment: CheckinMoment; on: string } | null {
	const has = (sprintId: string, moment: CheckinMoment) =>
		done.some((d) => d.sprintId === sprintId && d.moment === moment);
	const due = sprints.flatMap((s) => [
		...(has(s.id, 'start') ? [] : [{ sprintId: s.id, moment: 'start' as const, on: s.startsOn }]),
		...(has(s.id, 'end') ? [] : [{ sprintId: s.id, moment: 'end' as const, on: s.endsOn }])
	]);
	due.sort((a, b) => a.on.localeCompare(b.on));
	return due[0] ?? null;
}
