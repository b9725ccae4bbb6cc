import { describe, expect, it } from 'vitest';
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
