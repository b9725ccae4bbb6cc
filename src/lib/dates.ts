import { getLocale } from '#lib/paraglide/runtime.js';

/** "YYYY-MM-DDTHH:MM" (the network's wall-clock time) as a readable date and time. */
export function formatSessionDate(startsAt: string): string {
	const [date, time] = startsAt.split('T') as [string, string | undefined];
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const day = new Intl.DateTimeFormat(getLocale(), {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(y, m - 1, d)));
	return time && time !== '00:00' ? `${day}, ${time}` : day;
}

// Our users are in the Netherlands and Flanders; one zone keeps server and browser in agreement.
const ZONE = 'Europe/Brussels';

/** A stored UTC timestamp as a date in the person's language. */
export function formatDate(isoTimestamp: string): string {
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long', timeZone: ZONE }).format(
		new Date(isoTimestamp)
	);
}

export function formatDateTime(isoTimestamp: string): string {
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: ZONE
	}).format(new Date(isoTimestamp));
}

export function formatTime(isoTimestamp: string): string {
	return new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short', timeZone: ZONE }).format(
		new Date(isoTimestamp)
	);
}
