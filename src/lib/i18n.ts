import * as m from '#lib/paraglide/messages.js';

type MessageFn = (params?: Record<string, unknown>) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** Looks a message up by key (domain errors and zod issues carry keys, not sentences). */
export function translate(key: string, params: Record<string, unknown> = {}): string {
	const fn = messages[key];
	return fn ? fn(params) : (messages.error_invalid?.({}) ?? key);
}
