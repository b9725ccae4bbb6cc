import type pg from 'pg';
import {
	RateLimiterMemory,
	RateLimiterPostgres,
	RateLimiterRes,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import { DomainError } from './errors.ts';

/** The table the PostgreSQL limiters share (made by the migration 2026-12-02T1300-rate-limits). */
export const RATE_LIMIT_TABLE = 'rate_limit';

/**
 * Per-address limits on the doors people knock on: sign-in, sign-up, reset, magic link,
 * invitations and joining. On PostgreSQL (`pool` given) these live in the database, so N
 * instances behind a balancer give the limit once, not N times; if the database cannot answer,
 * an in-memory limiter with the same numbers stands in. The per-participant flood guards of a
 * live session stay in memory: they sit on the path of every vote, where a database write per
 * tap would cost more than the guard is worth, and a flood is already held per instance.
 */
export function createRateLimits(
	enabled: boolean,
	/** Told the seconds to wait on every refusal, so the response can carry Retry-After. */
	onRefused: (seconds: number) => void = () => {},
	pool?: pg.Pool
) {
	const door = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
		const memory = new RateLimiterMemory({ keyPrefix, points, duration });
		if (!pool) return memory;
		return new RateLimiterPostgres({
			storeClient: pool,
			storeType: 'pool',
			tableName: RATE_LIMIT_TABLE,
			tableCreated: true,
			keyPrefix,
			points,
			duration,
			insuranceLimiter: memory
		});
	};
	const limiters = {
		signIn: door('sign-in', 10, 60),
		signUp: door('sign-up', 5, 600),
		reset: door('reset', 5, 600),
		magic: door('magic', 5, 600),
		invite: door('invite', 60, 600),
		// A room of 60 behind one Wi-Fi address joins at once; a guessing run does not.
		join: door('join', 120, 60),
		// Per participant: posting, voting and answering. Five dots in a second is fine; a script
		// flooding the room is not.
		participate: new RateLimiterMemory({ keyPrefix: 'participate', points: 30, duration: 10 }),
		// Per address, for a script that joins as many participants: high enough for a room of a
		// few hundred phones behind one Wi-Fi address.
		participateAddress: new RateLimiterMemory({
			keyPrefix: 'participate-address',
			points: 1500,
			duration: 10
		})
	};
	return {
		/** Throws a rate_limited DomainError (429) with the seconds to wait. */
		async consume(kind: keyof typeof limiters, key: string) {
			if (!enabled) return;
			try {
				await limiters[kind].consume(key);
			} catch (e) {
				if (e instanceof RateLimiterRes) {
					const err = new DomainError('rate_limited', 'error_rate_limited');
					const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
					(err as DomainError & { retryAfter: number }).retryAfter = seconds;
					onRefused(seconds);
					throw err;
				}
				throw e;
			}
		}
	};
}

export type RateLimits = ReturnType<typeof createRateLimits>;
