import { building } from '$app/env';
import { getRequestEvent } from '$app/server';
import { error, isHttpError } from '@sveltejs/kit';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { svelteKitHandler } from 'better-auth/svelte-kit';
import * as m from '#lib/paraglide/messages.js';
import { getTextDirection } from '#lib/paraglide/runtime.js';
import { app, startApp } from '#lib/server/app.ts';
import { ConfigError } from '#lib/server/config.ts';
import { DomainError } from '#lib/server/errors.ts';
import { LOCALE_COOKIE, resolveLocale, withLocale } from '#lib/server/i18n/locale.ts';
import { log } from '#lib/server/log.ts';
import { translate } from '#lib/i18n.ts';
import { hasControlCharacters } from '#lib/server/validation.ts';

export const init: ServerInit = async () => {
	try {
		// Outside a request (demo seeding at start-up) there is no event to set cookies on.
		const currentEvent = () => {
			try {
				return getRequestEvent();
			} catch {
				return undefined;
			}
		};
		await startApp(process.env, currentEvent as never);
	} catch (e) {
		// One clear line, never a stack trace, for a wrong setting or an unreachable database.
		const msg =
			e instanceof ConfigError ? e.message : `Olievlek could not start: ${(e as Error).message}`;
		process.stderr.write(msg + '\n');
		process.exit(1);
	}
};

// Our forms call better-auth on the server; from outside only the links in its e-mails are open.
// Everything else under /api/auth would bypass our forms' validation and rate limits.
const OPEN_AUTH_PATHS = [
	'/api/auth/magic-link/verify',
	'/api/auth/verify-email',
	'/api/auth/reset-password/'
];
const isClosedAuthPath = (path: string) =>
	path.startsWith('/api/auth') &&
	!OPEN_AUTH_PATHS.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)));

const isLivePath = (path: string) => path === '/live' || path.startsWith('/live/');

/**
 * A body that is not the form it claims to be (a broken multipart, a cut-off upload) is the
 * sender's mistake: a 400 in the person's language instead of "something went wrong on our
 * side". Set on the request once, so every form action gets it.
 */
function readFormSafely(request: Request) {
	const read = request.formData.bind(request);
	request.formData = async () => {
		try {
			return await read();
		} catch (e) {
			const status = (e as { status?: number; cause?: { status?: number } } | null)?.status;
			if (status === 413 || (e as { cause?: { status?: number } }).cause?.status === 413) {
				error(413, m.error_body_too_large({ max: bodyLimitMb() }));
			}
			error(400, m.error_form_malformed());
		}
	};
}
// The body limit adapter-node applies (scripts/serve.js sets it); only uploads come near it.
const bodyLimitMb = () => {
	const [, amount = '11', unit = 'M'] =
		/^(\d+)([KMG]?)$/i.exec(process.env.BODY_SIZE_LIMIT ?? '') ?? [];
	const bytes = Number(amount) * ({ K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[unit.toUpperCase()] ?? 1);
	return Math.max(1, Math.round(bytes / 1024 ** 2));
};

export const handle: Handle = async ({ event, resolve }) => {
	// An id with a control character in the path (`/invitations/%00`) names nothing; PostgreSQL
	// refuses a NUL in any query, so it is answered here, before a route could turn it into a 500.
	if (
		isClosedAuthPath(event.url.pathname) ||
		Object.values(event.params).some(hasControlCharacters)
	) {
		return new Response(m.error_not_found(), {
			status: 404,
			headers: { 'content-type': 'text/plain' }
		});
	}
	if (building) return resolve(event);
	const started = performance.now();
	const { auth, config } = app();
	// Phones in a live session have no account: skip the session lookup when no auth cookie came.
	const mayBeSignedIn = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=/.test(
		event.request.headers.get('cookie') ?? ''
	);
	const session = mayBeSignedIn
		? await auth.api.getSession({ headers: event.request.headers })
		: null;
	const user = session?.user as
		{ id: string; email: string; name: string; locale?: string | null } | undefined;
	event.locals.user = user
		? { id: user.id, email: user.email, name: user.name, locale: user.locale ?? null }
		: null;
	event.locals.actor = user ? { userId: user.id, email: user.email, name: user.name } : null;

	const locale = resolveLocale(event.request, user?.locale);
	event.locals.locale = locale;
	event.locals.retryAfter = null;
	readFormSafely(event.request);
	// Keep the client's idea of the language in step with the server's.
	if (event.cookies.get(LOCALE_COOKIE) !== locale) {
		event.cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: config.PUBLIC_URL.startsWith('https://'),
			maxAge: 60 * 60 * 24 * 400
		});
	}

	const response = await withLocale(locale, event.url.origin, () =>
		svelteKitHandler({
			auth,
			event,
			building,
			resolve: (ev) =>
				resolve(ev, {
					transformPageChunk: ({ html }) =>
						html.replace('%lang%', locale).replace('%dir%', getTextDirection(locale))
				})
		})
	);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	// A page that sets its own (the partner's link page: no referrer to other sites) keeps it.
	if (!response.headers.has('Referrer-Policy'))
		response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (!response.headers.has('X-Frame-Options')) response.headers.set('X-Frame-Options', 'DENY');
	// What a signed-in person or a phone in a live session sees is theirs: no shared cache keeps it.
	if (event.locals.user || isLivePath(event.url.pathname)) {
		response.headers.set('Cache-Control', 'private, no-store');
	}
	if (response.status === 429 && !response.headers.has('Retry-After')) {
		response.headers.set('Retry-After', String(event.locals.retryAfter ?? 60));
	}
	// One JSON line per request; no query strings (they can carry tokens) and no personal data.
	log.info(
		{
			method: event.request.method,
			route: event.route.id ?? event.url.pathname.split('/').slice(0, 3).join('/'),
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

export const handleError: HandleServerError = ({ error, event, kind }) => {
	if (error instanceof DomainError) {
		return { status: error.status, message: translate(error.key) };
	}
	if (kind === 'framework') {
		const status = (error as { status?: number }).status ?? 500;
		return { status, message: status === 404 ? m.error_not_found() : m.error_unexpected() };
	}
	if (kind === 'app' || isHttpError(error)) return;
	log.error({ err: error, path: event.url.pathname }, 'unhandled error');
	return { status: 500, message: m.error_unexpected() };
};
