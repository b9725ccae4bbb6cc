/**
 * A use case that cannot go ahead returns or throws one of these. `key` names a message in
 * messages/*.json; routes turn it into a 4xx with that message in the person's language.
 */
export type DomainErrorCode =
	'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'expired' | 'rate_limited';

const STATUS: Record<DomainErrorCode, number> = {
	not_found: 404,
	forbidden: 403,
	conflict: 409,
	invalid: 400,
	expired: 410,
	rate_limited: 429
};

export class DomainError extends Error {
	readonly status: number;
	constructor(
		readonly code: DomainErrorCode,
		readonly key: string,
		readonly field?: string
	) {
		super(`${code}: ${key}`);
		this.status = STATUS[code];
	}
}

export const notFound = () => new DomainError('not_found', 'error_not_found');
export const forbidden = () => new DomainError('forbidden', 'error_forbidden');
