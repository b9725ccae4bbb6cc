import { describe, expect, it } from 'vitest';
import { isLoopback, isOutboxOpen } from './outbox-access.ts';

describe('who may read the development outbox', () => {
	const from = (address: string) => () => address;
	it('only the machine itself, by default', () => {
		const dev = { usesOutbox: true, isPublic: false };
		for (const a of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1'])
			expect(isOutboxOpen(dev, from(a)), a).toBe(true);
		for (const a of [
			'192.168.1.20',
			'10.0.0.5',
			'::ffff:192.168.1.20',
			'2001:db8::1',
			'1270.0.0.1'
		])
			expect(isOutboxOpen(dev, from(a)), a).toBe(false);
		// An address that cannot be read (a missing proxy header) is not the machine itself.
		const unreadable = () => {
			throw new Error('no address header');
		};
		expect(isOutboxOpen(dev, unreadable)).toBe(false);
	});
	it('everyone when an operator turned it on; nobody when mail goes out by SMTP', () => {
		expect(isOutboxOpen({ usesOutbox: true, isPublic: true }, from('192.168.1.20'))).toBe(true);
		expect(isOutboxOpen({ usesOutbox: false, isPublic: true }, from('127.0.0.1'))).toBe(false);
	});
	it('recognises loopback addresses only', () => {
		expect(isLoopback('127.0.0.1')).toBe(true);
		expect(isLoopback('128.0.0.1')).toBe(false);
	});
});
