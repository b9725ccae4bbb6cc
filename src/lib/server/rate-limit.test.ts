import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, TEST_DB, type TestWorld } from './testing/db.ts';
import { DomainError } from './errors.ts';
import { createRateLimits } from './rate-limit.ts';

describe('rate limits', () => {
	it('lets a participant tap quickly but stops a flood, per participant', async () => {
		const limits = createRateLimits(true);
		for (let i = 0; i < 30; i++) await limits.consume('participate', 'p1');
		const refused = await limits.consume('participate', 'p1').catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect((refused as DomainError).status).toBe(429);
		expect((refused as DomainError & { retryAfter: number }).retryAfter).toBeGreaterThan(0);
		// Someone else in the room is not affected.
		await expect(limits.consume('participate', 'p2')).resolves.toBeUndefined();
	});

	it('tells the app the seconds to wait on each refusal, for the Retry-After header', async () => {
		const told: number[] = [];
		const limits = createRateLimits(true, (seconds) => told.push(seconds));
		for (let i = 0; i < 5; i++) await limits.consume('signUp', 'addr');
		expect(told).toEqual([]);
		await limits.consume('signUp', 'addr').catch(() => {});
		expect(told).toHaveLength(1);
		expect(told[0]).toBeGreaterThan(500);
		expect(told[0]).toBeLessThanOrEqual(600);
	});

	it('does nothing when switched off', async () => {
		const limits = createRateLimits(false);
		for (let i = 0; i < 100; i++) await limits.consume('participate', 'p1');
		await expect(limits.consume('participate', 'p1')).resolves.toBeUndefined();
	});
});

describe(`rate limits across instances [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	it('two instances on one PostgreSQL give the sign-in limit once, not twice', async (t) => {
		if (!w.database.pgPool) t.skip(); // SQLite runs one instance, limits in memory.
		const a = createRateLimits(true, () => {}, w.database.pgPool);
		const b = createRateLimits(true, () => {}, w.database.pgPool);
		const key = `addr-${crypto.randomUUID()}`;
		for (let i = 0; i < 5; i++) await a.consume('signIn', key);
		for (let i = 0; i < 5; i++) await b.consume('signIn', key);
		// The eleventh try is refused by either instance.
		await expect(a.consume('signIn', key)).rejects.toBeInstanceOf(DomainError);
		await expect(b.consume('signIn', key)).rejects.toBeInstanceOf(DomainError);
		// In memory each instance would have let ten more through.
		const memoryA = createRateLimits(true);
		const memoryB = createRateLimits(true);
		for (let i = 0; i < 10; i++) await memoryA.consume('signIn', key);
		await expect(memoryB.consume('signIn', key)).resolves.toBeUndefined();
	});
});
