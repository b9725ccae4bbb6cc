import { AsyncLocalStorage } from 'node:async_hooks';
import * as runtime from '#lib/paraglide/runtime.js';
import type { AppLocale } from '../db/types.ts';

const storage = new AsyncLocalStorage<{
	locale: AppLocale;
	origin: string;
	messageCalls: Set<string>;
}>();
runtime.overwriteServerAsyncLocalStorage(storage as never);

export const isAppLocale = (v: unknown): v is AppLocale => v === 'nl' || v === 'en' || v === 'fr';

/** The person's saved choice wins, then the language cookie, then the browser's languages. */
export function resolveLocale(
	request: Request,
	accountLocale: string | null | undefined
): AppLocale {
	if (isAppLocale(accountLocale)) return accountLocale;
	return runtime.extractLocaleFromRequest(request) as AppLocale;
}

/** Runs a request with its locale, so message functions and getLocale() answer for it. */
export function withLocale<T>(locale: AppLocale, origin: string, fn: () => T): T {
	return storage.run({ locale, origin, messageCalls: new Set() }, fn);
}

export const LOCALE_COOKIE = runtime.cookieName;
