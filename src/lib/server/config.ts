import { z } from 'zod';

const schema = z.object({
	DATABASE_URL: z
		.string()
		.min(1)
		.refine((v) => !/^[a-z]+:\/\//.test(v) || /^postgres(ql)?:\/\//.test(v), {
			message: 'must be a SQLite file path or a postgres:// URL'
		})
		.default('./data/olievlek.db'),
	PUBLIC_URL: z
		.url({
			protocol: /^https?$/,
			error: 'must be an http(s) URL such as https://olievlek.example.org'
		})
		.default('http://localhost:3000'),
	AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
		.optional(),
	MAIL_FROM: z.string().default('Olievlek <noreply@olievlek.localhost>'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	SEED_DEMO: z.enum(['0', '1']).default('0'),
	RATE_LIMIT: z.enum(['0', '1']).default('1'),
	INVITES_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(50),
	DEV_OUTBOX_PUBLIC: z.enum(['0', '1']).default('0'),
	/** How long a worker's claim on a job holds; a killed instance's jobs run again after it. */
	JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
	/** A fake clock for journeys and benches (see clock.ts); never in production. */
	FAKE_CLOCK_FILE: z.string().min(1).optional(),
	LIVE_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(6000),
	/** Live streams one phone (participant) holds; a new one ends its oldest. */
	LIVE_MAX_PER_PARTICIPANT: z.coerce.number().int().min(1).max(100).default(3),
	/** Console and projector streams one account holds; a new one ends its oldest. */
	LIVE_MAX_PER_MEMBER: z.coerce.number().int().min(1).max(100).default(8),
	/** Live streams one address holds in all sessions (a library's Wi-Fi is one address). */
	LIVE_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(2000),
	NODE_ENV: z.string().default('development')
});

export type Config = z.infer<typeof schema> & { authSecret: string; isProduction: boolean };

const DEV_SECRET = 'olievlek-development-secret-not-for-production-use';

/** Reads the environment; a wrong value gives one line naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const cleaned = Object.fromEntries(
		Object.entries(env).filter(([, v]) => v !== undefined && v !== '')
	);
	const result = schema.safeParse(cleaned);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		throw new ConfigError(`Configuration error: ${issue.path.join('.')} ${issue.message}`);
	}
	const c = result.data;
	// Anything served over https, or declared production, is treated as real use: no built-in
	// secret, no development outbox, no demo accounts.
	const isProduction = c.NODE_ENV === 'production' || c.PUBLIC_URL.startsWith('https://');
	if (isProduction && !c.AUTH_SECRET) {
		throw new ConfigError(
			'Configuration error: AUTH_SECRET is required when PUBLIC_URL is https or NODE_ENV is production'
		);
	}
	if (isProduction && !c.SMTP_URL) {
		throw new ConfigError(
			'Configuration error: SMTP_URL is required when PUBLIC_URL is https or NODE_ENV is production'
		);
	}
	if (isProduction && c.SEED_DEMO === '1') {
		throw new ConfigError(
			'Configuration error: SEED_DEMO must be 0 with https or NODE_ENV=production (demo accounts are for a local demo)'
		);
	}
	if (isProduction && c.FAKE_CLOCK_FILE) {
		throw new ConfigError(
			'Configuration error: FAKE_CLOCK_FILE must not be set with https or NODE_ENV=production (a fake clock is for tests and benches)'
		);
	}
	return { ...c, authSecret: c.AUTH_SECRET ?? DEV_SECRET, isProduction };
}

export class ConfigError extends Error {}
