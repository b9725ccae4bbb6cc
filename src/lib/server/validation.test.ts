import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
	optionalText,
	parseInput,
	requiredText,
	text,
	token,
	ValidationError,
	withoutBidiControls,
	withoutControlCharacters
} from './validation.ts';

const refusal = (schema: z.ZodType, value: unknown) => {
	try {
		parseInput(z.object({ f: schema }), { f: value });
	} catch (e) {
		if (e instanceof ValidationError) return e.errors[0];
		throw e;
	}
	return undefined;
};

describe('text helpers of the contracts', () => {
	it('refuses C0 and C1 control characters in free text, naming the field', () => {
		for (const c of [
			'\u0000',
			'\u0001',
			'\u0007',
			'\u000B',
			'\u000C',
			'\u001B',
			'\u007F',
			'\u0085',
			'\u009F'
		]) {
			expect(refusal(text(100), `a${c}b`), JSON.stringify(c)).toEqual({
				field: 'f',
				key: 'error_control_chars',
				params: {}
			});
			expect(refusal(requiredText(100), `Am${c}al`)?.key).toBe('error_control_chars');
			expect(refusal(optionalText(100), `x${c}x`)?.key).toBe('error_control_chars');
		}
	});

	it('keeps newlines and tabs, and makes Windows line ends plain newlines', () => {
		expect(text(100).parse('  een\r\ntwee\rdrie\tvier  ')).toBe('een\ntwee\ndrie\tvier');
		expect(text(100, { trim: false }).parse('  x\r\n')).toBe('  x\n');
		expect(optionalText(10).parse(undefined)).toBe('');
		expect(requiredText(100).parse(' Amal 🌍 ')).toBe('Amal 🌍');
		expect(requiredText(100).parse('Zoë, Ĳsbrand, خالد, 李')).toBe('Zoë, Ĳsbrand, خالد, 李');
	});

	it('treats a required text made only of invisible characters as empty', () => {
		for (const v of [
			'',
			'   ',
			'\u200B',
			'\u200B\u200C\u200D\u2060\uFEFF',
			'\u3164',
			'\u2800\u2800',
			'\u00AD',
			'\u115F\u1160',
			'\uFFA0',
			'\u202E',
			'\u0301\u0301',
			'\u00A0\u3000\n\t'
		])
			expect(refusal(requiredText(100), v)?.key, JSON.stringify(v)).toBe('error_required');
		// An invisible character next to a visible one is still a name.
		expect(requiredText(100).parse('\u200BA')).toBe('\u200BA');
		// Optional text may be empty.
		expect(optionalText(100).parse('\u200B')).toBe('\u200B');
	});

	it('counts the length after trimming and tells the maximum', () => {
		expect(refusal(requiredText(3), 'abcd')).toEqual({
			field: 'f',
			key: 'error_too_long',
			params: { max: 3 }
		});
		expect(requiredText(3).parse('  abc  ')).toBe('abc');
	});

	it('refuses control characters in ids and tokens', () => {
		expect(refusal(token(), 'abc\u0000')?.key).toBe('error_invalid');
		expect(token().parse('0193a-b_c')).toBe('0193a-b_c');
	});

	it('strips what a filter or an e-mail subject must not carry', () => {
		expect(withoutControlCharacters('a\u0000b\r\nc\u0085')).toBe('ab\nc');
		expect(withoutBidiControls('Verslag \u202Efdp.exe\u202C \u2066x\u2069')).toBe(
			'Verslag fdp.exe x'
		);
		expect(withoutBidiControls('שלום عربي')).toBe('שלום عربي');
	});
});
