import { createEvent, type DateArray } from 'ics';
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
	const [date, time] = session.startsAt.split('T') as [string, string];
	const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
	const [h, mi] = time.split(':').map(Number) as [number, number];
	const start: DateArray = [y, mo, d, h, mi];
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
