import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from './errors.ts';

/** Per-address limits on the doors people knock on: sign-in, sign-up, reset, magic link. */
export function createRateLimits(
	enabled: boolean,
	/** Told the seconds to wait on every refusal, so the response can carry Retry-After. */
	onRefused: (seconds: number) => void = () => {}
) {
	const limiters = {
		signIn: new RateLimiterMemory({ keyPrefix: 'sign-in', points: 10, duration: 60 }),
		signUp: new RateLimiterMemory({ keyPrefix: 'sign-up', points: 5, duration: 600 }),
		reset: new RateLimiterMemory({ keyPrefix: 'reset', points: 5, duration: 600 }),
		magic: new RateLimiterMemory({ keyPrefix: 'magic', points: 5, duration: 600 }),
		invite: new RateLimiterMemory({ keyPrefix: 'invite', points: 60, duration: 600 }),
		// A room of 60 behind one Wi-Fi address joins at once; a guessing run does not.
		join: new RateLimiterMemory({ keyPrefix: 'join', points: 120, duration: 60 }),
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
