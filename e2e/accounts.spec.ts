import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import en from '../messages/en.json' with { type: 'json' };
import { checkA11y, newPage, openMail, unique, waitForMail } from './helpers.ts';

const fill = (s: string, v: Record<string, string>) =>
	s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

async function followMailLink(page: Page, to: string, subject: string) {
	await openMail(page, subject, to);
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
	// The longest journey: on a busy machine it can pass the default 90 s.
	test.slow();
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
	await followMailLink(page, email, nl.mail_reset_subject);
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
	await followMailLink(page, email, nl.mail_magic_subject);
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
	// A new e-mail address: someone who signs in by e-mailed link has no password to give, so
	// the current address approves, the new one is verified, then it counts, and the old
	// address is told with a way to undo it.
	await expect(page.getByLabel(en.field_current_password)).toHaveCount(0);
	const newEmail = unique('moved');
	await page.getByLabel(en.field_email).fill(newEmail);
	await page.getByRole('button', { name: en.save }).click();
	await expect(page.getByRole('status')).toContainText(en.account_email_pending);
	await followMailLink(page, email, en.mail_change_subject);
	await followMailLink(page, newEmail, en.mail_verify_subject);
	await page.goto('/account');
	await expect(page.getByLabel(en.field_email)).toHaveValue(newEmail);

	// The old address hears of it and puts itself back: everyone is signed out.
	await followMailLink(page, email, en.mail_changed_subject);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.undo_email_title);
	await expect(page.getByRole('main')).toContainText(newEmail);
	await checkA11y(page);
	await page.getByRole('button', { name: en.undo_email_submit }).click();
	await expect(page.getByRole('status')).toContainText(fill(en.undo_email_done, { email }));
	await checkA11y(page);
	await page.goto('/account');
	await expect(page).toHaveURL(/\/sign-in/);
	// A new password comes through the old address.
	await page.getByRole('link', { name: en.forgot_password_link }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.forgot_title);
	await page.getByLabel(en.field_email).fill(email);
	await page.getByRole('button', { name: en.forgot_submit }).click();
	await expect(page.getByRole('status')).toContainText(en.reset_sent);
	await followMailLink(page, email, en.mail_reset_subject);
	await page.getByLabel(en.field_new_password).fill('weer mijn eigen wachtwoord');
	await page.getByRole('button', { name: en.reset_submit }).click();
	await expect(page.getByRole('status')).toContainText(en.reset_done);
	await page.getByLabel(en.field_email).first().fill(email);
	await page.getByLabel(en.field_password).fill('weer mijn eigen wachtwoord');
	await page.getByRole('button', { name: en.sign_in_submit }).click();

	await page.getByRole('link', { name: en.nav_my_networks }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(en.home_title_signed_in, { name: 'Noor El Idrissi' })
	);
	await page.context().close();
});

test('signing out bites at once, a newer reset link voids an older one, next= stays on this site', async ({
	browser
}) => {
	const email = unique('trust');
	const page = await newPage(browser);
	await page.goto('/sign-up');
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Sam');
	await page.getByLabel(nl.field_email).fill(email);
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.home_title_signed_in, { name: 'Sam' })
	);

	// The language switch shows on the next page for a signed-in person.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(en.home_title_signed_in, { name: 'Sam' })
	);
	await page.getByRole('button', { name: 'Nederlands' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

	// Someone copied the cookies; after signing out, they open nothing.
	const copied = await page.context().cookies();
	await signOut(page);
	const other = await browser.newContext({ locale: 'nl-NL' });
	await other.addCookies(copied);
	const stolen = await other.newPage();
	await stolen.goto('/account');
	await expect(stolen).toHaveURL(/\/sign-in/);
	await other.close();

	// Two reset links: the newer one is used, the older one no longer works.
	for (let i = 0; i < 2; i++) {
		await page.goto('/forgot-password');
		await page.getByLabel(nl.field_email).fill(email);
		await page.getByRole('button', { name: nl.forgot_submit }).click();
		await expect(page.getByRole('status')).toContainText(nl.reset_sent);
	}
	const rows = await waitForMail(page, nl.mail_reset_subject, email);
	const links = rows.getByRole('link', { name: nl.mail_reset_subject });
	await expect(async () => {
		await page.reload();
		await expect(links).toHaveCount(2, { timeout: 1000 });
	}).toPass({ timeout: 60_000 });
	const hrefs: string[] = [];
	for (const i of [0, 1]) {
		await links.nth(i).click();
		hrefs.push(
			(await page.getByRole('main').getByRole('link', { name: /^http/ }).getAttribute('href'))!
		);
		await page.goBack();
	}
	const [newer, older] = hrefs as [string, string];
	expect(newer).not.toBe(older);
	await page.goto(newer);
	await page.getByLabel(nl.field_new_password).fill('het wachtwoord van de nieuwste link');
	await page.getByRole('button', { name: nl.reset_submit }).click();
	await expect(page.getByRole('status')).toContainText(nl.reset_done);
	await page.goto(older);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.reset_title);
	await expect(page.getByRole('main')).toContainText(nl.error_reset_token);
	await checkA11y(page);

	// A crafted next= that would leave the site goes home after signing in.
	await page.goto('/sign-in?next=/.//evil.example');
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_email).first().fill(email);
	await page.getByLabel(nl.field_password).fill('het wachtwoord van de nieuwste link');
	await page.getByRole('button', { name: nl.sign_in_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.home_title_signed_in, { name: 'Sam' })
	);
	expect(new URL(page.url()).pathname).toBe('/');

	// Changing the e-mail address needs the current password; the old address is told.
	await page.getByRole('link', { name: nl.nav_account }).click();
	const newEmail = unique('elsewhere');
	await page.getByLabel(nl.field_email).fill(newEmail);
	await page.getByRole('button', { name: nl.save }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_current_password_required);
	await checkA11y(page);
	await page.getByLabel(nl.field_current_password).fill('niet mijn wachtwoord');
	await page.getByRole('button', { name: nl.save }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_current_password);
	await expect(page.getByLabel(nl.field_email)).toHaveValue(newEmail);
	await page.getByLabel(nl.field_current_password).fill('het wachtwoord van de nieuwste link');
	await page.getByRole('button', { name: nl.save }).click();
	await expect(page.getByRole('status')).toContainText(nl.account_email_pending);
	await followMailLink(page, newEmail, nl.mail_verify_subject);
	await page.goto('/account');
	await expect(page.getByLabel(nl.field_email)).toHaveValue(newEmail);
	await followMailLink(page, email, nl.mail_changed_subject);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.undo_email_title);
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
