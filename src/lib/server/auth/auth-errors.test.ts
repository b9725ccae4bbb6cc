import { describe, expect, it } from 'vitest';
import { safeNext } from './auth-errors.ts';

const onThisSite = (out: string) => {
	expect(out.startsWith('/')).toBe(true);
	expect(out.startsWith('//')).toBe(false);
	expect(new URL(out, 'http://me.test').origin).toBe('http://me.test');
};

describe('safeNext', () => {
	it('keeps paths on this site, with their query and fragment', () => {
		expect(safeNext('/networks/1?x=2#y')).toBe('/networks/1?x=2#y');
		expect(safeNext('/')).toBe('/');
		expect(safeNext('/invitations/abc-123')).toBe('/invitations/abc-123');
		// Dot segments are resolved as a browser would, and stay on this site.
		expect(safeNext('/networks/./1/../2')).toBe('/networks/2');
	});

	it('sends every way out of this site home', () => {
		for (const bad of [
			null,
			undefined,
			'',
			'networks/1',
			'https://evil.example',
			'http:/evil.example',
			'//evil.example',
			'///evil.example',
			'/.//evil.example',
			'/././/evil.example',
			'/..//evil.example',
			'/x/..//evil.example',
			'/\\evil.example',
			'/\\/evil.example',
			'\\\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r\n//evil.example',
			'/\u0000//evil.example',
			'/\u007f//evil.example',
			'javascript:alert(1)',
			' /evil',
			'/ok?\\x'
		]) {
			const out = safeNext(bad);
			expect(out, String(bad)).toBe('/');
		}
	});

	it('keeps an encoded slash as part of a path on this site', () => {
		// The browser does not decode %2F in a path: this is a (missing) page here, not a host.
		const out = safeNext('/%2F%2Fevil.example');
		onThisSite(out);
		expect(out).toBe('/%2F%2Fevil.example');
		onThisSite(safeNext('/%5C%5Cevil.example'));
		onThisSite(safeNext('/.%2F%2Fevil.example'));
		onThisSite(safeNext('/%09/evil.example'));
	});
});
