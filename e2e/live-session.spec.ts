import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, newPage, unique } from './helpers.ts';

const fill = (s: string, v: Record<string, string | number>) =>
	s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

async function join(page: Page, code: string, name: string) {
	await page.goto('/join');
	await checkA11y(page);
	await page.getByLabel(nl.field_join_code).fill(code.toLowerCase());
	await page.getByLabel(nl.field_display_name_live).fill(name);
	await page.getByRole('button', { name: nl.join_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('a facilitator runs post-its and dot voting live with two phones, one without JavaScript', async ({
	browser
}) => {
	const console_ = await newPage(browser);
	await console_.goto('/sign-up');
	await console_.waitForLoadState('networkidle');
	await console_.getByLabel(nl.field_name, { exact: true }).fill('Fatima');
	await console_.getByLabel(nl.field_email).fill(unique('live'));
	await console_.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await console_.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(console_.getByRole('heading', { level: 1 })).toContainText('Fatima');
	await console_.goto('/networks/new');
	await console_.getByLabel(nl.field_network_name).fill('Live netwerk');
	await console_.getByLabel(nl.field_purpose).fill('Samen');
	await console_.getByLabel(nl.field_core_value).fill('Respect');
	await console_.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(console_.url()).pathname;
	await console_.goto(`${networkUrl}/sessions/new`);
	await console_.getByLabel(nl.field_session_title).fill('Live sessie');
	await console_.getByRole('button', { name: nl.session_create_submit }).click();
	for (const kind of ['postit_round', 'dot_vote']) {
		await console_.getByLabel(nl.field_work_form).selectOption(kind);
		await console_.getByRole('button', { name: nl.step_add_submit }).click();
		await console_.getByRole('link', { name: nl.back_to_session }).click();
	}

	// Go live: a code and a QR code appear.
	await console_.getByRole('link', { name: nl.live_start }).click();
	await checkA11y(console_);
	await console_.getByRole('button', { name: nl.live_start }).click();
	const code = (await console_.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
	await expect(console_.getByRole('img', { name: nl.live_qr_label })).toBeVisible();
	await checkA11y(console_);

	// Two phones join without an account: one small, one without JavaScript.
	const phone = await newPage(browser, { width: 360 });
	await join(phone, code, 'Amal');
	// The first step is on the screens from the start, not yet open.
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(nl.wf_postit_round_name);
	await expect(phone.getByText(nl.round_not_open)).toBeVisible();
	await checkA11y(phone);
	const plain = await newPage(browser, { javaScriptEnabled: false });
	await join(plain, code, 'Bert');
	await expect(
		console_.getByRole('status').filter({ hasText: fill(nl.live_participants, { count: 2 }) })
	).toBeVisible();

	// The round opens; the phone follows by itself.
	await console_
		.getByRole('button', { name: `${nl.live_open_round} – ${nl.wf_postit_round_name}` })
		.click();
	await phone.getByLabel(nl.field_postit).fill('Taalcafé in de bibliotheek');
	await phone.getByRole('button', { name: nl.postit_submit }).click();
	await expect(phone.getByRole('status').first()).toContainText(nl.postit_saved);
	await checkA11y(phone);
	await plain.reload();
	await plain.getByLabel(nl.field_postit).fill('<b>Voorlezen</b> in het Arabisch – قراءة');
	await plain.getByRole('button', { name: nl.postit_submit }).click();
	await expect(plain.getByRole('status').first()).toContainText(nl.postit_saved);
	await checkA11y(plain);
	// The console sees both arrive without reloading.
	await expect(console_.getByText('Taalcafé in de bibliotheek')).toBeVisible();
	await expect(console_.getByText('<b>Voorlezen</b> in het Arabisch – قراءة')).toBeVisible();

	// Close the round, show and open the vote.
	await console_
		.getByRole('button', { name: `${nl.live_close_round} – ${nl.wf_postit_round_name}` })
		.click();
	await console_
		.getByRole('button', { name: `${nl.live_show_step} – ${nl.wf_dot_vote_name}` })
		.click();
	await console_
		.getByRole('button', { name: `${nl.live_open_vote} – ${nl.wf_dot_vote_name}` })
		.click();
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(nl.wf_dot_vote_name);
	for (let i = 0; i < 3; i++) {
		await phone.getByRole('button', { name: `${nl.dot_add} – Taalcafé in de bibliotheek` }).click();
		await expect(phone.getByText(fill(nl.dots_left, { left: 4 - i, budget: 5 }))).toBeVisible();
	}
	await checkA11y(phone);
	await plain.reload();
	await plain
		.getByRole('button', { name: `${nl.dot_add} – <b>Voorlezen</b> in het Arabisch – قراءة` })
		.click();
	await expect(plain.getByText(fill(nl.dots_left, { left: 4, budget: 5 }))).toBeVisible();

	// The console ranks the ideas by dots, live.
	await expect(console_.locator('.results li').first()).toContainText('Taalcafé in de bibliotheek');
	await expect(console_.locator('.results li').first()).toContainText(
		fill(nl.dots_total, { count: 3 })
	);
	await checkA11y(console_);
	for (const p of [console_, phone, plain]) await p.context().close();
});
