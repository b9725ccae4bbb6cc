import { DomainError } from '../errors.ts';

/** better-auth's error codes, turned into our messages; anything unknown is rethrown. */
const MAP: Record<string, [string, string?]> = {
	USER_ALREADY_EXISTS: ['error_email_taken', 'email'],
	USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: ['error_email_taken', 'email'],
	INVALID_EMAIL_OR_PASSWORD: ['error_sign_in_failed', 'form'],
	INVALID_EMAIL: ['error_email', 'email'],
	INVALID_PASSWORD: ['error_sign_in_failed', 'form'],
	PASSWORD_TOO_SHORT: ['error_password_short', 'password'],
	PASSWORD_TOO_LONG: ['error_too_long', 'password'],
	INVALID_TOKEN: ['error_reset_token', 'form'],
	EMAIL_CAN_NOT_BE_UPDATED: ['error_email_taken', 'email'],
	CREDENTIAL_ACCOUNT_NOT_FOUND: ['error_sign_in_failed', 'form']
};

export function toDomainError(e: unknown): never {
	const err = e as { body?: { code?: string }; status?: string | number; statusCode?: number };
	const code = err?.body?.code;
	if (code && MAP[code]) {
		const [key, field] = MAP[code];
		// The one message with a number: the schema's own limit for passwords.
		const params = key === 'error_too_long' ? { max: 128 } : {};
		throw Object.assign(new DomainError('invalid', key, field), params);
	}
	if (err?.statusCode === 429 || err?.status === 'TOO_MANY_REQUESTS') {
		throw new DomainError('rate_limited', 'error_rate_limited');
	}
	throw e;
}

const HOME = 'http://olievlek.invalid';
const ELSEWHERE = 'http://elsewhere.invalid';

/**
 * Where to go after signing in, signing up or switching the language: a path on this site, or
 * home. The URL is resolved the way a browser would (so `/.//evil.example` becomes
 * `//evil.example`), and the result must still be a path on this site when read again, since
 * SvelteKit and the browser read the Location header once more.
 */
export function safeNext(next: string | null | undefined): string {
	// Control characters and backslashes are dropped or read as `/` by browsers: never a path.
	// eslint-disable-next-line no-control-regex
	if (typeof next !== 'string' || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next))
		return '/';
	try {
		const url = new URL(next, HOME);
		if (url.origin !== HOME) return '/';
		const path = url.pathname + url.search + url.hash;
		if (!path.startsWith('/') || path.startsWith('//')) return '/';
		if (new URL(path, ELSEWHERE).origin !== ELSEWHERE) return '/';
		return path;
	} catch {
		return '/';
	}
}

export function clientAddress(getClientAddress: () => string): string {
	try {
		return getClientAddress();
	} catch {
		return 'unknown';
	}
}
