// Olievlek's production server: adapter-node's handler behind a plain Node HTTP server.
// SvelteKit 3 checks form posts against the request's origin and adapter-node assumes https
// unless told otherwise; PUBLIC_URL is the one source of truth for our origin, so its protocol
// and host are stamped on every request here (a client cannot choose them). Behind a proxy
// that sets its own headers, set PROTOCOL_HEADER/HOST_HEADER and they are used instead.
import http from 'node:http';
import { Readable } from 'node:stream';
import compression from 'compression';
import en from '../messages/en.json' with { type: 'json' };
import fr from '../messages/fr.json' with { type: 'json' };
import nl from '../messages/nl.json' with { type: 'json' };

let publicUrl;
try {
	publicUrl = new URL(process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`);
} catch {
	console.error(
		'Configuration error: PUBLIC_URL must be a URL such as https://olievlek.example.org'
	);
	process.exit(1);
}
const stamp = !process.env.PROTOCOL_HEADER && !process.env.HOST_HEADER;
if (stamp) {
	process.env.PROTOCOL_HEADER = 'x-olievlek-protocol';
	process.env.HOST_HEADER = 'x-olievlek-host';
}
// Uploads (a resource's file up to 10 MB, a report image up to 5 MB) need more than
// adapter-node's default body limit; every other request is held to 1 MB below.
process.env.BODY_SIZE_LIMIT ||= '11M';
const UPLOAD_PATH = /^\/networks\/[^/]+\/(resources(\/[^/]+)?|sessions\/[^/]+\/report\/edit)$/;
const SMALL_BODY = 1024 * 1024;
const UNITS = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
const [, amount, unit] = /^(\d+)([KMG]?)$/i.exec(process.env.BODY_SIZE_LIMIT) ?? ['', '11', 'M'];
const UPLOAD_LIMIT = Number(amount) * UNITS[unit.toUpperCase()];
const { handler } = await import('../build/handler.js');

// The same set on every response, set here once so that static files, the refusals below and
// SvelteKit's own 403/404s carry it too. Pages replace the CSP with their full policy.
const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'content-security-policy': "frame-ancestors 'none'",
	'referrer-policy': 'strict-origin-when-cross-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=()',
	...(publicUrl.protocol === 'https:'
		? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
		: {})
};

// This layer answers before SvelteKit (and Paraglide) run, so it reads the messages itself.
const MESSAGES = { nl, en, fr };
// The language cookie is Paraglide's (src/lib/server/i18n/locale.ts, LOCALE_COOKIE); the app
// keeps it in step with a signed-in person's saved choice.
const LOCALE_COOKIE = /(?:^|;\s*)PARAGLIDE_LOCALE=(nl|en|fr)(?:;|$)/;

function localeOf(req) {
	const fromCookie = LOCALE_COOKIE.exec(req.headers.cookie ?? '')?.[1];
	if (fromCookie) return fromCookie;
	const wanted = String(req.headers['accept-language'] ?? '')
		.split(',')
		.map((part) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = Number(
				params
					.find((p) => p.trim().startsWith('q='))
					?.trim()
					.slice(2) ?? 1
			);
			return { lang: tag.trim().slice(0, 2).toLowerCase(), q: Number.isNaN(q) ? 0 : q };
		})
		.filter((w) => w.lang in MESSAGES && w.q > 0)
		.sort((a, b) => b.q - a.q);
	return wanted[0]?.lang ?? 'nl';
}

const escapeHtml = (s) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A short page in the person's language: what was sent is more than this address takes. */
function tooLarge(req, res, limit) {
	const lang = localeOf(req);
	const t = MESSAGES[lang];
	const max = String(Math.round(limit / 1024 ** 2));
	const text = t.error_body_too_large.replace('{max}', max);
	const body =
		`<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
		'<meta name="viewport" content="width=device-width, initial-scale=1">' +
		`<title>${escapeHtml(t.error_body_too_large_title)} – Olievlek</title>` +
		'<link rel="stylesheet" href="/app.css"></head>' +
		`<body><main><h1>${escapeHtml(t.error_body_too_large_title)}</h1><p>${escapeHtml(text)}</p>` +
		`<p><a href="/">${escapeHtml(t.back_home)}</a></p></main></body></html>`;
	res.writeHead(413, {
		'content-type': 'text/html; charset=utf-8',
		'content-language': lang,
		'cache-control': 'no-store',
		connection: 'close'
	});
	res.end(body);
}

/** Reads and drops the rest of a refused body (up to a bound), so the client reads our answer. */
function discard(req) {
	let dropped = 0;
	req.removeAllListeners('data');
	req.on('data', (chunk) => {
		dropped += chunk.length;
		if (dropped > 20 * UPLOAD_LIMIT) req.destroy();
	});
	req.resume();
}

/**
 * A body without Content-Length (chunked) is counted as it arrives: past the limit the person
 * gets the page above; within it, the handler gets the body with its length, as if it had
 * been sent that way.
 */
function readCounted(req, res, limit, next) {
	const chunks = [];
	let size = 0;
	let refused = false;
	req.on('data', (chunk) => {
		if (refused) return;
		size += chunk.length;
		if (size > limit) {
			refused = true;
			chunks.length = 0;
			discard(req);
			tooLarge(req, res, limit);
			return;
		}
		chunks.push(chunk);
	});
	req.on('end', () => {
		if (refused) return;
		const body = Buffer.concat(chunks);
		const headers = { ...req.headers, 'content-length': String(body.length) };
		delete headers['transfer-encoding'];
		let sent = false;
		const replay = new Readable({
			read() {
				if (sent) return;
				sent = true;
				this.push(body);
				this.push(null);
			}
		});
		for (const key of ['method', 'url', 'httpVersion', 'httpVersionMajor', 'httpVersionMinor'])
			replay[key] = req[key];
		Object.assign(replay, { headers, socket: req.socket, connection: req.socket });
		next(replay);
	});
}

// Server-rendered pages and data are compressed (a phone on a weak connection downloads a
// tenth of the HTML); the live event stream never is (it must not be buffered), and the static
// files come precompressed from the build.
const compress = compression({
	threshold: 1024,
	filter: (req, res) =>
		/^(text\/html|application\/json)/.test(String(res.getHeader('content-type') ?? ''))
});

const server = http.createServer((req, res) => {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	if (stamp) {
		req.headers['x-olievlek-protocol'] = publicUrl.protocol.slice(0, -1);
		req.headers['x-olievlek-host'] = publicUrl.host;
	}
	const path = (req.url ?? '').split('?')[0];
	const isUpload = UPLOAD_PATH.test(path);
	const limit = isUpload ? UPLOAD_LIMIT : SMALL_BODY;
	const declared = req.headers['content-length'];
	const length = Number(declared ?? 0);
	const serve = (request) => compress(request, res, () => handler(request, res));
	if (declared === undefined && req.headers['transfer-encoding'] !== undefined) {
		readCounted(req, res, limit, serve);
		return;
	}
	if (length > 20 * UPLOAD_LIMIT) {
		discard(req);
		tooLarge(req, res, limit);
		return;
	}
	if (length > limit && isUpload) {
		// A file far too big: the body is read and dropped, and the page comes back saying so on
		// the file field in the person's language (it reads ?too-large=1).
		req.resume();
		req.on('end', () => res.writeHead(303, { location: `${path}?too-large=1` }).end());
		return;
	}
	if (length > limit) {
		discard(req);
		tooLarge(req, res, limit);
		return;
	}
	serve(req);
});
server.keepAliveTimeout = 65_000;
server.requestTimeout = 30_000;

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

let stopping = false;
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: finishing open requests, then stopping`);
	server.close(async () => {
		try {
			await globalThis.__olievlekClose?.();
		} finally {
			process.exit(0);
		}
	});
	server.closeIdleConnections();
	// Live streams end now; the browsers reconnect (to another instance, or to this one restarted).
	globalThis.__olievlekCloseStreams?.();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
