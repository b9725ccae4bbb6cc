import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from './server.ts';

/**
 * Two Olievlek instances on one PostgreSQL, no sticky sessions: what happens on one reaches the
 * phones connected to the other, and a phone whose instance stops reconnects to the other with
 * Last-Event-ID and misses nothing. Runs the built server (`vite build` first) as real processes.
 */
const PG_URL = process.env.TEST_PG_URL;

type Instance = Server;

const start = (databaseUrl: string, extra: Record<string, string> = {}): Promise<Instance> =>
	startServer((port) => ({
		PUBLIC_URL: `http://localhost:${port}`,
		DATABASE_URL: databaseUrl,
		RATE_LIMIT: '0',
		...extra
	}));

function request(
	port: number,
	method: string,
	pathname: string,
	opts: { cookie?: string; form?: Record<string, string>; json?: boolean } = {}
): Promise<{ status: number; body: string; cookies: string[] }> {
	const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: pathname,
				headers: {
					origin: `http://localhost:${port}`,
					...(opts.cookie ? { cookie: opts.cookie } : {}),
					...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
					...(opts.json ? { accept: 'application/json', 'x-sveltekit-action': 'true' } : {})
				}
			},
			(res) => {
				let text = '';
				res.on('data', (c) => (text += c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						body: text,
						cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!)
					})
				);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** A live stream as a phone's browser holds it: events with ids and topics. */
class Stream {
	events: { id: number; topics: string[] }[] = [];
	private req: http.ClientRequest;
	closed = false;
	constructor(port: number, cookie: string, lastEventId?: number) {
		this.req = http.get(
			{
				host: '127.0.0.1',
				port,
				path: '/live/events',
				headers: {
					cookie,
					accept: 'text/event-stream',
					...(lastEventId ? { 'last-event-id': String(lastEventId) } : {})
				}
			},
			(res) => {
				let buffer = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					buffer += chunk;
					let end;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const block = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						const id = /^id: (\d+)$/m.exec(block)?.[1];
						const data = /^data: (.*)$/m.exec(block)?.[1];
						if (id && data)
							this.events.push({ id: Number(id), topics: JSON.parse(data).topics as string[] });
					}
				});
				res.on('close', () => (this.closed = true));
			}
		);
		this.req.on('error', () => (this.closed = true));
	}
	get lastId() {
		return this.events.at(-1)?.id ?? 0;
	}
	async waitFor(topic: string, after = 0, ms = 8000) {
		const until = Date.now() + ms;
		while (Date.now() < until) {
			const e = this.events.find((x) => x.id > after && x.topics.includes(topic));
			if (e) return e;
			await new Promise((r) => setTimeout(r, 25));
		}
		throw new Error(`no '${topic}' event after ${after}; got ${JSON.stringify(this.events)}`);
	}
	close() {
		this.req.destroy();
	}
}

describe.skipIf(!PG_URL)('two instances on PostgreSQL', () => {
	const dbName = `olv_cluster_${Date.now().toString(36)}`;
	let admin: pg.Client;
	let db: pg.Client;
	let a: Instance;
	let b: Instance;
	const streams: Stream[] = [];
	const live = {
		networkId: '',
		sessionId: crypto.randomUUID(),
		roundId: crypto.randomUUID(),
		voteId: crypto.randomUUID(),
		code: 'TWNST2'
	};

	beforeAll(async () => {
		admin = new pg.Client({ connectionString: PG_URL });
		await admin.connect();
		await admin.query(`create database ${dbName}`);
		const url = new URL(PG_URL!);
		url.pathname = `/${dbName}`;
		a = await start(url.toString(), { SEED_DEMO: '1' });
		b = await start(url.toString());
		db = new pg.Client({ connectionString: url.toString() });
		await db.connect();
		const network = (await db.query('select id, created_by from network limit 1')).rows[0];
		live.networkId = network.id;
		const now = new Date().toISOString();
		await db.query(
			`insert into network_session (id, network_id, title, place, theme, objectives, status,
			  created_by, created_at, updated_at, join_code, current_step_id)
			 values ($1, $2, 'Twee instanties', '', '', '', 'live', $3, $4, $4, $5, $6)`,
			[live.sessionId, network.id, network.created_by, now, live.code, live.roundId]
		);
		const step = `insert into agenda_step (id, session_id, position, kind, title, prompt, questions,
			  state, source_step_id, dots) values ($1, $2, $3, $4, $5, '', '', $6, $7, $8)`;
		await db.query(step, [
			live.roundId,
			live.sessionId,
			1,
			'postit_round',
			'Ideeën',
			'open',
			null,
			null
		]);
		await db.query(step, [
			live.voteId,
			live.sessionId,
			2,
			'dot_vote',
			'Stemmen',
			'pending',
			live.roundId,
			5
		]);
	});

	afterAll(async () => {
		for (const s of streams) s.close();
		for (const i of [a, b]) i?.proc.kill('SIGKILL');
		await db?.end();
		if (admin) {
			await new Promise((r) => setTimeout(r, 300));
			await admin.query(`drop database if exists ${dbName} with (force)`);
			await admin.end();
		}
	});

	async function join(i: Instance, name: string) {
		const res = await request(i.port, 'POST', '/join', {
			json: true,
			form: { code: live.code, displayName: name }
		});
		expect(res.body).toContain('"type":"redirect"');
		return res.cookies.find((c) => c.startsWith('olv_participant='))!;
	}

	it('carries post-its, step changes and dots across instances, and a reconnect misses nothing', async () => {
		// The facilitator signs in on A; two phones join, one on each instance, and each listens
		// on the other instance.
		const signIn = await request(a.port, 'POST', '/sign-in?/password', {
			json: true,
			form: { email: 'facilitator@olievlek.test', password: 'olievlek-demo-2026' }
		});
		expect(signIn.body).toContain('"type":"redirect"');
		const facilitator = signIn.cookies.join('; ');
		const p = await join(a, 'Priya');
		const q = await join(b, 'Quinten');
		const pOnB = new Stream(b.port, p);
		const qOnA = new Stream(a.port, q);
		streams.push(pOnB, qOnA);
		await new Promise((r) => setTimeout(r, 300));

		// A post-it written on A reaches the phone listening on B.
		const posted = await request(a.port, 'POST', '/live?/post', {
			cookie: p,
			json: true,
			form: { stepId: live.roundId, clientId: crypto.randomUUID(), text: 'Samen koken' }
		});
		expect(posted.body).toContain('"type":"success"');
		await pOnB.waitFor('postits');
		const postitId = (await db.query('select id from postit where step_id = $1', [live.roundId]))
			.rows[0].id as string;

		// The facilitator on A closes the round, shows and opens the vote: both phones hear it.
		const consoleUrl = `/networks/${live.networkId}/sessions/${live.sessionId}/live`;
		for (const [action, form] of [
			['state', { stepId: live.roundId, title: 'Ideeën', state: 'closed' }],
			['current', { stepId: live.voteId, title: 'Stemmen' }],
			['state', { stepId: live.voteId, title: 'Stemmen', state: 'open' }]
		] as const) {
			const res = await request(a.port, 'POST', `${consoleUrl}?/${action}`, {
				cookie: facilitator,
				json: true,
				form
			});
			expect(res.body).toContain('"type":"success"');
		}
		await pOnB.waitFor('step');
		await qOnA.waitFor('step');

		// A dot cast on B reaches the phone listening on A.
		const beforeDot = qOnA.lastId;
		const dot = await request(b.port, 'POST', '/live?/dot', {
			cookie: p,
			json: true,
			form: { stepId: live.voteId, postitId, clientId: crypto.randomUUID() }
		});
		expect(dot.body).toContain('"type":"success"');
		await qOnA.waitFor('dots', beforeDot);
		await pOnB.waitFor('dots');

		// B stops. While P's phone is cut off, Q votes on A. P's browser reconnects, reaches A,
		// and gets what it missed from its Last-Event-ID.
		const lastSeen = pOnB.lastId;
		b.proc.kill('SIGKILL');
		await new Promise((r) => b.proc.once('exit', r));
		const missed = await request(a.port, 'POST', '/live?/dot', {
			cookie: q,
			json: true,
			form: { stepId: live.voteId, postitId, clientId: crypto.randomUUID() }
		});
		expect(missed.body).toContain('"type":"success"');
		await qOnA.waitFor('dots', beforeDot + 1);
		const pOnA = new Stream(a.port, p, lastSeen);
		streams.push(pOnA);
		const replayed = await pOnA.waitFor('dots', lastSeen);
		expect(replayed.id).toBeGreaterThan(lastSeen);
		expect(pOnA.events.every((e) => e.id > lastSeen)).toBe(true);
		const dots = await db.query('select count(*)::int as n from dot where step_id = $1', [
			live.voteId
		]);
		expect(dots.rows[0].n).toBe(2);
	});
});
