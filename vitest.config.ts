import { defineConfig } from 'vitest/config';

// Service and repository tests run without the SvelteKit plugin; `#lib` resolves through
// package.json "imports". TEST_DB picks the database (sqlite or postgres).
export default defineConfig({
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000,
		hookTimeout: 30_000,
		fileParallelism: process.env.TEST_DB !== 'postgres' ? true : false
	}
});
