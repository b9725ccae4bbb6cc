import { expect, test } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, newPage, openMail, unique } from './helpers.ts';

const fill = (msg: string, v: Record<string, string | number>) =>
	msg.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

test('a phone without an account writes its commitment, keeps it by e-mail, asks to join, and finds it when let in', async ({
	browser
}) => {
	test.setTimeout(150_000);
	// The coordinator prepares a session and goes live.
	const console_ = await newPage(browser);
	await console_.goto('/sign-up');
	await console_.getByLabel(nl.field_name, { exact: true }).fill('Fatima');
	await console_.getByLabel(nl.field_email).fill(unique('claim-coordinator'));
	await console_.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await console_.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(console_.getByRole('heading', { level: 1 })).toContainText('Fatima');
	await console_.goto('/networks/new');
	await console_.getByLabel(nl.field_network_name).fill('Netwerk Claim');
	await console_.getByLabel(nl.field_purpose).fill('Samen leren');
	await console_.getByLabel(nl.field_core_value).fill('Respect');
	await console_.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(console_.url()).pathname;
	await console_.goto(`${networkUrl}/sessions/new`);
	await console_.getByLabel(nl.field_session_title).fill('Slotsessie');
	await console_.getByRole('button', { name: nl.session_create_submit }).click();
	await console_.getByLabel(nl.field_work_form).selectOption('postit_round');
	await console_.getByRole('button', { name: nl.step_add_submit }).click();
	await console_.getByRole('link', { name: nl.back_to_session }).click();
	await console_.getByRole('link', { name: nl.live_start }).click();
	await console_.getByRole('button', { name: nl.live_start }).click();
	const code = (await console_.locator('.join-code [aria-hidden="true"]').innerText()).trim();

	// A small phone without JavaScript and without an account joins and writes its commitment.
	const phone = await newPage(browser, { width: 360, javaScriptEnabled: false });
	await phone.goto('/join');
	await phone.getByLabel(nl.field_join_code).fill(code.toLowerCase());
	await phone.getByLabel(nl.field_display_name_live).fill('Amal');
	await phone.getByRole('button', { name: nl.join_submit }).click();
	await expect(phone.getByRole('heading', { name: nl.claim_heading })).toBeVisible();
	await phone.getByText(nl.claim_write).click();
	// Empty: a clear error next to the field, nothing saved.
	await phone.getByRole('button', { name: nl.claim_save }).click();
	await expect(phone.locator('#field-title-error')).toBeVisible();
	await checkA11y(phone);
	await phone
		.getByLabel(nl.claim_field_title)
		.fill('Ervaringsdeskundigen betrekken bij ons aanbod');
	await phone.getByLabel(nl.claim_field_first_step).fill('Sara van de cliëntenraad bellen');
	await phone.getByLabel(nl.claim_field_needs).fill('Een contact bij de stad');
	await phone.getByRole('button', { name: nl.claim_save }).click();
	await expect(phone.getByRole('status').filter({ hasText: nl.claim_saved })).toBeVisible();
	// A bad address: refused, next to the field.
	await phone.getByLabel(nl.field_email).fill('geen adres');
	await phone.getByRole('button', { name: nl.claim_send }).click();
	await expect(phone.locator('#field-email-error')).toBeVisible();
	const email = unique('amal');
	await phone.getByLabel(nl.field_email).fill(email);
	await phone.getByRole('button', { name: nl.claim_send }).click();
	await expect(phone.getByRole('status').filter({ hasText: nl.claim_sent })).toBeVisible();
	await checkA11y(phone);

	// The mail's link opens the claim, readable before signing in.
	const person = await newPage(browser, { width: 360 });
	await openMail(person, nl.mail_claim_heading, email);
	await person.getByRole('link', { name: /\/claims\// }).click();
	await expect(person.getByRole('heading', { level: 1 })).toHaveText(nl.claim_page_title);
	await expect(person.getByText('Ervaringsdeskundigen betrekken bij ons aanbod')).toBeVisible();
	await expect(person.getByText(fill(nl.claim_page_sign_in, { email }))).toBeVisible();
	await checkA11y(person);
	const claimUrl = person.url();
	await person.getByRole('main').getByRole('link', { name: nl.invitation_create_account }).click();
	await person.getByLabel(nl.field_name, { exact: true }).fill('Amal');
	await expect(person.getByLabel(nl.field_email)).toHaveValue(email);
	await person.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await person.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(person).toHaveURL(claimUrl);
	// Not a member: the house rules first, then asking to join.
	await expect(
		person.getByText(fill(nl.claim_page_not_member, { network: 'Netwerk Claim' }))
	).toBeVisible();
	await checkA11y(person);
	await person.getByRole('button', { name: nl.claim_page_ask }).click();
	await expect(person.getByText(nl.error_accept_rules).first()).toBeVisible();
	await person.getByLabel(nl.invitation_accept_rules).check();
	await person.getByRole('button', { name: nl.claim_page_ask }).click();
	await expect(person.getByRole('status').filter({ hasText: nl.claim_page_waiting })).toBeVisible();
	// The phone sees that it was confirmed.
	await phone.reload();
	await expect(phone.getByText(nl.claim_waiting_phone)).toBeVisible();

	// The coordinator lets Amal in; the commitment is waiting for her.
	await console_.goto(`${networkUrl}/members`);
	await expect(console_.getByRole('heading', { name: nl.requests_heading })).toBeVisible();
	await checkA11y(console_);
	await console_.getByRole('button', { name: `${nl.requests_admit} – Amal` }).click();
	await expect(
		console_.getByRole('status').filter({ hasText: fill(nl.requests_admitted, { name: 'Amal' }) })
	).toBeVisible();
	await expect(console_.getByRole('heading', { name: nl.requests_heading })).toHaveCount(0);

	await person.goto(`${networkUrl}/commitments`);
	await person.getByRole('link', { name: 'Ervaringsdeskundigen betrekken bij ons aanbod' }).click();
	await expect(person.getByRole('heading', { level: 1 })).toHaveText(
		'Ervaringsdeskundigen betrekken bij ons aanbod'
	);
	await checkA11y(person);
	// The same link again lands on the kept commitment; it works for nobody else.
	await person.goto(claimUrl);
	await expect(person.getByText(nl.claim_page_claimed)).toBeVisible();
	const other = await newPage(browser);
	await other.goto('/sign-up');
	await other.getByLabel(nl.field_name, { exact: true }).fill('Iemand');
	await other.getByLabel(nl.field_email).fill(unique('other'));
	await other.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await other.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(other.getByRole('heading', { level: 1 })).toContainText('Iemand');
	const refused = await other.goto(claimUrl);
	expect(refused?.status()).toBe(410);
	await expect(other.getByText(nl.error_claim_used)).toBeVisible();
});
