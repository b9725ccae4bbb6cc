import path from 'node:path';
import SQLite from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import en from '../messages/en.json' with { type: 'json' };
import fr from '../messages/fr.json' with { type: 'json' };
import { checkA11y, newPage, unique, waitForMail } from './helpers.ts';

type Catalog = typeof nl;
const port = Number(process.env.E2E_PORT || 4173);
/** A plural message as Paraglide picks its form (French counts 0 as "one"). */
const plural = (lang: string, msg: unknown, count: number) => {
	const match = (msg as { match: Record<string, string> }[])[0]!.match;
	const form = new Intl.PluralRules(lang).select(count);
	return (match[`countPlural=${form}`] ?? match['countPlural=*'] ?? '').replace(
		'{count}',
		String(count)
	);
};

/**
 * A mail that could not be delivered after every retry, as the worker leaves it: written
 * straight into the server's database (the development outbox never fails).
 */
function failMail(networkId: string, to: string, subject: string) {
	const db = new SQLite(path.join(process.env.E2E_DATA_DIR!, `e2e-${port}.db`));
	db.pragma('busy_timeout = 5000');
	const id = crypto.randomUUID();
	const at = new Date().toISOString();
	db.prepare(
		`insert into job (id, kind, key, network_id, payload, run_at, attempts, max_attempts,
		 last_error, state, created_at, done_at) values (?, 'mail', ?, ?, ?, ?, 8, 8, ?, 'failed', ?, ?)`
	).run(
		id,
		`e2e:${id}`,
		networkId,
		JSON.stringify({ to, subject, text: 'x', html: '<p>x</p>', kind: 'invitation' }),
		at,
		'550 5.1.1 mailbox unavailable',
		at,
		at
	);
	db.close();
}

async function createNetwork(page: Page, t: Catalog, name: string) {
	await page.goto('/sign-up');
	await page.getByLabel(t.field_name, { exact: true }).fill('Fatima Coördinator');
	await page.getByLabel(t.field_email).fill(unique('mail-coordinator'));
	await page.getByLabel(t.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: t.sign_up_submit }).click();
	await page.getByRole('link', { name: t.network_new_title }).click();
	await page.getByLabel(t.field_network_name).fill(name);
	await page.getByLabel(t.field_purpose).fill('Samen leren.');
	await page.getByLabel(t.field_core_value).fill('Respect');
	await page.getByRole('button', { name: t.network_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	return /\/networks\/([\w-]+)/.exec(page.url())![1]!;
}

for (const [lang, locale, t] of [
	['nl', 'nl-NL', nl],
	['en', 'en-GB', en as Catalog],
	['fr', 'fr-BE', fr as Catalog]
] as const) {
	test(`a coordinator sees undelivered mail with the reason and sends it again (${lang})`, async ({
		browser
	}) => {
		const page = await newPage(browser, { locale });
		const networkId = await createNetwork(page, t, `Netwerk mail ${lang} ${Date.now()}`);
		const nav = page.getByRole('navigation', { name: t.network_nav_label });
		await nav.getByRole('link', { name: t.network_nav_mail }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.network_nav_mail);
		await expect(page.getByText(t.mail_failed_none)).toBeVisible();
		await expect(page.getByText(plural(lang, t.mail_queued, 0))).toBeVisible();
		await checkA11y(page);

		const to = unique('onbereikbaar');
		failMail(networkId, to, `Uitnodiging ${lang}`);
		await page.reload();
		const row = page.getByRole('row', { name: new RegExp(to.replace(/[.+]/g, '\\$&')) });
		await expect(row).toContainText('550 5.1.1 mailbox unavailable');
		await checkA11y(page);
		await row.getByRole('button', { name: new RegExp(t.mail_resend) }).click();
		await expect(page.getByRole('status').first()).toContainText(t.mail_resent);
		await expect(page.getByText(t.mail_failed_none)).toBeVisible();
		await checkA11y(page);
		// The resent mail reaches the development outbox.
		await waitForMail(page, `Uitnodiging ${lang}`, to);
		await page.context().close();
	});
}
