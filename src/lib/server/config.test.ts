import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('configuration', () => {
	it('has working defaults for the demo', () => {
		const c = parseConfig({});
		expect(c.DATABASE_URL).toBe('./data/olievlek.db');
		expect(c.authSecret.length).toBeGreaterThanOrEqual(32);
		// 50 invitation mails per network a day; the outbox only from this machine.
		expect(c.INVITES_PER_DAY).toBe(50);
		expect(c.DEV_OUTBOX_PUBLIC).toBe('0');
		expect(parseConfig({ INVITES_PER_DAY: '5', DEV_OUTBOX_PUBLIC: '1' })).toMatchObject({
			INVITES_PER_DAY: 5,
			DEV_OUTBOX_PUBLIC: '1'
		});
	});
	it('stops with one line naming the variable', () => {
		for (const env of [
			{ PUBLIC_URL: 'not a url' },
			{ DATABASE_URL: 'mysql://x' },
			{ LOG_LEVEL: 'loud' },
			{ SMTP_URL: 'mail.example.org' },
			{ INVITES_PER_DAY: '0' },
			{ DEV_OUTBOX_PUBLIC: 'yes' },
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
