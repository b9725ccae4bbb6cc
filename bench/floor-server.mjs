// The floor for bench/live: a bare node:http Server-Sent Events broadcaster, no framework, no
// database. It answers the same requests as the app so the load generator is identical:
//   POST /join            form code=…&displayName=… → 303, Set-Cookie olv_participant=<token>
//   GET  /live/events[?since=v]   text/event-stream, `id: v\nevent: change\ndata: <message>\n\n`
//                         with the app's phone message: {"v","prev","topics","patch":{…}}
//   POST /live/dots, POST /live?/dot   form stepId, postitId, clientId → the action-shaped JSON
//                         {"type":"success","status":200,"data":"<devalue {message, facts}>"}
//                         (plus "seq": the vote's place in the order the floor counted them) or a
//                         409 failure
//   GET  /live/__data.json   the phone page's data, SvelteKit-shaped (devalue), for loads
//   GET  /healthz, /healthz/live[?reset]   the app's metrics: publish → written to the last connection
// Votes: an in-memory counter per participant with the same budget rule (5 dots, a repeated
// clientId is idempotent) and per post-it. Fan-out: changes published in one event-loop turn go
// out as one message per connection, flushed on setImmediate, carrying what the app's phones get:
// the vote's whole tally (`patch.totals`, every post-it's count) and the number of people; each
// message is encoded once for all connections. Like the app it keeps its last 500 messages, so a
// stream opened with ?since=<v> replays what came after v (an unknown v gets a snapshot message).
// Same 25 s heartbeat timer per connection.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { stringify } from 'devalue';

const BUDGET = Number(process.env.DOTS ?? 5);
// The vote and its post-its, named by the load generator (UUIDs like the app's, so a message is as
// long as the app's).
const STEP_ID = process.env.STEP_ID ?? randomUUID();
const POSTIT_IDS = process.env.POSTIT_IDS
	? process.env.POSTIT_IDS.split(',')
	: Array.from({ length: 20 }, () => randomUUID());
const KEEP = 500;
const participants = new Map(); // token → { spent, clientIds:Set, dots: [{ id, postitId }] }
const counts = Object.fromEntries(POSTIT_IDS.map((id) => [id, 0]));
let accepted = 0;

const room = {
	seq: 0,
	listeners: new Set(),
	pending: new Set(),
	pendingSince: [],
	scheduled: false,
	/** The last KEEP messages: { v, prev, text }. */
	events: []
};
const samples = [];

const sse = (v, message) => `id: ${v}\nevent: change\ndata: ${JSON.stringify(message)}\n\n`;

function flush() {
	room.scheduled = false;
	if (room.pending.size === 0) return;
	const prev = room.seq;
	const v = ++room.seq;
	const topics = [...room.pending];
	const patch = {};
	if (room.pending.has('dots')) patch.totals = { stepId: STEP_ID, counts };
	if (room.pending.has('participants')) patch.participants = participants.size;
	const text = sse(v, { v, prev, topics, patch });
	room.events.push({ v, prev, text });
	if (room.events.length > KEEP) room.events.splice(0, room.events.length - KEEP);
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

/** The person's own dots, as the app's answer to a tap carries them (`DotFacts`). */
function facts(p) {
	const items = {};
	for (const d of p.dots) {
		const item = (items[d.postitId] ??= { mine: 0, lastDotId: d.id });
		item.mine++;
		item.lastDotId = d.id;
	}
	return { kind: 'dots', stepId: STEP_ID, spent: p.spent, items };
}

const success = (p, extra = {}) => ({
	type: 'success',
	status: 200,
	data: stringify({ message: 'Dot saved', facts: facts(p) }),
	...extra
});

async function dot(req, res) {
	const p = participants.get(token(req));
	const form = await readForm(req);
	if (!p) return json(res, 200, { type: 'redirect', status: 303, location: '/join' });
	const clientId = form.get('clientId') ?? '';
	const postitId = form.get('postitId') ?? '';
	if (clientId.length < 8 || !postitId || form.get('stepId') !== STEP_ID) {
		return json(res, 200, { type: 'failure', status: 400, data: '[{"errors":1}]' });
	}
	if (p.clientIds.has(clientId)) return json(res, 200, success(p));
	if (p.spent >= BUDGET) {
		return json(res, 200, { type: 'failure', status: 409, data: '[{"errors":1}]' });
	}
	p.spent++;
	p.clientIds.add(clientId);
	p.dots.push({ id: randomUUID(), postitId });
	counts[postitId] = (counts[postitId] ?? 0) + 1;
	const seq = ++accepted;
	publish('dots');
	return json(res, 200, success(p, { seq }));
}

/** The phone page's data as SvelteKit's `__data.json` carries it: the layout's and the page's. */
function pageData(res, p) {
	const page = {
		session: { timerEndsAt: null },
		step: { id: STEP_ID, kind: 'dot_vote', state: 'open' },
		vote: {
			budget: BUDGET,
			spent: p.spent,
			items: POSTIT_IDS.map((id) => ({ id, text: id, mine: 0, lastDotId: null, total: counts[id] }))
		},
		liveVersion: room.seq,
		spreadMs: Math.min(10_000, Math.max(800, room.listeners.size * 3))
	};
	const body = `{"type":"data","nodes":[{"type":"data","data":${stringify({})}},{"type":"data","data":${stringify(page)}}]}`;
	res.writeHead(200, {
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
		participants.set(t, { spent: 0, clientIds: new Set(), dots: [] });
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
		res.write('retry: 1000\n\n');
		const since = Number(req.headers['last-event-id'] || url.searchParams.get('since'));
		if (since > 0 && since !== room.seq) {
			const from = room.events.findIndex((e) => e.prev === since);
			if (from < 0) {
				res.write(sse(room.seq, { v: room.seq, prev: room.seq, topics: ['step'], snapshot: true }));
			} else for (const e of room.events.slice(from)) res.write(e.text);
		}
		room.listeners.add(res);
		const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
		res.on('close', () => {
			clearInterval(heartbeat);
			room.listeners.delete(res);
		});
		return;
	}
	if (
		req.method === 'POST' &&
		(url.pathname === '/live/dots' || (url.pathname === '/live' && url.search === '?/dot'))
	) {
		return dot(req, res);
	}
	if (req.method === 'GET' && url.pathname === '/live/__data.json') {
		const p = participants.get(token(req));
		if (!p) return json(res, 200, { type: 'redirect', location: '/join' });
		return pageData(res, p);
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
