import { expect, test } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, newPage, unique } from './helpers.ts';

const fill = (s: string, v: Record<string, string>) =>
	s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

test('a facilitator plans a session, builds the agenda with the keyboard and gets the calendar file', async ({
	browser
}) => {
	const page = await newPage(browser);
	await page.goto('/sign-up');
	await page.waitForLoadState('networkidle');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Joris');
	await page.getByLabel(nl.field_email).fill(unique('joris'));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Joris');
	await page.goto('/networks/new');
	await page.getByLabel(nl.field_network_name).fill('Netwerk Sessies');
	await page.getByLabel(nl.field_purpose).fill('Samen leren');
	await page.getByLabel(nl.field_core_value).fill('Respect');
	await page.getByRole('button', { name: nl.network_create_submit }).click();

	await page
		.getByRole('navigation', { name: nl.network_nav_label })
		.getByRole('link', { name: nl.network_nav_sessions })
		.click();
	await expect(page.getByText(nl.sessions_empty_designer)).toBeVisible();
	await checkA11y(page);
	await page.getByRole('link', { name: nl.session_new_title }).click();
	await checkA11y(page);
	await page.getByLabel(nl.field_session_title).fill('Drempels verlagen');
	await page.getByLabel(nl.field_date).fill('2027-02-11');
	await page.getByLabel(nl.field_session_number).fill('0');
	await page.getByRole('button', { name: nl.session_create_submit }).click();
	await expect(page.getByRole('alert')).toContainText(
		fill(nl.error_number_range, { min: '1', max: '999' })
	);
	await checkA11y(page);
	await page.getByLabel(nl.field_session_number).fill('3');
	await page.getByLabel(nl.field_time).fill('13:30');
	await page.getByLabel(nl.field_place).fill('Bibliotheek Zuidrand');
	await page.getByRole('button', { name: nl.session_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('3. Drempels verlagen');
	await checkA11y(page);

	// Three steps from the library, each with its Dutch defaults.
	for (const kind of ['checkin', 'postit_round', 'dot_vote']) {
		await page.getByLabel(nl.field_work_form).selectOption(kind);
		await page.getByRole('button', { name: nl.step_add_submit }).click();
		await expect(page.getByRole('status')).toContainText(nl.step_added);
		await checkA11y(page);
		await page.getByRole('link', { name: nl.back_to_session }).click();
	}
	const titles = page
		.getByRole('list', { name: nl.agenda_title })
		.getByRole('heading', { level: 3 });
	await expect(titles).toHaveText([
		nl.wf_checkin_name,
		nl.wf_postit_round_name,
		nl.wf_dot_vote_name
	]);
	await expect(page.getByText(nl.wf_checkin_prompt)).toBeVisible();

	// Reorder with the keyboard only: focus "move up" on the dot vote and press Enter.
	await page.getByRole('button', { name: `${nl.step_move_up} – ${nl.wf_dot_vote_name}` }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status')).toContainText(
		fill(nl.step_moved_up, { title: nl.wf_dot_vote_name })
	);
	await expect(titles).toHaveText([
		nl.wf_checkin_name,
		nl.wf_dot_vote_name,
		nl.wf_postit_round_name
	]);
	await expect(page.getByRole('heading', { name: nl.wf_dot_vote_name })).toBeFocused();
	await checkA11y(page);

	// Edit the post-it round: anonymous, at most 2 per person.
	await page.getByRole('link', { name: `${nl.step_edit} – ${nl.wf_postit_round_name}` }).click();
	await checkA11y(page);
	await page.getByLabel(nl.field_max_per_person).fill('2');
	await page.getByLabel(nl.field_anonymous).check();
	await page.getByRole('button', { name: nl.save }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('3. Drempels verlagen');

	// The calendar file.
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: nl.session_calendar }).click();
	const file = await download;
	const ics = await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8');
	expect(ics).toContain('SUMMARY:Netwerk Sessies: Drempels verlagen');
	expect(ics).toMatch(/DTSTART:20270211T133000/);

	// Copy as a template.
	await page.getByRole('button', { name: nl.session_copy }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.session_copy_title, { title: 'Drempels verlagen' })
	);
	await expect(titles).toHaveCount(3);
	await checkA11y(page);
	await page.context().close();
});
