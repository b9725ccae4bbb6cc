import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, clock, fileClock, realClock, useClock } from './clock.ts';
import { ConfigError, parseConfig } from './config.ts';
import { enqueue } from './jobs/index.ts';
import { listJobs } from './jobs/queue.repository.ts';
import { freshDatabase } from './testing/db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'olv-clock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes the setting the way the bench does: a new file renamed over the old one. */
function writeClock(file: string, setting: unknown) {
	const tmp = `${file}.${++n}.tmp`;
	fs.writeFileSync(tmp, typeof setting === 'string' ? setting : JSON.stringify(setting));
	fs.renameSync(tmp, file);
}

/** A real clock the test moves by hand. */
function handClock(start = 1_800_000_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the fake clock (FAKE_CLOCK_FILE)', () => {
	it('shows `at` at `origin` and runs `speed` times as fast as the real clock', () => {
		const real = handClock();
		const file = path.join(dir, 'speed.json');
		writeClock(file, { origin: real.now(), at: '2031-03-03T06:00:00.000Z', speed: 3600 });
		const c = fileClock(file, { realNow: real.now });
		expect(c.isFake).toBe(true);
		expect(c.now().toISOString()).toBe('2031-03-03T06:00:00.000Z');
		real.advance(1000); // one real second is an hour
		expect(c.now().toISOString()).toBe('2031-03-03T07:00:00.000Z');
		real.advance(3 * 1000);
		expect(c.now().toISOString()).toBe('2031-03-03T10:00:00.000Z');
		// A wait of an hour of its time is a real second.
		expect(c.realMs(3_600_000)).toBe(1000);
	});

	it('moves when the file changes, looking at it at most every 200 ms', () => {
		const real = handClock();
		const file = path.join(dir, 'moves.json');
		writeClock(file, { origin: real.now(), at: '2031-03-03T06:00:00.000Z', speed: 1 });
		const c = fileClock(file, { realNow: real.now });
		expect(c.now().toISOString()).toBe('2031-03-03T06:00:00.000Z');
		// A journey jumps the clock a week ahead and runs it at 60×.
		writeClock(file, { origin: real.now(), at: '2031-03-10T09:00:00.000Z', speed: 60 });
		real.advance(CHECK_EVERY_MS - 1);
		// Not looked at yet: still the old setting, 199 ms later.
		expect(c.now().toISOString()).toBe('2031-03-03T06:00:00.199Z');
		real.advance(1);
		expect(c.now().toISOString()).toBe('2031-03-10T09:00:12.000Z');
		real.advance(1000);
		expect(c.now().toISOString()).toBe('2031-03-10T09:01:12.000Z');
	});

	it('a restarted server continues the same simulated time', () => {
		const real = handClock();
		const file = path.join(dir, 'restart.json');
		writeClock(file, { origin: real.now(), at: '2031-03-03T00:00:00.000Z', speed: 86_400 });
		const first = fileClock(file, { realNow: real.now });
		real.advance(2500);
		const before = first.now().getTime();
		// Killed here; the new process starts 400 real ms later and reads the same file.
		real.advance(400);
		const second = fileClock(file, { realNow: real.now });
		expect(second.now().getTime() - before).toBe(400 * 86_400);
		expect(second.now().toISOString()).toBe(first.now().toISOString());
		expect(second.now().toISOString()).toBe('2031-03-05T21:36:00.000Z');
	});

	it('a broken file is a clear start-up error; broken later, the last setting holds', () => {
		const file = path.join(dir, 'broken.json');
		for (const [content, words] of [
			['{"origin": 1, "at": "2031-03-03T06:00:00Z"', 'cannot be read as JSON'],
			[{ origin: 1, at: 'tomorrow', speed: 1 }, 'at must be an ISO instant'],
			[{ origin: 1, at: '2031-03-03T06:00:00Z', speed: 0 }, 'speed'],
			[{ at: '2031-03-03T06:00:00Z', speed: 1 }, 'origin']
		] as const) {
			writeClock(file, content);
			expect(() => fileClock(file)).toThrow(ConfigError);
			expect(() => fileClock(file)).toThrow(words);
		}
		expect(() => fileClock(path.join(dir, 'missing.json'))).toThrow(/FAKE_CLOCK_FILE .*missing/);

		const real = handClock();
		const broken: string[] = [];
		writeClock(file, { origin: real.now(), at: '2031-03-03T06:00:00.000Z', speed: 1 });
		const c = fileClock(file, { realNow: real.now, onBroken: (m) => broken.push(m) });
		writeClock(file, '{"origin": ');
		real.advance(CHECK_EVERY_MS);
		expect(c.now().toISOString()).toBe('2031-03-03T06:00:00.200Z');
		expect(broken).toHaveLength(1);
	});

	it('is off unless asked for, and never in production', () => {
		expect(parseConfig({}).FAKE_CLOCK_FILE).toBeUndefined();
		expect(clock()).toBe(realClock);
		expect(() =>
			parseConfig({
				NODE_ENV: 'production',
				AUTH_SECRET: 's'.repeat(40),
				SMTP_URL: 'smtp://x',
				FAKE_CLOCK_FILE: '/tmp/clock.json'
			})
		).toThrow(/FAKE_CLOCK_FILE must not be set/);
	});

	it('jobs queued without a time are due by the fake clock', async () => {
		const real = handClock(Date.now());
		const file = path.join(dir, 'jobs.json');
		writeClock(file, { origin: real.now(), at: '2031-03-03T06:00:00.000Z', speed: 1 });
		const { database, drop } = await freshDatabase();
		useClock(fileClock(file, { realNow: real.now }));
		try {
			await enqueue(database.db, { kind: 'mail', key: 'mail:fake-clock', payload: {} });
		} finally {
			useClock(realClock);
			const [job] = await listJobs(database.db, { kind: 'mail' });
			await drop();
			expect(job?.runAt).toBe('2031-03-03T06:00:00.000Z');
			expect(job?.createdAt).toBe('2031-03-03T06:00:00.000Z');
		}
	});
});
