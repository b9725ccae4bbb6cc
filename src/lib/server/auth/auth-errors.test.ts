import { describe, expect, it } from 'vitest';
import { safeNext } from './auth-errors.ts';

describe('safeNext', () => {
	it('keeps paths on this site and sends everything else home', () => {
		expect(safeNext('/networks/1?x=2#y')).toBe('/networks/1?x=2#y');
		for (const bad of [
			null,
			'',
			'https://evil.example',
			'//evil.example',
			'/\\evil.example',
			'/%09/evil.example',
			'javascript:alert(1)'
		]) {
			const out = safeNext(bad);
			expect(out.startsWith('/')).toBe(true);
			expect(new URL(out, 'http://me.test').origin).toBe('http://me.test');
		}
		expect(safeNext('//evil.example')).toBe('/');
	});
});
