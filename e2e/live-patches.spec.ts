import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, dataLoads, fillMessage, newPage, pluralMessage } from './helpers.ts';
import { coordinatorWithNetwork } from './dutch.ts';

const total = (count: number) => pluralMessage(nl.dots_total, count);

/**
 * The stream carries the state: a new step reaches the phones whole, and while phones vote, the
 * console, the projector and every phone show the new tally in place, without loading their page
 * data again; a phone whose stream was away catches up from the replay, also without a load.
 */
test('votes reach the console, the projector and three phones in place, and a phone away catches up', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const f = await newPage(browser, { width: 1280 });
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', `Stroom ${Date.now()}`);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Stemmen in de zaal');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	for (const kind of ['postit_round', 'dot_vote']) {
		await f.getByLabel(nl.field_work_form).selectOption(kind);
		await f.getByRole('button', { name: nl.step_add_submit }).click();
		await f.getByRole('link', { name: nl.back_to_session }).click();
	}
	await f.waitForURL(/\/sessions\/[^/]+$/);
	const sessionUrl = new URL(f.url()).pathname;
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	const projector = await f.context().newPage();
	await projector.setViewportSize({ width: 1280, height: 720 });
	await projector.goto(`${sessionUrl}/projector`);

	const phones: Page[] = [];
	for (const name of ['Amal', 'Bert', 'Chen']) {
		const phone = await newPage(browser, { width: 360 });
		await phone.goto('/join');
		await phone.getByLabel(nl.field_join_code).fill(code.toLowerCase());
		await phone.getByLabel(nl.field_display_name_live).fill(name);
		await phone.getByRole('button', { name: nl.join_submit }).click();
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText(nl.wf_postit_round_name);
		phones.push(phone);
	}
	const [amal, bert, chen] = phones as [Page, Page, Page];
	// Who is in reaches the console in place: three names, no load.
	const consoleLoads = dataLoads(f);
	await expect(f.getByText(pluralMessage(nl.live_participants, 3))).toBeVisible();

	await f
		.getByRole('button', { name: `${nl.live_open_round} – ${nl.wf_postit_round_name}` })
		.click();
	const ideas = ['Taalcafé', 'Voorleesuur'];
	for (const [i, text] of ideas.entries()) {
		const phone = phones[i]!;
		await phone.getByLabel(nl.field_postit).fill(text);
		await phone.getByRole('button', { name: nl.postit_submit }).click();
		await expect(phone.getByRole('status').first()).toContainText(nl.postit_saved);
	}
	// From here on the phones load nothing: the round's end, the new step (nobody has voted in it
	// yet, so its screen comes whole on the stream) and every vote come in on the stream.
	const [amalLoads, bertLoads, chenLoads] = phones.map(dataLoads) as [string[], string[], string[]];
	await f
		.getByRole('button', { name: `${nl.live_close_round} – ${nl.wf_postit_round_name}` })
		.click();
	await f.getByRole('button', { name: `${nl.live_show_step} – ${nl.wf_dot_vote_name}` }).click();
	await f.getByRole('button', { name: `${nl.live_open_vote} – ${nl.wf_dot_vote_name}` }).click();
	for (const phone of phones) {
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText(nl.wf_dot_vote_name);
		await expect(phone.getByRole('button', { name: `${nl.dot_add} – Taalcafé` })).toBeVisible();
	}
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText(nl.wf_dot_vote_name);
	await expect(projector.locator('.pj-tally li')).toHaveCount(2);

	// From here on, the console and the projector load nothing either (the console's own last
	// action has loaded its page data once it says what it did).
	await expect(
		f
			.getByRole('status')
			.filter({ hasText: fillMessage(nl.live_step_opened, { title: nl.wf_dot_vote_name }) })
	).toHaveCount(1);
	consoleLoads.length = 0;
	const loads = {
		console: consoleLoads,
		projector: dataLoads(projector),
		amal: amalLoads,
		bert: bertLoads,
		chen: chenLoads
	};
	const vote = async (phone: Page, idea: string, left: number) => {
		await phone.getByRole('button', { name: `${nl.dot_add} – ${idea}` }).click();
		await expect(
			phone.getByText(pluralMessage(nl.dots_left, left, { left, budget: 5 }))
		).toBeVisible();
	};
	await vote(amal, 'Taalcafé', 4);
	await vote(bert, 'Taalcafé', 4);
	await vote(chen, 'Voorleesuur', 4);
	await vote(amal, 'Taalcafé', 3);
	const row = (page: Page, idea: string) =>
		page.locator('.tally li, .pj-tally li').filter({ hasText: idea });
	await expect(row(projector, 'Taalcafé')).toContainText(total(3));
	await expect(row(projector, 'Voorleesuur')).toContainText(total(1));
	await expect(row(f, 'Taalcafé')).toContainText(total(3));
	// Each phone sees the room's tally beside its own dots.
	const card = (phone: Page, idea: string) =>
		phone.locator('.vote-list li').filter({ hasText: idea });
	for (const phone of phones) await expect(card(phone, 'Taalcafé')).toContainText(total(3));
	await expect(card(bert, 'Taalcafé')).toContainText(fillMessage(nl.dots_mine, { count: 1 }));
	// Taking a dot back is a change like any other.
	await amal.getByRole('button', { name: `${nl.dot_remove} – Taalcafé` }).click();
	await expect(
		amal.getByText(pluralMessage(nl.dots_left, 4, { left: 4, budget: 5 }))
	).toBeVisible();
	await expect(row(projector, 'Taalcafé')).toContainText(total(2));
	for (const phone of phones) await expect(card(phone, 'Taalcafé')).toContainText(total(2));

	// Chen's stream is cut (as when a phone's connection drops) while two more dots come in; the
	// phone connects again by itself from the version it holds, and the replay brings the tally,
	// again without a load.
	await chen.evaluate(() => window.stop());
	await vote(amal, 'Voorleesuur', 3);
	await vote(bert, 'Voorleesuur', 3);
	await expect(row(projector, 'Voorleesuur')).toContainText(total(3));
	await expect(card(chen, 'Voorleesuur')).toContainText(total(1));
	await expect(card(chen, 'Voorleesuur')).toContainText(total(3), { timeout: 30_000 });

	for (const [screen, seen] of Object.entries(loads)) expect(seen, screen).toEqual([]);

	// The timer: one tap on a preset starts it on the projector and the phones; it stops when
	// another step is shown.
	await f.getByRole('button', { name: fillMessage(nl.timer_preset, { minutes: 3 }) }).click();
	await expect(projector.getByRole('timer')).toContainText(/[23]:\d\d/);
	await expect(amal.getByRole('timer')).toBeVisible();
	await checkA11y(f);
	// For a reviewer to look at (test-results/ is a CI artefact, not committed).
	for (const [name, page] of [
		['console-1280', f],
		['projector-1280', projector],
		['phone-360', amal]
	] as const)
		await page.screenshot({ path: `test-results/screens/timer-${name}.png`, fullPage: true });
	await f
		.getByRole('button', { name: `${nl.live_show_results} – ${nl.wf_postit_round_name}` })
		.click();
	await expect(projector.getByRole('timer')).toHaveCount(0);
	await expect(amal.getByRole('timer')).toHaveCount(0);
	await expect(f.getByRole('timer')).toHaveCount(0);
	await checkA11y(projector);
	await checkA11y(chen);

	// The phone is a room, not the site: no account or development links in its header.
	await expect(amal.getByRole('link', { name: nl.nav_sign_in })).toHaveCount(0);
	await expect(amal.getByRole('navigation', { name: nl.nav_main })).toHaveCount(0);
	// At the end every phone says goodbye by the name it gave, instead of an empty join form.
	await f.getByText(nl.live_end, { exact: true }).click();
	await f.getByRole('button', { name: nl.live_end_yes }).click();
	for (const [phone, name] of [
		[amal, 'Amal'],
		[bert, 'Bert']
	] as const) {
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText(nl.thanks_title);
		await expect(
			phone.getByText(fillMessage(nl.thanks_lead, { name, title: 'Stemmen in de zaal' }))
		).toBeVisible();
	}
	await amal.screenshot({ path: 'test-results/screens/thanks-phone-360.png', fullPage: true });
	await checkA11y(amal);
	// Opened again later, the page still thanks; joining another session starts from the form.
	await bert.goto('/live');
	await expect(bert.getByRole('heading', { level: 1 })).toHaveText(nl.thanks_title);
	await bert.getByRole('link', { name: nl.thanks_join_again }).click();
	await expect(bert.getByLabel(nl.field_join_code)).toBeVisible();
});
