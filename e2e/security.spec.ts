import { expect, test } from '@playwright/test';
import fr from '../messages/fr.json' with { type: 'json' };
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, newPage, unique } from './helpers.ts';

// The instance started with RATE_LIMIT=1 (see playwright.config.ts).
const LIMITED = `http://127.0.0.1:${Number(process.env.E2E_PORT || 4173) + 1}`;

test('security headers and cookies', async ({ browser }) => {
	const page = await newPage(browser);
	const res = await page.goto('/sign-up');
	const headers = res!.headers();
	const csp = headers['content-security-policy'] ?? '';
	const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
	expect(scriptSrc).toContain("'self'");
	expect(scriptSrc).not.toContain('unsafe-inline');
	expect(csp).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Koekje');
	await page.getByLabel(nl.field_email).fill(unique('cookie'));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Koekje');
	const session = (await page.context().cookies()).find((c) => c.name.includes('session_token'));
	expect(session?.httpOnly).toBe(true);
	expect(session?.sameSite).toBe('Lax');
	// better-auth's JSON endpoints are closed from outside; only the links in its mails are open.
	for (const path of [
		'/api/auth/sign-in/email',
		'/api/auth/sign-up/email',
		'/api/auth/update-user'
	]) {
		const res = await page.request.post(path, { data: { email: 'a@b.org', password: 'x' } });
		expect(res.status(), path).toBe(404);
	}
	const link = await page.request.get('/api/auth/magic-link/verify?token=nonsense', {
		maxRedirects: 0
	});
	expect(link.status()).toBe(302);
	// A form post from another site is refused.
	const forged = await page.request.post('/sign-out', {
		headers: { origin: 'https://evil.example' },
		form: {}
	});
	expect(forged.status()).toBe(403);
	await page.context().close();
});

test('sign-in attempts are rate-limited per address with a readable message', async ({
	browser
}) => {
	const page = await newPage(browser);
	await page.goto(`${LIMITED}/sign-in`);
	const statuses: number[] = [];
	const waits: string[] = [];
	for (let i = 0; i < 12; i++) {
		const res = await page.request.post(`${LIMITED}/sign-in?/password`, {
			headers: { origin: LIMITED, accept: 'text/html' },
			form: { email: 'nobody@example.org', password: `guess ${i}`, next: '/' }
		});
		statuses.push(res.status());
		if (res.status() === 429) waits.push(res.headers()['retry-after'] ?? '');
	}
	// Each refusal says how long to wait (at most the limiter's minute).
	expect(waits.map(Number).every((s) => s > 0 && s <= 60)).toBe(true);
	expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
	expect(statuses.slice(10)).toEqual([429, 429]);
	// In the browser too: the 429 shows the message in the error summary.
	await page.goto(`${LIMITED}/sign-in`);
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_email).first().fill('nobody@example.org');
	await page.getByLabel(nl.field_password).fill('once more');
	await page.getByRole('button', { name: nl.sign_in_submit }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_rate_limited);
	await checkA11y(page);
	await page.context().close();
});

test('a form too large to send gets a page in the person’s language, not a bare 413', async ({
	browser
}) => {
	const page = await newPage(browser, { locale: 'fr-FR' });
	await page.goto('/forgot-password');
	// Two megabytes pasted into a field: more than any form but an upload takes.
	await page.evaluate(() => {
		const field = document.querySelector('input[name="email"]') as HTMLInputElement;
		field.type = 'text';
		field.value = 'x'.repeat(2 * 1024 * 1024);
	});
	await page.locator('form[method="POST"] button[type="submit"]').first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(fr.error_body_too_large_title);
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByText(fr.error_body_too_large.replace('{max}', '1'))).toBeVisible();
	await checkA11y(page);
	await page.context().close();
});
