import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import en from '../messages/en.json' with { type: 'json' };
import { checkA11y, newPage, unique } from './helpers.ts';

const fill = (s: string, v: Record<string, string>) =>
	s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

async function openMail(page: Page, to: string, subject: string) {
	await page.goto('/outbox');
	await page
		.getByRole('row', { name: new RegExp(to.replace(/[.+]/g, '\\$&')) })
		.getByRole('link', { name: subject })
		.first()
		.click();
	await checkA11y(page);
	await page.getByRole('main').getByRole('link', { name: /^http/ }).click();
	// The link goes through /api/auth and redirects; wait until it has landed.
	await page.waitForURL(
		(u) => !u.pathname.startsWith('/outbox') && !u.pathname.startsWith('/api/')
	);
	await page.waitForLoadState('load');
}

async function signOut(page: Page, label = nl.nav_sign_out) {
	await page.getByRole('banner').getByRole('button', { name: label }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.landing_title);
}

test('accounts: sign out and in, reset the password, sign in by e-mailed link, change the account', async ({
	browser
}) => {
	const email = unique('account');
	const page = await newPage(browser);
	await page.goto('/sign-up');
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Noor');
	await page.getByLabel(nl.field_email).fill(email);
	await page.getByLabel(nl.field_password).fill('kort');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_password_short);
	await checkA11y(page);
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.home_title_signed_in, { name: 'Noor' })
	);
	await signOut(page);

	// A second account with the same address is refused.
	await page.goto('/sign-up');
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Noor twee');
	await page.getByLabel(nl.field_email).fill(email);
	await page.getByLabel(nl.field_password).fill('een ander wachtwoord');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_email_taken);

	// Wrong password, then the right one.
	await page.goto('/sign-in');
	await checkA11y(page);
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_email).first().fill(email);
	await page.getByLabel(nl.field_password).fill('verkeerd wachtwoord');
	await page.getByRole('button', { name: nl.sign_in_submit }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_sign_in_failed);
	await checkA11y(page);
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_in_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.home_title_signed_in, { name: 'Noor' })
	);
	await signOut(page);

	// Forgotten password: a link by e-mail, a new password, the old one no longer works.
	await page.getByRole('link', { name: nl.nav_sign_in }).first().click();
	await page.getByRole('link', { name: nl.forgot_password_link }).click();
	await checkA11y(page);
	await page.getByLabel(nl.field_email).fill(email);
	await page.getByRole('button', { name: nl.forgot_submit }).click();
	await expect(page.getByRole('status')).toContainText(nl.reset_sent);
	await openMail(page, email, nl.mail_reset_subject);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.reset_title);
	await checkA11y(page);
	await page.getByLabel(nl.field_new_password).fill('nieuw wachtwoord voor noor');
	await page.getByRole('button', { name: nl.reset_submit }).click();
	await expect(page.getByRole('status')).toContainText(nl.reset_done);
	await page.getByLabel(nl.field_email).first().fill(email);
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_in_submit }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_sign_in_failed);
	await page.getByLabel(nl.field_password).fill('nieuw wachtwoord voor noor');
	await page.getByRole('button', { name: nl.sign_in_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.home_title_signed_in, { name: 'Noor' })
	);
	await signOut(page);

	// Sign in by e-mailed link.
	await page.goto('/sign-in');
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_email).nth(1).fill(email);
	await page.getByRole('button', { name: nl.magic_link_submit }).click();
	await expect(page.getByRole('status')).toContainText(nl.magic_link_sent);
	await openMail(page, email, nl.mail_magic_subject);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.home_title_signed_in, { name: 'Noor' })
	);

	// The account: a new name and English; the choice sticks.
	await page.getByRole('link', { name: nl.nav_account }).click();
	await checkA11y(page);
	await page.getByLabel(nl.field_display_name).fill('Noor El Idrissi');
	await page.getByLabel(nl.field_language).selectOption('en');
	await page.getByRole('button', { name: nl.save }).click();
	await expect(page.getByRole('status')).toContainText(en.account_saved);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await checkA11y(page);
	// A new e-mail address: the current one approves, the new one is verified, then it counts.
	const newEmail = unique('moved');
	await page.getByLabel(en.field_email).fill(newEmail);
	await page.getByRole('button', { name: en.save }).click();
	await expect(page.getByRole('status')).toContainText(en.account_email_pending);
	await openMail(page, email, en.mail_change_subject);
	await openMail(page, newEmail, en.mail_verify_subject);
	await page.goto('/account');
	await expect(page.getByLabel(en.field_email)).toHaveValue(newEmail);

	await page.getByRole('link', { name: en.nav_my_networks }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(en.home_title_signed_in, { name: 'Noor El Idrissi' })
	);
	await page.context().close();
});

test('the language switch works for a visitor, without an account', async ({ browser }) => {
	const page = await newPage(browser, { locale: 'nl-NL' });
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await page.getByRole('button', { name: 'Français' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		(await import('../messages/fr.json', { with: { type: 'json' } })).default.landing_title
	);
	await checkA11y(page);
	await page.context().close();
});
