import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

const port = 4173;
const dataDir = path.join(os.tmpdir(), `olievlek-e2e-${process.pid}`);

export default defineConfig({
	testDir: 'e2e',
	timeout: 90_000,
	expect: { timeout: 10_000 },
	workers: 2,
	retries: 0,
	reporter: 'list',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		browserName: 'chromium',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: 'node scripts/serve.js',
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			PUBLIC_URL: `http://127.0.0.1:${port}`,
			DATABASE_URL: path.join(dataDir, 'e2e.db'),
			SEED_DEMO: '0',
			RATE_LIMIT: '0',
			LOG_LEVEL: 'warn'
		}
	}
});
