import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_DB } from '../testing/db.ts';
import type { Db } from '../db/index.ts';
import { claimJobs, completeJob, dueJobs } from './queue.repository.ts';

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
	it('takes the oldest due jobs first, walking the (state, run_at) index instead of sorting every due job', async () => {
		await addDueJobs(3_000);
		const oldest = await database.db
			.selectFrom('job')
			.select('runAt')
			.where('state', '=', 'queued')
			.orderBy('runAt')
			.limit(10)
			.execute();
		const first = await claimJobs(database.db, at, 60_000, 10);
		expect(first.map((j) => j.runAt).sort()).toEqual(oldest.map((j) => j.runAt));
		for (const j of first) await completeJob(database.db, j, at, null);
		const next = await claimJobs(database.db, at, 60_000, 10);
		expect(next.every((j) => j.runAt >= first.at(-1)!.runAt)).toBe(true);
		// The query plan, not a stopwatch: on SQLite the waiting jobs are found along the index,
		// in its order (no temporary sort of all of them). PostgreSQL plans by its statistics.
		if (TEST_DB !== 'sqlite') return;
		const q = dueJobs(database.db, at.toISOString(), 10).compile();
		const plan = (
			database
				.sqlite!.prepare(`explain query plan ${q.sql}`)
				.all(...(q.parameters as unknown[])) as { detail: string }[]
		).map((r) => r.detail);
		expect(plan).toContain('SEARCH job USING INDEX job_due_idx (state=? AND run_at<?)');
		expect(plan.filter((d) => /^SCAN job\b/.test(d))).toEqual([]);
	}, 60_000);
});
