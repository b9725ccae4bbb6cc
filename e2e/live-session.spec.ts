import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, dataLoads, newPage, unique } from './helpers.ts';

type Message = string | { match: Record<string, string> }[];
const rules = new Intl.PluralRules('nl');
/**
 * A message with its placeholders filled; for plural forms, the first variant whose every
 * condition ("countPlural=one", "budgetPlural=*") holds for the numbers given.
 */
const fill = (msg: Message, v: Record<string, string | number>) => {
	const s =
		typeof msg === 'string'
			? msg
			: Object.entries(msg[0]!.match).find(([when]) =>
					when.split(', ').every((c) => {
						const [selector, category] = c.split('=') as [string, string];
						const n = Number(v[selector.replace(/Plural$/, '')]);
						return category === '*' || rules.select(n) === category;
					})
				)![1];
	return s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
};

async function join(page: Page, code: string, name: string) {
	await page.goto('/join');
	await checkA11y(page);
	await page.getByLabel(nl.field_join_code).fill(code.toLowerCase());
	await page.getByLabel(nl.field_display_name_live).fill(name);
	await page.getByRole('button', { name: nl.join_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('a facilitator runs post-its, a dot vote and breakout groups with three phones, one small, one without JavaScript', async ({
	browser
}) => {
	// A long journey on a shared 2-core machine: more time than the default, never a timing check.
	test.setTimeout(180_000);
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
	for (const kind of ['postit_round', 'dot_vote', 'breakout']) {
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
	const third = await newPage(browser);
	await join(third, code, 'Chen');
	await expect(console_.getByText(fill(nl.live_participants, { count: 3 }))).toBeVisible();

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
	// A second one, written by mistake, is removed again by its writer.
	await plain.getByLabel(nl.field_postit).fill('Weg ermee');
	await plain.getByRole('button', { name: nl.postit_submit }).click();
	await plain.getByRole('button', { name: `${nl.postit_delete} – Weg ermee` }).click();
	await expect(plain.getByRole('status').first()).toContainText(nl.postit_deleted);
	await expect(plain.getByLabel(nl.postit_edit_label)).toHaveCount(1);
	// The console sees both arrive without reloading.
	const results = console_.locator('.results');
	await expect(results.getByText('Taalcafé in de bibliotheek')).toBeVisible();
	await expect(results.getByText('<b>Voorlezen</b> in het Arabisch – قراءة')).toBeVisible();
	await expect(results.getByText('Weg ermee')).toHaveCount(0);
	// The facilitator puts one in a theme; the results group it under that heading.
	await console_
		.getByRole('checkbox', { name: `${nl.postits_choose} – Taalcafé in de bibliotheek` })
		.check();
	await console_.getByLabel(nl.postit_cluster_label).fill('Taal');
	await console_.getByRole('button', { name: nl.postits_cluster_many_save }).click();
	await expect(results.getByRole('heading', { name: 'Taal', exact: true })).toBeVisible();
	await checkA11y(console_);

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

	// The projector, in the facilitator's browser, shows the ranked tally in large type.
	const projector = await console_.context().newPage();
	await projector.goto(new URL('projector', console_.url().replace(/live(\?.*)?$/, '')).toString());
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText(nl.wf_dot_vote_name);
	await expect(projector.locator('.pj-tally li').first()).toContainText(
		'Taalcafé in de bibliotheek'
	);
	await expect(projector.locator('.pj-tally li').first()).toContainText(
		fill(nl.dots_total, { count: 3 })
	);
	await checkA11y(projector);

	// Close the vote and split into two breakout groups on the two top items.
	await console_
		.getByRole('button', { name: `${nl.live_close_vote} – ${nl.wf_dot_vote_name}` })
		.click();
	await console_
		.getByRole('button', { name: `${nl.live_show_step} – ${nl.wf_breakout_name}` })
		.click();
	await console_.getByLabel(nl.groups_count).fill('2');
	await console_.getByRole('button', { name: nl.groups_form }).click();
	await expect(console_.getByRole('status').first()).toContainText(nl.groups_formed);
	await console_
		.getByRole('button', { name: `${nl.live_open_answers} – ${nl.wf_breakout_name}` })
		.click();
	await checkA11y(console_);

	// Three people over two groups in the order they joined: Amal and Chen, Bert alone.
	const [q1, , q3] = nl.wf_breakout_questions.split('\n');
	const groupOne = fill(nl.group_title, { number: 1, title: 'Taalcafé in de bibliotheek' });
	await expect(phone.getByRole('heading', { level: 2 }).first()).toHaveText(groupOne);
	await expect(third.getByRole('heading', { level: 2 }).first()).toHaveText(groupOne);
	// From here on Chen's phone loads nothing: its group's lines come on the stream.
	const chenLoads = dataLoads(third);
	await phone.getByLabel(`${nl.answer_label}: ${q1}`).fill('Iedereen voelt zich welkom 🙂');
	await phone.getByRole('button', { name: nl.answer_submit }).first().click();
	await expect(phone.getByRole('status').first()).toContainText(nl.answer_saved);
	await expect(
		phone.getByRole('button', { name: `${nl.answer_delete} – Iedereen voelt zich welkom 🙂` })
	).toBeVisible();
	await checkA11y(phone);
	// Chen, in the same group, sees Amal's line appear.
	await expect(third.locator('.answers').getByText('Iedereen voelt zich welkom 🙂')).toBeVisible();
	await checkA11y(third);

	// The Wi-Fi drops: what Amal sends is kept on the phone and goes out when it is back.
	await phone.context().setOffline(true);
	await phone.getByLabel(`${nl.answer_label}: ${q1}`).fill('Niemand hoeft te wachten');
	await phone.getByRole('button', { name: nl.answer_submit }).first().click();
	await expect(phone.getByText(fill(nl.outbox_waiting, { count: 1 }))).toBeVisible();
	await checkA11y(phone);
	await phone.context().setOffline(false);
	await expect(third.locator('.answers').getByText('Niemand hoeft te wachten')).toBeVisible();
	await expect(phone.getByText(fill(nl.outbox_waiting, { count: 1 }))).toHaveCount(0);

	// Bert answers by a plain form, without JavaScript.
	await plain.goto('/live');
	await expect(plain.getByRole('heading', { level: 2 }).first()).toContainText(
		fill(nl.group_numbered, { number: 2 })
	);
	await plain.getByLabel(`${nl.answer_label}: ${q3}`).fill('Een buurvrouw bellen');
	await plain.getByRole('button', { name: nl.answer_submit }).nth(2).click();
	await expect(plain.getByRole('status').first()).toContainText(nl.answer_saved);
	await expect(
		plain.locator('.answers').getByText('Een buurvrouw bellen', { exact: true })
	).toBeVisible();
	// What one group writes does not show on another group's phones.
	await expect(plain.getByText('Iedereen voelt zich welkom 🙂')).toHaveCount(0);
	await checkA11y(plain);
	await expect(projector.getByText('Een buurvrouw bellen')).toBeVisible();
	await expect(third.getByText('Een buurvrouw bellen')).toHaveCount(0);
	expect(chenLoads).toEqual([]);

	// The projector and the console see every group's answers appear.
	await expect(projector.getByText('Iedereen voelt zich welkom 🙂')).toBeVisible();
	await expect(projector.getByText('Een buurvrouw bellen')).toBeVisible();
	await expect(
		console_.locator('.results').getByText('Een buurvrouw bellen', { exact: true })
	).toBeVisible();
	await checkA11y(console_);
	await checkA11y(projector);

	// Born in the room: the facilitator turns group 1 into a commitment in one step; its answer
	// fills the first step (the group's first question).
	const bornHref = await console_
		.getByRole('link', { name: `${nl.commitment_from_item} – ${groupOne}` })
		.getAttribute('href');
	const born = await console_.context().newPage();
	await born.goto(bornHref!);
	await expect(born.getByText(nl.commitment_new_from_session)).toBeVisible();
	await expect(born.getByLabel(nl.field_commitment_title)).toHaveValue(
		'Taalcafé in de bibliotheek'
	);
	await expect(born.getByLabel(nl.field_commitment_first_step)).toHaveValue(
		/Iedereen voelt zich welkom 🙂/
	);
	await checkA11y(born);
	await born.getByRole('button', { name: nl.commitment_create }).click();
	await expect(born.getByRole('heading', { level: 1 })).toHaveText('Taalcafé in de bibliotheek');
	await born.close();

	// The facilitator ends the session; the report is there, without retyping, and exports.
	await console_.getByText(nl.live_end, { exact: true }).click();
	await console_.getByRole('button', { name: nl.live_end_yes }).click();
	await console_.getByRole('link', { name: nl.report_link }).click();
	await expect(console_.getByRole('heading', { level: 1 })).toHaveText('Live sessie');
	await expect(console_.getByRole('row').nth(1)).toContainText('Taalcafé in de bibliotheek');
	await expect(console_.getByRole('row').nth(1)).toContainText('3');
	await expect(console_.getByText('Een buurvrouw bellen')).toBeVisible();
	await checkA11y(console_);
	const download = console_.waitForEvent('download');
	await console_.getByRole('link', { name: nl.report_export_docx }).click();
	expect((await download).suggestedFilename()).toBe('live-sessie.docx');

	// The facilitator edits the report, restores an earlier version, and shares it.
	await console_.getByRole('link', { name: nl.report_edit_link }).click();
	await checkA11y(console_);
	await console_.getByLabel(nl.report_intro).fill('Een warme middag in de bibliotheek.');
	await console_.getByRole('button', { name: nl.report_save }).click();
	await expect(
		console_.getByRole('status').filter({ hasText: fill(nl.report_saved, { version: 1 }) })
	).toBeVisible();
	await console_.getByLabel(nl.report_intro).fill('Een tweede versie.');
	await console_.getByRole('button', { name: nl.report_save }).click();
	await expect(
		console_.getByRole('status').filter({ hasText: fill(nl.report_saved, { version: 2 }) })
	).toBeVisible();
	await console_.getByRole('button', { name: `${nl.report_restore} 1` }).click();
	await expect(console_.getByLabel(nl.report_intro)).toHaveValue(
		'Een warme middag in de bibliotheek.'
	);
	await checkA11y(console_);
	await console_.getByRole('button', { name: nl.report_publish }).click();
	await expect(
		console_.getByRole('status').filter({ hasText: nl.report_published_now })
	).toBeVisible();
	await expect(console_.getByText('Een warme middag in de bibliotheek.')).toBeVisible();
	for (const p of [console_, phone, plain, third]) await p.context().close();
});
