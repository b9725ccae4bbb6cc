import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The short version of bench/crash: 10 cycles of kill -9 under post-it and vote load, with
 * clients that retry with their client ids, while a coordinator invites people (each invitation
 * commits a mail job). Any acknowledged input lost, anything stored twice, any dot budget
 * exceeded, or any committed mail job not delivered exactly once fails the suite. (The time
 * figures are printed, not asserted: these machines are shared and noisy.)
 */
const ROOT = path.resolve(import.meta.dirname, '..');

function crash(db: 'sqlite' | 'postgres'): Promise<{ code: number | null; out: string }> {
	return new Promise((resolve) => {
		const args = ['bench/crash.mjs', '--quick', `--db=${db}`];
		if (db === 'postgres') args.push(`--pg-url=${process.env.TEST_PG_URL}`);
		const proc = spawn(process.execPath, args, {
			cwd: ROOT,
			env: { ...process.env, BENCH_RESULTS_DIR: path.join(os.tmpdir(), 'olievlek-crash-results') },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		proc.stdout.on('data', (d) => (out += d));
		proc.stderr.on('data', (d) => (out += d));
		proc.on('exit', (code) => resolve({ code, out }));
	});
}

describe('kill -9 under load (bench/crash --quick)', () => {
	for (const db of ['sqlite', 'postgres'] as const) {
		it.skipIf(db === 'postgres' && !process.env.TEST_PG_URL)(
			`${db}: 10 crashes, nothing acknowledged is lost, nothing doubled, no budget exceeded, every mail job delivered once`,
			async () => {
				const { code, out } = await crash(db);
				process.stdout.write(out.split('\n').slice(-4).join('\n') + '\n');
				const summary = new RegExp(
					`${db}: 10 cycles, (\\d+) acknowledged, 0 lost, 0 duplicated, 0 over budget`
				).exec(out);
				expect(summary, out).not.toBeNull();
				expect(Number(summary![1])).toBeGreaterThan(100);
				const mail = /(\d+) mail jobs committed, 0 lost, 0 sent twice/.exec(out);
				expect(mail, out).not.toBeNull();
				expect(Number(mail![1])).toBeGreaterThan(5);
				expect(code, out).toBe(0);
			},
			300_000
		);
	}
});
