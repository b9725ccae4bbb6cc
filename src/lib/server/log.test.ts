import { describe, expect, it } from 'vitest';
import { withoutAddresses } from './log.ts';

describe('log lines carry no e-mail address', () => {
	it('takes addresses out of an SMTP refusal, keeping the reason', () => {
		const out = withoutAddresses('550 5.1.1 <amal.el-idrissi@gemeente.example>: user unknown');
		expect(out).toBe('550 5.1.1 <<address>>: user unknown');
		expect(withoutAddresses('to bert@x.org, chen@y.be failed')).toBe(
			'to <address>, <address> failed'
		);
		expect(withoutAddresses('connect ECONNREFUSED 127.0.0.1:587')).toBe(
			'connect ECONNREFUSED 127.0.0.1:587'
		);
	});
});
