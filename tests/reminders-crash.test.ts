import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The short version of bench/reminders: 5,000 reminders over a simulated month on SQLite, the
 * server killed with kill -9 three times while it sends them. Any due reminder not mailed, any
 * mailed twice, any cancellation the bench did not arrange, or any job the planner had to add
 * fails the suite. (Throughput and lateness are printed, not asserted.)
 */
const ROOT = path.resolve(import.meta.dirname, '..');

describe('reminders under kill -9 (bench/reminders --quick)', () => {
	it('sqlite: every due reminder is sent exactly once, every cancelled one not at all', async () => {
		const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve) => {
			const proc = spawn(process.execPath, ['bench/reminders.mjs', '--quick'], {
				cwd: ROOT,
				env: {
					...process.env,
					BENCH_RESULTS_DIR: path.join(os.tmpdir(), 'olievlek-reminder-results')
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let text = '';
			proc.stdout.on('data', (d) => (text += d));
			proc.stderr.on('data', (d) => (text += d));
			proc.on('exit', (c) => resolve({ code: c, out: text }));
		});
		process.stdout.write(out.split('\n').slice(-4).join('\n') + '\n');
		const summary =
			/sqlite: (\d+) reminders due, (\d+) sent, 0 lost, 0 sent twice, (\d+) cancelled as arranged, 3 kills;.*OK/.exec(
				out
			);
		expect(summary, out).not.toBeNull();
		expect(Number(summary![1])).toBeGreaterThan(4000);
		expect(Number(summary![2]) + Number(summary![3])).toBe(Number(summary![1]));
		expect(code, out).toBe(0);
	}, 600_000);
});
