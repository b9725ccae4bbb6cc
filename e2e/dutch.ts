import { expect, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { unique } from './helpers.ts';

/** The Dutch texts `inviteAndJoin` clicks through: the invitation, the account, the house rules. */
export const NL_JOIN = {
	invite: nl.invite_submit,
	subject: nl.mail_invite_subject,
	createAccount: nl.invitation_create_account,
	fieldName: nl.field_name,
	fieldPassword: nl.field_password,
	signUp: nl.sign_up_submit,
	acceptRules: nl.invitation_accept_rules,
	join: nl.invitation_join,
	fieldEmail: nl.field_email
};

/**
 * A new account (in Dutch) that starts a network and so coordinates it. Returns the network's id
 * and its path.
 */
export async function coordinatorWithNetwork(
	page: Page,
	who: string,
	network: string,
	purpose = 'Samen'
) {
	await page.goto('/sign-up');
	await page.getByLabel(nl.field_name, { exact: true }).fill(who);
	await page.getByLabel(nl.field_email).fill(unique(who.toLowerCase()));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(who);
	await page.goto('/networks/new');
	await page.getByLabel(nl.field_network_name).fill(network);
	await page.getByLabel(nl.field_purpose).fill(purpose);
	await page.getByLabel(nl.field_core_value).fill('Samen');
	await page.getByRole('button', { name: nl.network_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(network);
	const path = new URL(page.url()).pathname;
	return { networkId: path.split('/')[2]!, networkUrl: path };
}
