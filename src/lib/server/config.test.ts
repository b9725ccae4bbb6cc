import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('configuration', () => {
	it('has working defaults for the demo', () => {
		const c = parseConfig({});
		expect(c.DATABASE_URL).toBe('./data/olievlek.db');
		expect(c.authSecret.length).toBeGreaterThanOrEqual(32);
	});
	it('stops with one line naming the variable', () => {
		for (const env of [
			{ PUBLIC_URL: 'not a url' },
			{ DATABASE_URL: 'mysql://x' },
			{ LOG_LEVEL: 'loud' },
			{ SMTP_URL: 'mail.example.org' },
			{ NODE_ENV: 'production', PUBLIC_URL: 'https://olievlek.example', SMTP_URL: 'smtp://x' },
			// https means real use: a real secret, real mail, no demo accounts.
			{ PUBLIC_URL: 'https://olievlek.example', SMTP_URL: 'smtp://x' },
			{ PUBLIC_URL: 'https://olievlek.example', AUTH_SECRET: 's'.repeat(40) },
			{
				PUBLIC_URL: 'https://olievlek.example',
				AUTH_SECRET: 's'.repeat(40),
				SMTP_URL: 'smtp://x',
				SEED_DEMO: '1'
			}
		]) {
			let message = '';
			try {
				parseConfig(env);
			} catch (e) {
				expect(e).toBeInstanceOf(ConfigError);
				message = (e as Error).message;
			}
			expect(message).toMatch(/^Configuration error: [A-Z_]+ /);
			expect(message).not.toContain('\n');
		}
	});
});
