import { getLocale } from '#lib/paraglide/runtime.js';

/**
 * Dates, once: parsing what a form sends, the network's wall clock, and every date a person
 * reads. Two kinds of time are stored:
 *
 * - a *wall-clock time* of the network, "YYYY-MM-DDTHH:MM" (a session's or a talk's start): it
 *   means what the planner typed, in the network's zone, and is shown as is;
 * - an *instant*, an ISO-8601 UTC timestamp (when something was written): shown in the network's
 *   zone.
 *
 * A network's time zone is `DEFAULT_TIME_ZONE` until networks can choose their own: every
 * function takes `timeZone` so that choice needs no other change.
 */

// Our users are in the Netherlands and Flanders; one zone keeps server and browser in agreement.
export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

/** In whose language and which zone: the person's language and the network's zone by default. */
export interface DateOptions {
	locale?: string;
	timeZone?: string;
}

const DAY_MS = 86_400_000;

// ---- Parsing what a form sends ----

/** "YYYY-MM-DD" that names a day that exists (no 2026-02-30). */
export function isRealDate(v: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** "HH:MM" on a 24-hour clock. */
export const isRealTime = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);

/** A date and a time from a form as a wall-clock time; no time means the start of the day. */
export function joinWallClock(date: string, time?: string | null): string {
	return `${date}T${time || '00:00'}`;
}

/** A wall-clock time back into the date and time a form shows. */
export function splitWallClock(wallClock: string | null | undefined): {
	date: string;
	time: string;
} {
	if (!wallClock) return { date: '', time: '' };
	const [date = '', time = ''] = wallClock.split('T');
	return { date, time: time.slice(0, 5) };
}

/** A wall-clock time as numbers: [year, month (1-12), day, hour, minute]. */
export function wallClockParts(wallClock: string): [number, number, number, number, number] {
	const { date, time } = splitWallClock(wallClock);
	const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
	const [h = 0, mi = 0] = (time || '00:00').split(':').map(Number);
	return [y, mo, d, h, mi];
}

// ---- The network's wall clock ----

/** The wall-clock time ("YYYY-MM-DDTHH:MM") of an instant in the zone. */
export function toWallClock(instant: Date | string, timeZone = DEFAULT_TIME_ZONE): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
	const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
	return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Today's date ("YYYY-MM-DD") in the zone. */
export const todayIn = (now: Date, timeZone = DEFAULT_TIME_ZONE) =>
	toWallClock(now, timeZone).slice(0, 10);

/** The instant at which the zone's clocks show this wall-clock time. */
export function wallClockToInstant(wallClock: string, timeZone = DEFAULT_TIME_ZONE): Date {
	const [y, mo, d, h, mi] = wallClockParts(wallClock);
	const asUtc = Date.UTC(y, mo - 1, d, h, mi);
	// The zone's offset at that moment; asked twice so a time next to a clock change lands right.
	const offsetAt = (t: number) => Date.parse(`${toWallClock(new Date(t), timeZone)}:00Z`) - t;
	const first = asUtc - offsetAt(asUtc);
	return new Date(asUtc - offsetAt(first));
}

/** The last millisecond of a day in the zone, as an instant ("until 1 December" includes it). */
export function endOfDay(date: string, timeZone = DEFAULT_TIME_ZONE): string {
	const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
	return new Date(wallClockToInstant(`${next}T00:00`, timeZone).getTime() - 1).toISOString();
}

export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);

/** Whole days from a wall-clock time or an instant until `now` (negative when it is ahead). */
export function daysSince(when: string, now: Date, timeZone = DEFAULT_TIME_ZONE): number {
	const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(when)
		? wallClockToInstant(when, timeZone)
		: new Date(when);
	return Math.floor((now.getTime() - at.getTime()) / DAY_MS);
}

// ---- What a person reads ----

/** A wall-clock time as a readable date, with its time unless that is midnight (no time set). */
export function formatSessionDate(startsAt: string, opts: DateOptions = {}): string {
	const [y, m, d, h, mi] = wallClockParts(startsAt);
	const day = new Intl.DateTimeFormat(opts.locale ?? getLocale(), {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(y, m - 1, d)));
	const time = `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
	return time !== '00:00' ? `${day}, ${time}` : day;
}

/** A stored instant as a date in the person's language and the network's zone. */
export function formatDate(isoTimestamp: string, opts: DateOptions = {}): string {
	return new Intl.DateTimeFormat(opts.locale ?? getLocale(), {
		dateStyle: 'long',
		timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE
	}).format(new Date(isoTimestamp));
}

export function formatDateTime(isoTimestamp: string, opts: DateOptions = {}): string {
	return new Intl.DateTimeFormat(opts.locale ?? getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE
	}).format(new Date(isoTimestamp));
}

export function formatTime(isoTimestamp: string, opts: DateOptions = {}): string {
	return new Intl.DateTimeFormat(opts.locale ?? getLocale(), {
		timeStyle: 'short',
		timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE
	}).format(new Date(isoTimestamp));
}
