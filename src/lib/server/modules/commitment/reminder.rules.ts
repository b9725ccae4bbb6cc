import { DEFAULT_TIME_ZONE, isRealDate, todayIn, wallClockToInstant } from '#lib/dates.ts';
import { plusDays } from './plan.rules.ts';

/**
 * When reminders go out, decided from dates alone (no database, no clock of its own): each thing
 * that falls due has a day, and its reminders go out at 09:00 on days around it in the person's
 * time zone: 7 days before, on the day and 3 days after (Decidim's meeting reminders use 3 and
 * 7 days). A coming session is announced 7 days before and on its day, never after.
 */
export type ReminderKind = 'checkin' | 'action' | 'hundred_days' | 'session';

export const LADDER: Record<ReminderKind, readonly number[]> = {
	checkin: [-7, 0, 3],
	action: [-7, 0, 3],
	hundred_days: [-7, 0, 3],
	session: [-7, 0]
};
/** The hour of the day, on the person's own clock, at which reminders go out. */
export const SEND_HOUR = '09:00';
/**
 * How far back a reminder whose moment has passed is still sent when it is first planned: the
 * planner runs every hour, so a reminder is never planned later than this after its moment.
 */
export const LATE_GRACE_MS = 2 * 60 * 60 * 1000;
/** The days the planner looks at around today: the ladder's widest reach, one day either side. */
export const WINDOW = { before: 4, after: 8 };

/** A time zone the person can have: one that this machine's Intl knows. */
export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

export const zoneOf = (zone: string | null | undefined) =>
	zone && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;

/** The moment a reminder `offset` days from `day` goes out: 09:00 in the zone on that day. */
export function reminderMoment(day: string, offset: number, zone: string): Date {
	return wallClockToInstant(`${plusDays(day, offset)}T${SEND_HOUR}`, zone);
}

/**
 * The reminders of something due on `day` that are still to go out at `now`: each offset of the
 * ladder whose moment has not passed (or passed less than LATE_GRACE_MS ago).
 */
export function remindersToPlan(kind: ReminderKind, day: string, zone: string, now: Date) {
	if (!isRealDate(day)) return [];
	return LADDER[kind]
		.map((offset) => ({ offset, at: reminderMoment(day, offset, zone) }))
		.filter((r) => r.at.getTime() > now.getTime() - LATE_GRACE_MS);
}

/** The days the planner asks the database for at `now`: wide enough for every time zone. */
export function planningWindow(now: Date): { from: string; to: string } {
	const today = todayIn(now, 'UTC');
	return { from: plusDays(today, -WINDOW.before), to: plusDays(today, WINDOW.after) };
}

/** The Monday on or after `now`'s day in the zone, at 09:00 there: when a weekly digest goes out. */
export function nextDigestMoment(now: Date, zone: string): { day: string; at: Date } {
	let day = todayIn(now, zone);
	for (let i = 0; i < 8; i++) {
		const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
		const at = reminderMoment(day, 0, zone);
		if (weekday === 1 && at.getTime() > now.getTime() - LATE_GRACE_MS) return { day, at };
		day = plusDays(day, 1);
	}
	throw new Error('no Monday within a week');
}

/** What a digest on `day` lists: things due from 3 days before it up to the next Monday. */
export const digestSpan = (day: string) => ({ from: plusDays(day, -3), to: plusDays(day, 7) });

/** The reminder's idempotency key: one mail per thing, day, step and person, however often planned. */
export function reminderKey(r: {
	kind: ReminderKind;
	subjectId: string;
	moment?: string | null;
	day: string;
	offset: number;
	userId: string;
}) {
	return `reminder:${r.kind}:${r.subjectId}:${r.moment ?? ''}:${r.day}:${r.offset}:${r.userId}`;
}
