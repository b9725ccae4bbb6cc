import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import en from '../messages/en.json' with { type: 'json' };
import fr from '../messages/fr.json' with { type: 'json' };
import { checkA11y, expectNoHorizontalScroll, newPage, unique, waitForMail } from './helpers.ts';

type Catalog = typeof nl;
const fill = (s: string, v: Record<string, string>) =>
	s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

async function signUp(page: Page, t: Catalog, name: string, email: string) {
	await checkA11y(page);
	await page.getByLabel(t.field_name, { exact: true }).fill(name);
	const emailField = page.getByLabel(t.field_email);
	if (!(await emailField.inputValue())) await emailField.fill(email);
	await page.getByLabel(t.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: t.sign_up_submit }).click();
}

/**
 * Sign up → create a network → add an organisation → invite a member → the member opens the
 * invitation from the outbox in another browser → signs up → accepts the house rules → sees
 * the network. Run in Dutch, English and French, and once with JavaScript off.
 */
const runs: { lang: 'nl' | 'en' | 'fr'; locale: string; t: Catalog; js: boolean }[] = [
	{ lang: 'nl', locale: 'nl-NL', t: nl, js: true },
	{ lang: 'en', locale: 'en-GB', t: en as Catalog, js: true },
	{ lang: 'fr', locale: 'fr-BE', t: fr as Catalog, js: true },
	{ lang: 'nl', locale: 'nl-BE', t: nl, js: false }
];

for (const { lang, locale, t, js } of runs) {
	test(`invite a member and join (${lang}${js ? '' : ', JavaScript off'})`, async ({ browser }) => {
		const coordinatorEmail = unique('coordinator');
		const memberEmail = unique('member');
		const networkName = `Netwerk ${lang} <b>vet</b> شبكة 🌍 ${Date.now()}`;

		// The coordinator.
		const page = await newPage(browser, { locale, javaScriptEnabled: js });
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', lang);
		await checkA11y(page);
		await page.getByRole('main').getByRole('link', { name: t.nav_sign_up }).click();
		await signUp(page, t, 'Fatima Coördinator', coordinatorEmail);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			fill(t.home_title_signed_in, { name: 'Fatima Coördinator' })
		);
		await checkA11y(page);

		await page.getByRole('link', { name: t.network_new_title }).click();
		await checkA11y(page);
		// An empty form is refused with a summary and a message at each field.
		await page.getByRole('button', { name: t.network_create_submit }).click();
		await expect(page.getByRole('alert')).toContainText(t.error_summary_title);
		await expect(
			page.getByRole('alert').getByRole('link', { name: t.error_required }).first()
		).toBeVisible();
		await checkA11y(page);
		await page.getByLabel(t.field_network_name).fill(networkName);
		await page
			.getByLabel(t.field_purpose)
			.fill('Samen leren hoe de bibliotheek iedereen welkom heet.');
		await page.getByLabel(t.field_core_value).fill('Niets over ons zonder ons');
		await page.getByRole('button', { name: t.network_create_submit }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(networkName);
		await expect(page.getByRole('status').first()).toContainText(t.network_created);
		// Markup typed by a person is shown as text, never run.
		await expect(page.locator('main b')).toHaveCount(0);
		await checkA11y(page);

		await page
			.getByRole('navigation', { name: t.network_nav_label })
			.getByRole('link', { name: t.network_nav_organisations })
			.click();
		await checkA11y(page);
		await page.getByLabel(t.field_organisation_name).fill('Bibliotheek Zuidrand');
		await page.getByRole('button', { name: t.organisation_add_submit }).click();
		await expect(
			page.getByRole('cell', { name: 'Bibliotheek Zuidrand', exact: true })
		).toBeVisible();

		await page
			.getByRole('navigation', { name: t.network_nav_label })
			.getByRole('link', { name: t.network_nav_invitations })
			.click();
		await checkA11y(page);
		await page.getByLabel(t.field_email).fill('not an address');
		await page.getByRole('button', { name: t.invite_submit }).click();
		await expect(page.getByRole('alert')).toContainText(t.error_email);
		await page.getByLabel(t.field_email).fill(memberEmail);
		await page.getByLabel(t.field_role).selectOption('experience_expert');
		await page.getByLabel(t.field_organisation).selectOption({ label: 'Bibliotheek Zuidrand' });
		await page.getByRole('button', { name: t.invite_submit }).click();
		await expect(page.getByRole('status').first()).toContainText(
			fill(t.invitation_sent, { email: memberEmail })
		);
		await expect(page.getByRole('cell', { name: memberEmail, exact: true })).toBeVisible();
		await checkA11y(page);

		// The invited member, on a narrow phone, in a browser of their own.
		const phone = await newPage(browser, { locale, javaScriptEnabled: js, width: 320 });
		const subject = fill(t.mail_invite_subject, { network: networkName });
		const mails = await waitForMail(phone, subject, memberEmail);
		await checkA11y(phone);
		await mails.first().getByRole('link', { name: subject }).click();
		await checkA11y(phone);
		await phone.getByRole('link', { name: /\/invitations\// }).click();
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText(
			fill(t.invitation_title, { network: networkName })
		);
		await expect(phone.locator('.rules')).toContainText(t.house_rules_default.split('\n')[0]!);
		await expectNoHorizontalScroll(phone);
		await checkA11y(phone);
		await phone.getByRole('main').getByRole('link', { name: t.invitation_create_account }).click();
		await expect(phone.getByLabel(t.field_email)).toHaveValue(memberEmail);
		await signUp(phone, t, 'Amal Ervaring', memberEmail);

		// Back on the invitation: nothing of the network before accepting the rules.
		await expect(phone.getByRole('button', { name: t.invitation_join })).toBeVisible();
		await phone.getByRole('button', { name: t.invitation_join }).click();
		await expect(phone.getByRole('alert')).toContainText(t.error_accept_rules);
		await checkA11y(phone);
		await phone.getByLabel(t.invitation_accept_rules).check();
		await phone.getByRole('button', { name: t.invitation_join }).click();
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText(networkName);
		await expect(phone.getByRole('status').first()).toContainText(t.welcome_joined);
		await expectNoHorizontalScroll(phone);
		await checkA11y(phone);
		await phone
			.getByRole('navigation', { name: t.network_nav_label })
			.getByRole('link', { name: t.network_nav_members })
			.click();
		await expect(phone.getByRole('heading', { name: 'Fatima Coördinator' })).toBeVisible();
		await checkA11y(phone);

		// The coordinator sees the new member with their role.
		await page
			.getByRole('navigation', { name: t.network_nav_label })
			.getByRole('link', { name: t.network_nav_members })
			.click();
		await expect(
			page
				.getByRole('listitem')
				.filter({ has: page.getByRole('heading', { name: 'Amal Ervaring' }) })
		).toContainText(t.role_experience_expert);
		await checkA11y(page);
		await page.context().close();
		await phone.context().close();
	});
}
