import { defineConfig } from 'vitest/config';

// Tests that run the built server as several processes (after `vite build`), on PostgreSQL.
export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
