import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, unique, fillMessage, pluralMessage, scoreCheckin } from './helpers.ts';

/**
 * Three months pass on the third server's fake clock (playwright.config.ts): the reminder the
 * job queue sends at 09:00 on the last day of the sprint opens the end-of-sprint check-in, and
 * the comparison with the start shows what changed.
 */
const port = Number(process.env.E2E_PORT || 4173) + 2;
const baseURL = `http://127.0.0.1:${port}`;
const clockFile = path.join(process.env.E2E_DATA_DIR!, 'clock.json');

const fill = fillMessage;
const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
const plural = pluralMessage;

/** The server's clock shows `at` from now on, running `speed` times as fast. */
function setClock(at: Date, speed: number) {
	fs.writeFileSync(clockFile, JSON.stringify({ origin: Date.now(), at: at.toISOString(), speed }));
}

test('three months later, the reminder mail opens the end-of-sprint check-in and the change shows', async ({
	browser
}) => {
	test.setTimeout(180_000);
	// Today on the server: noon UTC on a fixed day in winter time, so 09:00 Brussels is 08:00 UTC.
	setClock(new Date('2027-01-04T12:00:00Z'), 1);
	const context = await browser.newContext({ baseURL, locale: 'nl-NL' });
	const page = await context.newPage();
	await page.goto('/sign-up');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Olga');
	await page.getByLabel(nl.field_email).fill(unique('olga-later'));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Olga');
	await page.goto('/networks/new');
	await page.getByLabel(nl.field_network_name).fill('Netwerk Later');
	await page.getByLabel(nl.field_purpose).fill('Samen leren');
	await page.getByLabel(nl.field_core_value).fill('Respect');
	await page.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(page.url()).pathname;

	await page.goto(`${networkUrl}/commitments/new`);
	await page.getByLabel(nl.field_commitment_title).fill('Trainingen over inclusie op het werk');
	await page.getByRole('button', { name: nl.commitment_create }).click();
	await status(page, nl.commitment_created);
	// A sprint from today to the end of March, and the start check-in.
	const sprintForm = page.getByRole('form', { name: nl.sprint_add_title });
	await sprintForm.getByLabel(nl.field_sprint_start).fill('2027-01-04');
	await sprintForm.getByLabel(nl.field_sprint_end, { exact: false }).fill('2027-03-19');
	await sprintForm.getByRole('button', { name: nl.sprint_add }).click();
	await status(page, nl.sprint_added);
	const start = page.getByRole('form', { name: new RegExp(`^${nl.checkin_title_start}`) });
	await scoreCheckin(start, [2, 2, 3, 2, 3], 'Geen uren vrij');
	await start.getByRole('button', { name: new RegExp(`^${nl.checkin_save}`) }).click();
	await status(page, nl.checkin_saved);

	// Ten and a half weeks pass: the morning of the sprint's last day, at 08:58 in Brussels, with
	// the clock running 60 times as fast, so 09:00 comes in about two real seconds.
	setClock(new Date('2027-03-19T07:58:00Z'), 60);
	const subject = fill(nl.mail_reminder_checkin_end_subject, {
		title: 'Trainingen over inclusie op het werk'
	});
	await page.goto('/outbox');
	await expect(async () => {
		await page.reload();
		await expect(page.getByRole('link', { name: subject })).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 90_000 });
	// Exactly one such mail: the one of the day itself (the one a week before was in the past).
	await expect(page.getByRole('link', { name: subject })).toHaveCount(1);
	await page.getByRole('link', { name: subject }).click();
	await checkA11y(page);
	const href = await page.getByRole('link', { name: /#checkin-/ }).getAttribute('href');
	expect(href).toMatch(/\/commitments\/[\w-]+#checkin-[\w-]+-end$/);
	// Slow the clock back down before filling in a form.
	setClock(new Date('2027-03-19T09:10:00Z'), 1);
	await page.goto(href!);
	const end = page.getByRole('form', { name: new RegExp(`^${nl.checkin_title_end}`) });
	await expect(end).toBeVisible();
	await checkA11y(page);
	await scoreCheckin(end, [4, 2, 3, 3, 3], 'Twee middagen per maand vrijgemaakt');
	await end.getByRole('button', { name: new RegExp(`^${nl.checkin_save}`) }).click();
	await status(page, nl.checkin_saved);
	const table = page.getByRole('table', { name: nl.comparison_title });
	await expect(table.getByRole('row', { name: new RegExp(nl.point_time) })).toContainText(
		plural(nl.change_better, 2)
	);
	await expect(table.getByRole('row', { name: new RegExp(nl.point_money) })).toContainText(
		nl.change_same
	);
	await checkA11y(page);
	await context.close();
});
