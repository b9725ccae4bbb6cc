import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config.ts';

/**
 * The time the app goes by: the machine's, or a fake one read from a file (FAKE_CLOCK_FILE) so
 * that a browser journey or a bench can let a simulated month pass in minutes. The file holds
 * `{"origin": <real epoch ms>, "at": "<ISO instant>", "speed": <number>}`: at real time
 * `origin` the app's clock shows `at`, and it runs `speed` times as fast from there. Every
 * server reading the same file shows the same time, and a restarted one carries on with it.
 */
export interface Clock {
	now(): Date;
	/** Real milliseconds that `ms` of this clock's time take (a wait measured in its time). */
	realMs(ms: number): number;
	readonly isFake: boolean;
}

export const fakeClockSetting = z.object({
	origin: z.number().finite().nonnegative(),
	at: z.iso.datetime({
		offset: true,
		error: 'must be an ISO instant such as 2031-03-03T06:00:00Z'
	}),
	speed: z.number().positive().max(1_000_000)
});
export type FakeClockSetting = z.infer<typeof fakeClockSetting>;

export const realClock: Clock = {
	now: () => new Date(),
	realMs: (ms) => ms,
	isFake: false
};

/** How often, at most, the file is looked at again (one `stat`, re-read only when it changed). */
export const CHECK_EVERY_MS = 200;

function readSetting(file: string): FakeClockSetting {
	let raw: unknown;
	try {
		raw = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		throw new ConfigError(
			`Configuration error: FAKE_CLOCK_FILE ${file} cannot be read as JSON (${(e as Error).message})`
		);
	}
	const result = fakeClockSetting.safeParse(raw);
	if (!result.success) {
		const issue = result.error.issues[0]!;
		throw new ConfigError(
			`Configuration error: FAKE_CLOCK_FILE ${file}: ${issue.path.join('.') || 'the file'} ${issue.message}`
		);
	}
	return result.data;
}

/** What the clock of `setting` shows at real time `realNow`. */
export const fakeTime = (s: FakeClockSetting, realNow: number) =>
	new Date(Date.parse(s.at) + (realNow - s.origin) * s.speed);

/**
 * A clock driven by `file`. A file that is missing or broken at start is a ConfigError; one
 * broken later (half written) keeps the last good setting until it is whole again.
 */
export function fileClock(
	file: string,
	opts: { realNow?: () => number; onBroken?: (message: string) => void } = {}
): Clock & { setting(): FakeClockSetting } {
	const realNow = opts.realNow ?? Date.now;
	let setting = readSetting(file);
	let stamp = fs.statSync(file);
	let checkedAt = realNow();
	const refresh = () => {
		const t = realNow();
		if (t - checkedAt < CHECK_EVERY_MS) return;
		checkedAt = t;
		try {
			const st = fs.statSync(file);
			if (st.mtimeMs === stamp.mtimeMs && st.size === stamp.size && st.ino === stamp.ino) return;
			setting = readSetting(file);
			stamp = st;
		} catch (e) {
			opts.onBroken?.((e as Error).message);
		}
	};
	return {
		isFake: true,
		now() {
			refresh();
			return fakeTime(setting, realNow());
		},
		realMs(ms) {
			refresh();
			return ms / setting.speed;
		},
		setting: () => setting
	};
}

let current: Clock = realClock;

/** The process's clock: what `ctx().now`, job queueing and the worker's waits go by. */
export const clock = (): Clock => current;

/** Installs the process's clock (at start-up; tests put the real one back). */
export function useClock(c: Clock) {
	current = c;
}
