// Olievlek's production server: adapter-node's handler behind a plain Node HTTP server.
// SvelteKit 3 checks form posts against the request's origin and adapter-node assumes https
// unless told otherwise; PUBLIC_URL is the one source of truth for our origin, so its protocol
// and host are stamped on every request here (a client cannot choose them). Behind a proxy
// that sets its own headers, set PROTOCOL_HEADER/HOST_HEADER and they are used instead.
import http from 'node:http';
import compression from 'compression';

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

// Server-rendered pages and data are compressed (a phone on a weak connection downloads a
// tenth of the HTML); the live event stream never is (it must not be buffered), and the static
// files come precompressed from the build.
const compress = compression({
	threshold: 1024,
	filter: (req, res) =>
		/^(text\/html|application\/json)/.test(String(res.getHeader('content-type') ?? ''))
});

const server = http.createServer((req, res) => {
	if (stamp) {
		req.headers['x-olievlek-protocol'] = publicUrl.protocol.slice(0, -1);
		req.headers['x-olievlek-host'] = publicUrl.host;
	}
	const length = Number(req.headers['content-length'] ?? 0);
	const path = (req.url ?? '').split('?')[0];
	if (length > 20 * UPLOAD_LIMIT) {
		res.writeHead(413, { connection: 'close' }).end();
		req.destroy();
		return;
	}
	if (length > UPLOAD_LIMIT && UPLOAD_PATH.test(path)) {
		// A file far too big: the body is read and dropped, and the page comes back saying so in
		// the person's language (it reads ?too-large=1), instead of a bare "413".
		req.resume();
		req.on('end', () => res.writeHead(303, { location: `${path}?too-large=1` }).end());
		return;
	}
	if (length > SMALL_BODY && !UPLOAD_PATH.test(path)) {
		res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end('Payload Too Large');
		return;
	}
	compress(req, res, () => handler(req, res));
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
