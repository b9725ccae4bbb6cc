import type { Actor } from '#lib/server/context.ts';
import type { AppLocale } from '#lib/server/db/types.ts';

declare global {
	namespace App {
		interface Locals {
			user: { id: string; email: string; name: string; locale: string | null } | null;
			actor: Actor | null;
			locale: AppLocale;
			/** Seconds a refused (429) request should wait, set by the rate limiter. */
			retryAfter: number | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
