import { createAuth } from '../auth/auth.ts';
import type { TestWorld } from './db.ts';

export const TEST_BASE_URL = 'http://olievlek.test';

/** better-auth on the test world's database, with the app's settings and the fake mailer. */
export function testAuth(world: TestWorld) {
	return createAuth({
		db: world.database.authDb,
		dialect: world.database.dialect,
		baseURL: TEST_BASE_URL,
		secret: 'a-test-secret-of-at-least-32-characters!!',
		mailer: world.mailer,
		secureCookies: false,
		rateLimit: false
	});
}
export type TestAuth = ReturnType<typeof testAuth>;

/** The Cookie header a browser would send back after a response with these Set-Cookie lines. */
export function cookieHeader(response: Headers, previous?: Headers): Headers {
	const jar = new Map<string, string>();
	for (const part of (previous?.get('cookie') ?? '').split(/;\s*/)) {
		const [k, ...v] = part.split('=');
		if (k) jar.set(k, v.join('='));
	}
	for (const line of response.getSetCookie()) {
		const [pair, ...attrs] = line.split(';');
		const [k, ...v] = pair!.split('=');
		const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
		if (expired) jar.delete(k!.trim());
		else jar.set(k!.trim(), v.join('='));
	}
	return new Headers({ cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') });
}

/** Signs a new person up; returns the cookies their browser would hold. */
export async function signUpPerson(
	auth: TestAuth,
	who: { name: string; email: string; password: string }
) {
	const { headers } = await auth.api.signUpEmail({
		body: { ...who, locale: 'nl' },
		returnHeaders: true
	});
	return cookieHeader(headers);
}

/** Follows an e-mailed link through better-auth, as a browser with these cookies would. */
export async function openLink(auth: TestAuth, url: string, cookies?: Headers) {
	const res = await auth.handler(new Request(url, { headers: cookies ?? new Headers() }));
	return { status: res.status, location: res.headers.get('location'), headers: res.headers };
}

export const linkIn = (text: string) => /https?:\/\/\S+/.exec(text)?.[0] ?? '';
