// The floor for bench/live: a bare node:http Server-Sent Events broadcaster, no framework, no
// database. It answers the same requests as the app so the load generator is identical:
//   POST /join            form code=…&displayName=… → 303, Set-Cookie olv_participant=<token>
//   GET  /live/events     text/event-stream, `id: N\nevent: change\ndata: {"topics":[…]}\n\n`
//   POST /live?/dot       form stepId, postitId, clientId → {"type":"success"} or a 409 failure
//   GET  /healthz, /healthz/live[?reset]   the app's metrics: publish → written to the last connection
// Votes: an in-memory counter per participant with the same budget rule (5 dots, a repeated
// clientId is idempotent). Fan-out: the same batching as src/lib/server/live/hub.ts — changes
// published in one event-loop turn go out as one message per connection, flushed on
// setImmediate — and the same 25 s heartbeat timer per connection.
import { randomBytes } from 'node:crypto';
import http from 'node:http';

const BUDGET = Number(process.env.DOTS ?? 5);
const participants = new Map(); // token → { spent, clientIds:Set }

const room = {
	seq: 0,
	listeners: new Set(),
	pending: new Set(),
	pendingSince: [],
	scheduled: false
};
const samples = [];

function flush() {
	room.scheduled = false;
	if (room.pending.size === 0) return;
	const id = ++room.seq;
	const text = `id: ${id}\nevent: change\ndata: ${JSON.stringify({ topics: [...room.pending] })}\n\n`;
	const since = room.pendingSince;
	room.pending = new Set();
	room.pendingSince = [];
	for (const res of room.listeners) res.write(text);
	const done = performance.now();
	for (const t of since) samples.push(done - t);
}

function publish(topic) {
	room.pending.add(topic);
	room.pendingSince.push(performance.now());
	if (!room.scheduled) {
		room.scheduled = true;
		setImmediate(flush);
	}
}

function metrics(reset) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
	const result = {
		enabled: true,
		samples: sorted.length,
		p50: at(0.5),
		p99: at(0.99),
		max: sorted.at(-1) ?? 0,
		connections: room.listeners.size,
		rssBytes: process.memoryUsage().rss
	};
	if (reset) samples.length = 0;
	return result;
}

const token = (req) => /(?:^|;\s*)olv_participant=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

function readForm(req) {
	return new Promise((resolve, reject) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (c) => (body += c));
		req.on('end', () => resolve(new URLSearchParams(body)));
		req.on('error', reject);
	});
}

function json(res, status, value) {
	const body = JSON.stringify(value);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(body)
	});
	res.end(body);
}

const server = http.createServer(async (req, res) => {
	const url = new URL(req.url, 'http://localhost');
	if (req.method === 'POST' && url.pathname === '/join') {
		const form = await readForm(req);
		if (!form.get('code') || !form.get('displayName')) return json(res, 400, { error: 'invalid' });
		const t = randomBytes(24).toString('base64url');
		participants.set(t, { spent: 0, clientIds: new Set() });
		publish('participants');
		res.writeHead(303, {
			location: '/live',
			'set-cookie': `olv_participant=${t}; Path=/; HttpOnly; SameSite=Lax`
		});
		return res.end();
	}
	if (req.method === 'GET' && url.pathname === '/live/events') {
		const p = participants.get(token(req));
		if (!p) return json(res, 404, { error: 'unknown participant' });
		res.writeHead(200, {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			'x-accel-buffering': 'no'
		});
		res.write('retry: 3000\n\n');
		room.listeners.add(res);
		const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
		res.on('close', () => {
			clearInterval(heartbeat);
			room.listeners.delete(res);
		});
		return;
	}
	if (req.method === 'POST' && url.pathname === '/live' && url.search === '?/dot') {
		const p = participants.get(token(req));
		const form = await readForm(req);
		if (!p) return json(res, 200, { type: 'redirect', status: 303, location: '/join' });
		const clientId = form.get('clientId') ?? '';
		if (clientId.length < 8 || !form.get('postitId') || !form.get('stepId')) {
			return json(res, 200, { type: 'failure', status: 400, data: '[{"errors":1}]' });
		}
		if (p.clientIds.has(clientId)) return json(res, 200, { type: 'success', status: 200 });
		if (p.spent >= BUDGET) {
			return json(res, 200, { type: 'failure', status: 409, data: '[{"errors":1}]' });
		}
		p.spent++;
		p.clientIds.add(clientId);
		publish('dots');
		return json(res, 200, { type: 'success', status: 200, data: '[{"message":1},"Dot saved"]' });
	}
	if (req.method === 'GET' && url.pathname === '/healthz/live') {
		return json(res, 200, metrics(url.searchParams.has('reset')));
	}
	if (req.method === 'GET' && url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
	json(res, 404, { error: 'not found' });
});
server.keepAliveTimeout = 65_000;
server.requestTimeout = 30_000;
server.listen(Number(process.env.PORT || 3100), process.env.HOST || '127.0.0.1');

function shutdown() {
	for (const res of room.listeners) res.end();
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
