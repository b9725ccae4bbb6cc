import http from 'node:http';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../messages/en.json' with { type: 'json' };
import fr from '../messages/fr.json' with { type: 'json' };
import nl from '../messages/nl.json' with { type: 'json' };
import { startServer, type Server } from './server.ts';

/**
 * One response of each kind from the built server (`vite build` first), as scripts/serve.js
 * serves it: every one carries the security headers; bodies too large or malformed get a
 * page in the person's language; a 429 says when to come back; what a signed-in person sees is
 * never cached; HSTS only when PUBLIC_URL is https. Runs on SQLite, no PostgreSQL needed.
 */
interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

const start = (extra: Record<string, string>): Promise<Server> =>
	startServer((port) => ({
		PUBLIC_URL: `http://127.0.0.1:${port}`,
		DATABASE_URL: ':memory:',
		SEED_DEMO: '0',
		...extra
	}));

/**
 * A request as a client sends it. `chunks` go out without Content-Length (chunked); `declare`
 * announces a length without sending the body.
 */
function send(
	port: number,
	method: string,
	pathname: string,
	opts: {
		headers?: Record<string, string>;
		body?: string | Buffer;
		chunks?: Buffer[];
		declare?: number;
		host?: string;
	} = {}
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const headers: Record<string, string> = { ...opts.headers };
		if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
		if (opts.declare !== undefined) headers['content-length'] = String(opts.declare);
		const req = http.request(
			{ host: opts.host ?? '127.0.0.1', port, method, path: pathname, headers },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (text += c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
				);
			}
		);
		// The server may answer and close before the whole body is out: the answer is what counts.
		req.on('error', (e) => ((e as { code?: string }).code === 'EPIPE' ? undefined : reject(e)));
		if (opts.chunks) {
			for (const c of opts.chunks) req.write(c);
			req.end();
		} else if (opts.declare !== undefined) {
			req.flushHeaders();
		} else req.end(opts.body);
	});
}

const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
const mb = (n: number) => Buffer.alloc(Math.round(n * 1024 * 1024), 'a');

function expectSecurityHeaders(kind: string, r: Reply) {
	expect(r.headers['x-content-type-options'], kind).toBe('nosniff');
	expect(r.headers['x-frame-options'], kind).toBe('DENY');
	expect(String(r.headers['content-security-policy']), kind).toContain("frame-ancestors 'none'");
	expect(r.headers['referrer-policy'], kind).toBe('strict-origin-when-cross-origin');
}

describe('responses of every kind carry the security headers', () => {
	let plain: Server;
	let secure: Server;
	const origin = () => `http://127.0.0.1:${plain.port}`;
	const post = (pathname: string, body: string, headers: Record<string, string> = {}) =>
		send(plain.port, 'POST', pathname, {
			body,
			headers: {
				origin: origin(),
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				...headers
			}
		});

	beforeAll(async () => {
		[plain, secure] = await Promise.all([
			start({ RATE_LIMIT: '1', HOST: '0.0.0.0' }),
			// https: real use, so a real secret and SMTP (never reached here) are required.
			start({
				RATE_LIMIT: '0',
				AUTH_SECRET: 's'.repeat(40),
				SMTP_URL: 'smtp://127.0.0.1:9',
				PUBLIC_URL: 'https://olievlek.example'
			})
		]);
	});
	afterAll(() => {
		plain?.proc.kill();
		secure?.proc.kill();
	});

	it('a page, a static file, a forged form post (403) and a closed /api/auth path (404)', async () => {
		const page = await send(plain.port, 'GET', '/sign-in');
		expect(page.status).toBe(200);
		expectSecurityHeaders('page', page);
		// The page keeps its full policy (scripts by hash or nonce, never inline).
		expect(String(page.headers['content-security-policy'])).toContain('script-src');

		const css = await send(plain.port, 'GET', '/app.css');
		expect(css.status).toBe(200);
		expectSecurityHeaders('static file', css);

		const forged = await send(plain.port, 'POST', '/sign-out', {
			body: '',
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			}
		});
		expect(forged.status).toBe(403);
		expectSecurityHeaders('403 CSRF', forged);

		const closed = await send(plain.port, 'POST', '/api/auth/sign-in/email', {
			body: '{}',
			headers: { 'content-type': 'application/json' }
		});
		expect(closed.status).toBe(404);
		expectSecurityHeaders('404 /api/auth', closed);

		// No HSTS on plain http (a browser would refuse the site on http for a year).
		expect(page.headers['strict-transport-security']).toBeUndefined();
	});

	it('HSTS on every response when PUBLIC_URL is https', async () => {
		for (const p of ['/healthz', '/app.css', '/sign-in']) {
			const r = await send(secure.port, 'GET', p);
			expect(r.headers['strict-transport-security'], p).toBe('max-age=31536000; includeSubDomains');
			expectSecurityHeaders(p, r);
		}
	});

	it('a chunked body past 1 MB gets a 413 page in the person’s language', async () => {
		const chunks = Array.from({ length: 8 }, () => mb(0.25));
		const dutch = await send(plain.port, 'POST', '/sign-in?/password', {
			chunks,
			headers: { origin: origin(), 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(dutch.status).toBe(413);
		expectSecurityHeaders('413 chunked', dutch);
		expect(dutch.headers['content-type']).toContain('text/html');
		expect(dutch.body).toContain('<html lang="nl">');
		expect(dutch.body).toContain(nl.error_body_too_large_title);
		expect(dutch.body).toContain(nl.error_body_too_large.replace('{max}', '1'));

		const english = await send(plain.port, 'POST', '/sign-in?/password', {
			chunks,
			headers: { origin: origin(), 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' }
		});
		expect(english.body).toContain(en.error_body_too_large_title);
		// The language cookie wins over the browser's languages.
		const french = await send(plain.port, 'POST', '/sign-in?/password', {
			chunks,
			headers: { origin: origin(), 'accept-language': 'en', cookie: 'PARAGLIDE_LOCALE=fr' }
		});
		expect(french.body).toContain(fr.error_body_too_large_title);
		expect(french.body).toContain('<html lang="fr">');

		// An upload path takes the upload limit: 5 MB chunked is let through to the app (which
		// answers that the resource does not exist for this visitor), 12 MB is not.
		const uploadChunks = (n: number) => Array.from({ length: n }, () => mb(1));
		const fits = await send(plain.port, 'POST', '/networks/nope/resources?/add', {
			chunks: uploadChunks(5),
			headers: { origin: origin(), 'content-type': 'multipart/form-data; boundary=x' }
		});
		expect([400, 404]).toContain(fits.status);
		const tooBig = await send(plain.port, 'POST', '/networks/nope/resources?/add', {
			chunks: uploadChunks(12),
			headers: { origin: origin(), 'content-type': 'multipart/form-data; boundary=x' }
		});
		expect(tooBig.status).toBe(413);
		expect(tooBig.body).toContain(nl.error_body_too_large.replace('{max}', '11'));
	});

	it('a chunked body within the limit reaches the form as if it had a length', async () => {
		const body = Buffer.from(
			form({ email: 'nobody@example.org', password: 'not the one', next: '/' })
		);
		const r = await send(plain.port, 'POST', '/sign-in?/password', {
			chunks: [body.subarray(0, 10), body.subarray(10)],
			headers: {
				origin: origin(),
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			}
		});
		expect(r.status).toBe(400);
		expect(r.body).toContain(nl.error_sign_in_failed);
	});

	it('a declared length past the limit: 413 page, 303 back to an upload form, 413 when absurd', async () => {
		const small = await send(plain.port, 'POST', '/sign-in?/password', {
			body: mb(2),
			headers: { origin: origin(), 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(small.status).toBe(413);
		expectSecurityHeaders('413 too large', small);
		expect(small.body).toContain(nl.error_body_too_large_title);

		const upload = await send(plain.port, 'POST', '/networks/abc/resources?/add', {
			body: mb(12),
			headers: { origin: origin(), 'content-type': 'multipart/form-data; boundary=x' }
		});
		expect(upload.status).toBe(303);
		expect(upload.headers.location).toBe('/networks/abc/resources?too-large=1');
		expectSecurityHeaders('303 too-large upload', upload);

		const absurd = await send(plain.port, 'POST', '/networks/abc/resources?/add', {
			declare: 1024 ** 3,
			headers: { origin: origin(), 'content-type': 'multipart/form-data; boundary=x' }
		});
		expect(absurd.status).toBe(413);
		expectSecurityHeaders('413 absurd', absurd);
	});

	it('a malformed multipart body is a 400 in the person’s language, not a 500', async () => {
		const r = await post('/sign-in?/password', '--x\r\nnonsense without an end', {
			'content-type': 'multipart/form-data; boundary=x'
		});
		expect(r.status).toBe(400);
		expectSecurityHeaders('400 malformed', r);
		expect(r.body).toContain(nl.error_form_malformed);
		expect(r.body).not.toContain(nl.error_unexpected);
	});

	it('a signed-in person’s pages and the live pages are never stored by a cache', async () => {
		const signUp = await post(
			'/sign-up',
			form({
				name: 'Cache',
				email: 'cache@example.org',
				password: 'een lang wachtwoord 2026',
				next: '/'
			})
		);
		expect(signUp.status).toBe(303);
		const cookie = ([] as string[])
			.concat(signUp.headers['set-cookie'] ?? [])
			.map((c) => c.split(';')[0])
			.join('; ');
		expect(cookie).toContain('session_token');
		for (const p of ['/', '/account', '/networks/new']) {
			const r = await send(plain.port, 'GET', p, { headers: { cookie } });
			expect(r.status, p).toBe(200);
			expect(r.headers['cache-control'], p).toBe('private, no-store');
			expectSecurityHeaders(p, r);
		}
		const live = await send(plain.port, 'GET', '/live');
		expect(live.headers['cache-control']).toBe('private, no-store');
		// A page for anybody may be cached as SvelteKit sees fit.
		const anonymous = await send(plain.port, 'GET', '/sign-in');
		expect(anonymous.headers['cache-control'] ?? '').not.toContain('private');
	});

	it('a 429 says how many seconds to wait', async () => {
		let refused: Reply | undefined;
		for (let i = 0; i < 15 && !refused; i++) {
			const r = await post('/forgot-password', form({ email: `someone${i}@example.org` }));
			if (r.status === 429) refused = r;
		}
		expect(refused?.status).toBe(429);
		expectSecurityHeaders('429', refused!);
		const seconds = Number(refused!.headers['retry-after']);
		// The reset limiter's window is ten minutes: the wait is what is left of it.
		expect(seconds).toBeGreaterThan(500);
		expect(seconds).toBeLessThanOrEqual(600);
	});

	const outside = Object.values(os.networkInterfaces())
		.flat()
		.find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
	it.skipIf(!outside)('the development outbox answers only on the machine itself', async () => {
		const here = await send(plain.port, 'GET', '/outbox');
		expect(here.status).toBe(200);
		const fromOutside = await send(plain.port, 'GET', '/outbox', { host: outside });
		expect(fromOutside.status).toBe(404);
		const layout = await send(plain.port, 'GET', '/sign-in', { host: outside });
		expect(layout.body).not.toContain('href="/outbox"');
	});
});
