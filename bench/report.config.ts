import { defineConfig } from 'vitest/config';

// `npm run bench:report`: the report and search benchmark runs through the real services on a
// real database (TEST_DB=sqlite, or postgres with TEST_PG_URL), inside Vitest only because that
// is what runs our TypeScript services; it asserts nothing about time and prints its figures.
export default defineConfig({
	test: {
		include: ['bench/report-bench.ts'],
		environment: 'node',
		testTimeout: 3_600_000,
		hookTimeout: 600_000
	}
});
