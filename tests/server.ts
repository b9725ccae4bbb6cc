import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** The built server (`vite build` first) as a real process, for tests that talk HTTP to it. */
export const ROOT = path.resolve(import.meta.dirname, '..');

export interface Server {
	port: number;
	proc: ChildProcess;
	log: string[];
}

export async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}

/** Starts `scripts/serve.js` with `env` on a free port and waits until /healthz answers 200. */
export async function startServer(env: (port: number) => Record<string, string>): Promise<Server> {
	const port = await freePort();
	const log: string[] = [];
	const proc = spawn(process.execPath, ['scripts/serve.js'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	proc.stdout!.on('data', (d) => log.push(String(d)));
	proc.stderr!.on('data', (d) => log.push(String(d)));
	for (let i = 0; i < 300; i++) {
		if (await healthy(port)) return { port, proc, log };
		if (proc.exitCode !== null) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server on ${port} did not start: ${log.join('')}`);
}

function healthy(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const req = http.get({ host: '127.0.0.1', port, path: '/healthz' }, (res) => {
			res.resume();
			resolve(res.statusCode === 200);
		});
		req.on('error', () => resolve(false));
	});
}

/** The databases a server test runs on: SQLite, and PostgreSQL when TEST_PG_URL names a cluster. */
export const SERVER_DATABASES: ('sqlite' | 'postgres')[] = process.env.TEST_PG_URL
	? ['sqlite', 'postgres']
	: ['sqlite'];

/**
 * A database for one server: SQLite in memory, or a fresh PostgreSQL database on TEST_PG_URL's
 * cluster, dropped by `drop`.
 */
export async function serverDatabase(
	kind: 'sqlite' | 'postgres'
): Promise<{ url: string; drop: () => Promise<void> }> {
	const admin = process.env.TEST_PG_URL;
	if (kind === 'sqlite' || !admin) return { url: ':memory:', drop: async () => {} };
	const name = `olv_http_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
	const run = async (q: string) => {
		const c = new pg.Client({ connectionString: admin });
		await c.connect();
		await c.query(q);
		await c.end();
	};
	await run(`create database ${name}`);
	const url = new URL(admin);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
