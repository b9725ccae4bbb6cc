import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, inviteAndJoin, newPage, unique, waitForMail } from './helpers.ts';
import { NL_JOIN } from './dutch.ts';

const fill = (msg: string, v: Record<string, string>) =>
	msg.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

test('a member offers help with a need on the board, the owner accepts, and chooses a weekly digest of reminders', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const olga = await newPage(browser);
	await olga.goto('/sign-up');
	await olga.getByLabel(nl.field_name, { exact: true }).fill('Olga');
	await olga.getByLabel(nl.field_email).fill(unique('olga'));
	await olga.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await olga.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(olga.getByRole('heading', { level: 1 })).toContainText('Olga');
	const network = `Hulp ${Date.now()}`;
	await olga.goto('/networks/new');
	await olga.getByLabel(nl.field_network_name).fill(network);
	await olga.getByLabel(nl.field_purpose).fill('Samen leren');
	await olga.getByLabel(nl.field_core_value).fill('Respect');
	await olga.getByRole('button', { name: nl.network_create_submit }).click();
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText(network);
	const networkId = new URL(olga.url()).pathname.split('/')[2]!;

	// Olga's commitment, with a need, shared with the network.
	await olga.goto(`/networks/${networkId}/commitments/new`);
	await olga.getByLabel(nl.field_commitment_title).fill('Een nep-intake oefenen');
	await olga.getByLabel(nl.field_commitment_needs).fill('Iemand die al eens een nep-intake deed');
	await olga.getByLabel(new RegExp(nl.visibility_network)).check();
	await olga.getByRole('button', { name: nl.commitment_create }).click();
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText('Een nep-intake oefenen');
	const commitmentUrl = new URL(olga.url()).pathname;

	const { page: hamid, email: hamidEmail } = await inviteAndJoin(
		browser,
		olga,
		{ networkId, network, name: 'Hamid' },
		NL_JOIN
	);

	// Hamid finds the board from the commitments page, and offers help (an empty note is refused).
	await hamid.goto(`/networks/${networkId}/commitments`);
	await hamid.getByRole('link', { name: nl.commitments_needs_link }).click();
	await expect(hamid.getByRole('heading', { level: 1 })).toHaveText(nl.needs_title);
	await expect(hamid.getByText('Iemand die al eens een nep-intake deed')).toBeVisible();
	await checkA11y(hamid);
	await hamid.getByText(nl.offer_button, { exact: false }).first().click();
	await hamid.getByRole('button', { name: nl.offer_button, exact: true }).click();
	await expect(hamid.getByRole('alert')).toContainText(nl.error_required);
	await checkA11y(hamid);
	await hamid.getByLabel(nl.field_offer_note).fill('Ik deed er drie vorig jaar, bel me gerust.');
	await hamid.getByRole('button', { name: nl.offer_button, exact: true }).click();
	await status(hamid, nl.offer_sent);
	await expect(
		hamid.getByText(fill(nl.offer_yours, { state: nl.offer_state_offered }))
	).toBeVisible();

	// Olga sees the offer on her commitment and accepts it: Hamid's address appears.
	await olga.goto(commitmentUrl);
	const offers = olga.getByRole('list', { name: nl.offers_title });
	await expect(offers).toContainText('Ik deed er drie vorig jaar');
	await checkA11y(olga);
	await offers.getByRole('button', { name: `${nl.offer_accept} – Hamid` }).click();
	await status(olga, nl.offer_answered);
	await expect(olga.getByRole('list', { name: nl.offers_title })).toContainText(hamidEmail);

	// Hamid got the answer by mail.
	await waitForMail(hamid, fill(nl.mail_offer_accepted_subject, { name: 'Olga' }));

	// Olga wants one mail a week, on her own clock.
	await olga.goto('/account');
	await olga.getByRole('link', { name: nl.account_reminders_link }).click();
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText(nl.reminders_title);
	await checkA11y(olga);
	await olga.getByLabel(nl.reminders_mode_digest).check();
	await olga.getByLabel(nl.field_time_zone).selectOption('America/Paramaribo');
	await olga.getByRole('button', { name: nl.reminders_save }).click();
	await status(olga, nl.reminders_saved);
	await expect(olga.getByLabel(nl.reminders_mode_digest)).toBeChecked();
	await expect(olga.getByLabel(nl.field_time_zone)).toHaveValue('America/Paramaribo');
	await expect(olga.getByLabel(nl.field_reminders_enabled)).toBeChecked();
	await checkA11y(olga);
	for (const p of [olga, hamid]) await p.context().close();
});
