import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_DATABASES, serverDatabase, startServer, type Server } from './server.ts';

/**
 * A control character in an id of the path names nothing: a 404, on SQLite and on PostgreSQL
 * (which refuses a NUL in any query, so a route that passed it on answered 500). Public pages,
 * pages behind sign-in and form posts. Runs the built server (`vite build` first).
 */
function get(port: number, method: string, pathname: string, body?: string) {
	return new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: pathname,
				headers: {
					origin: `http://127.0.0.1:${port}`,
					...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
				}
			},
			(res) => {
				let text = '';
				res.on('data', (c) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

describe.each(SERVER_DATABASES)('ids with control characters in the path [%s]', (kind) => {
	let server: Server;
	let drop: () => Promise<void>;

	beforeAll(async () => {
		const db = await serverDatabase(kind);
		drop = db.drop;
		server = await startServer((port) => ({
			PUBLIC_URL: `http://127.0.0.1:${port}`,
			DATABASE_URL: db.url,
			SEED_DEMO: '0',
			RATE_LIMIT: '0'
		}));
	});
	afterAll(async () => {
		server?.proc.kill();
		await new Promise((r) => setTimeout(r, 200));
		await drop?.();
	});

	it.each([
		['GET', '/invitations/%00abc'],
		['GET', '/invitations/abc%01'],
		['POST', '/invitations/%00abc?/accept'],
		['GET', '/networks/%00/sessions'],
		['GET', '/networks/n1/sessions/%00x/report'],
		['POST', '/networks/%00/members?/leave'],
		['GET', '/outbox/%00']
	])('%s %s is a 404, not a 500', async (method, pathname) => {
		const r = await get(server.port, method, pathname, method === 'POST' ? 'x=1' : undefined);
		expect(r.status, r.body.slice(0, 200)).toBe(404);
		expect(server.log.join('')).not.toMatch(/0x00|invalid byte sequence/);
	});
});
