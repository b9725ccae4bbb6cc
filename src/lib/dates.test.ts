import { describe, expect, it } from 'vitest';
import {
	daysSince,
	endOfDay,
	formatDate,
	formatDateTime,
	formatSessionDate,
	formatTime,
	isRealDate,
	isRealTime,
	joinWallClock,
	splitWallClock,
	todayIn,
	toWallClock,
	wallClockParts,
	wallClockToInstant
} from './dates.ts';

describe('dates', () => {
	it('parses what a form sends: real dates and times only', () => {
		expect(isRealDate('2026-02-28')).toBe(true);
		for (const bad of ['2026-02-30', '2026-13-01', '10-12-2026', '2026-1-5', ''])
			expect(isRealDate(bad)).toBe(false);
		expect(isRealTime('23:59')).toBe(true);
		for (const bad of ['24:00', '9:00', '12:60', '']) expect(isRealTime(bad)).toBe(false);
		expect(joinWallClock('2026-12-10', '14:00')).toBe('2026-12-10T14:00');
		expect(joinWallClock('2026-12-10', '')).toBe('2026-12-10T00:00');
		expect(splitWallClock('2026-12-10T14:00')).toEqual({ date: '2026-12-10', time: '14:00' });
		expect(splitWallClock(null)).toEqual({ date: '', time: '' });
		expect(wallClockParts('2026-12-10T14:05')).toEqual([2026, 12, 10, 14, 5]);
	});

	it('knows the network’s wall clock in winter, in summer and across the clock change', () => {
		expect(toWallClock(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24T00:30');
		expect(toWallClock('2026-07-01T22:30:00Z')).toBe('2026-07-02T00:30');
		expect(todayIn(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
		expect(todayIn(new Date('2026-11-23T23:30:00Z'), 'UTC')).toBe('2026-11-23');
		expect(wallClockToInstant('2026-12-10T14:00').toISOString()).toBe('2026-12-10T13:00:00.000Z');
		expect(wallClockToInstant('2026-07-10T14:00').toISOString()).toBe('2026-07-10T12:00:00.000Z');
		// 29 March 2026: Brussels moves from 02:00 to 03:00.
		expect(wallClockToInstant('2026-03-29T03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
		expect(wallClockToInstant('2026-03-29T01:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
		expect(endOfDay('2026-12-01')).toBe('2026-12-01T22:59:59.999Z');
		expect(endOfDay('2026-07-01')).toBe('2026-07-01T21:59:59.999Z');
		expect(endOfDay('2026-12-31')).toBe('2026-12-31T22:59:59.999Z');
	});

	it('counts days from a wall-clock time as the network lives it', () => {
		const now = new Date('2026-12-10T12:00:00Z');
		expect(daysSince('2026-12-09T13:30', now)).toBe(0);
		expect(daysSince('2026-12-09T12:30', now)).toBe(1);
		expect(daysSince('2026-12-03T12:00:00.000Z', now)).toBe(7);
	});

	it('writes dates in the person’s language, wall-clock times as planned', () => {
		expect(formatSessionDate('2026-12-10T14:00', { locale: 'nl' })).toBe(
			'donderdag 10 december 2026, 14:00'
		);
		expect(formatSessionDate('2026-12-10T00:00', { locale: 'en' })).toBe(
			'Thursday, December 10, 2026'
		);
		expect(formatSessionDate('2026-12-10T09:05', { locale: 'fr' })).toBe(
			'jeudi 10 décembre 2026, 09:05'
		);
	});

	it('writes instants in the network’s zone', () => {
		// 23:30 UTC is already the next day in Brussels.
		expect(formatDate('2026-11-23T23:30:00Z', { locale: 'nl' })).toBe('24 november 2026');
		expect(formatDate('2026-11-23T23:30:00Z', { locale: 'nl', timeZone: 'UTC' })).toBe(
			'23 november 2026'
		);
		expect(formatTime('2026-11-23T13:05:00Z', { locale: 'nl' })).toBe('14:05');
		expect(formatDateTime('2026-11-23T13:05:00Z', { locale: 'en' })).toBe('Nov 23, 2026, 2:05 PM');
	});
});
