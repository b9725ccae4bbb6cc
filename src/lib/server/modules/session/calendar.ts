import { createEvent, type DateArray } from 'ics';
import { wallClockParts } from '#lib/dates.ts';
import type { Session } from '../../db/types.ts';

/**
 * An iCalendar event for a session. Times are the network's local wall-clock time, written as
 * floating times, so a calendar shows them as planned. SEQUENCE grows with every change of date,
 * time or place, so a calendar replaces the earlier copy instead of adding a second one.
 */
export function sessionToIcs(
	session: Session,
	opts: { networkName: string; url: string; host: string; description: string }
): string | null {
	if (!session.startsAt) return null;
	const start: DateArray = wallClockParts(session.startsAt);
	const { error, value } = createEvent({
		uid: `${session.id}@olievlek`,
		sequence: session.calendarSequence,
		title: `${opts.networkName}: ${session.title}`,
		description: opts.description,
		location: [session.place, opts.host].filter(Boolean).join(', ') || undefined,
		url: opts.url,
		start,
		startInputType: 'local',
		startOutputType: 'local',
		duration: { minutes: session.minutes ?? 180 },
		productId: 'olievlek/sessions'
	});
	if (error || !value) throw error ?? new Error('calendar event could not be written');
	return value;
}
