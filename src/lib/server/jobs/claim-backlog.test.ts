import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_DB } from '../testing/db.ts';
import type { Db } from '../db/index.ts';
import { claimJobs, completeJob } from './queue.repository.ts';

/**
 * A claim takes the oldest due jobs without sorting all of them: with everyone's reminders due
 * at 09:00 the backlog is 100,000 jobs, and a claim that looks at every one of them for ten
 * made sending quadratic (the reminders bench, bench/reminders.mjs, found it).
 */
describe(`claiming from a backlog [${TEST_DB}]`, () => {
	let database: Db;
	let drop: () => Promise<void>;
	beforeAll(async () => {
		({ database, drop } = await freshDatabase());
	});
	afterAll(() => drop());

	const at = new Date('2031-03-10T09:00:00.000Z');
	let n = 0;
	async function addDueJobs(count: number) {
		for (let i = 0; i < count; i += 500) {
			const rows = Array.from({ length: Math.min(500, count - i) }, () => {
				n++;
				return {
					id: crypto.randomUUID(),
					kind: 'count',
					key: `count:${n}`,
					coalesceKey: null,
					networkId: null,
					payload: '{}',
					// Spread over the morning, all due by 09:00.
					runAt: new Date(at.getTime() - 1 - (n % 36_000) * 1000).toISOString(),
					state: 'queued' as const,
					createdAt: at.toISOString()
				};
			});
			await database.db.insertInto('job').values(rows).execute();
		}
	}
	/** Median milliseconds of a claim of ten (each claimed batch is then marked done). */
	async function claimMs() {
		const times: number[] = [];
		for (let i = 0; i < 7; i++) {
			const t = performance.now();
			const jobs = await claimJobs(database.db, at, 60_000, 10);
			times.push(performance.now() - t);
			expect(jobs).toHaveLength(10);
			for (const j of jobs) await completeJob(database.db, j, at, null);
		}
		return times.sort((a, b) => a - b)[3]!;
	}

	it('takes the oldest due jobs first, and as fast from 30,000 waiting as from 300', async () => {
		await addDueJobs(300);
		await claimMs();
		const small = await claimMs();
		await addDueJobs(30_000);
		const oldest = await database.db
			.selectFrom('job')
			.select('runAt')
			.where('state', '=', 'queued')
			.orderBy('runAt')
			.limit(10)
			.execute();
		const first = await claimJobs(database.db, at, 60_000, 10);
		expect(first.map((j) => j.runAt).sort()).toEqual(oldest.map((j) => j.runAt));
		const large = await claimMs();
		// Sorting every due job made this 10–100 times slower; walking the index keeps it level.
		expect(large).toBeLessThan(Math.max(small * 4, 4));
	}, 60_000);
});
