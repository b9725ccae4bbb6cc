import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// E2E_PORT lets two runs on one machine use their own pair of ports.
const port = Number(process.env.E2E_PORT || 4173);
// Kept in the environment, so the test workers (which load this file again) find the same files.
const dataDir = (process.env.E2E_DATA_DIR ??= path.join(
	os.tmpdir(),
	`olievlek-e2e-${process.pid}`
));

// The fake clock of the third server (see src/lib/server/clock.ts): it starts at the real time;
// the journey that lets three months pass rewrites it.
export const fakeClockFile = path.join(dataDir, 'clock.json');
if (!fs.existsSync(fakeClockFile)) {
	fs.mkdirSync(dataDir, { recursive: true });
	fs.writeFileSync(
		fakeClockFile,
		JSON.stringify({ origin: Date.now(), at: new Date().toISOString(), speed: 1 })
	);
}

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
	webServer: [
		server(port, { RATE_LIMIT: '0' }),
		// A second instance with the rate limits on, for the security journey.
		server(port + 1, { RATE_LIMIT: '1' }),
		// A third on a fake clock, for the journey in which months pass (e2e/months-later.spec.ts).
		server(port + 2, { RATE_LIMIT: '0', FAKE_CLOCK_FILE: fakeClockFile })
	]
});

function server(p: number, extra: Record<string, string>) {
	return {
		command: 'node scripts/serve.js',
		url: `http://127.0.0.1:${p}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(p),
			HOST: '127.0.0.1',
			PUBLIC_URL: `http://127.0.0.1:${p}`,
			DATABASE_URL: path.join(dataDir, `e2e-${p}.db`),
			SEED_DEMO: '0',
			LOG_LEVEL: 'warn',
			...extra
		}
	};
}
