import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import {
	checkA11y,
	expectNoHorizontalScroll,
	fillMessage,
	newPage,
	pluralMessage
} from './helpers.ts';
import { coordinatorWithNetwork } from './dutch.ts';
import { formAction, httpPhone } from './room.ts';

/**
 * The console works like a cockpit: the agenda beside the current step, the join box folded
 * once people are in, one "start" that shows and opens a step, and moderation in place: hiding,
 * theming several post-its at once and merging keep the page where it was (with JavaScript)
 * or bring it back to the post-it (without).
 */
const IDEAS = [
	'Taalcafé in de bibliotheek',
	'Voorleesuur in het Arabisch',
	'Buddy voor nieuwe collega’s',
	'Folders in eenvoudige taal',
	'Spreekuur zonder afspraak',
	'Kinderopvang bij inspraakavonden',
	'Een stille ruimte op het werk',
	'Vacatures laten lezen door ervaringsdeskundigen',
	'Anoniem solliciteren',
	'Meer vrouwen in de wijkraad',
	'Voorleesuur (dubbel)',
	'Rolstoeltoegankelijke ingang'
];

const scrollY = (page: Page) => page.evaluate(() => Math.round(window.scrollY));
/** Where an element stands on the screen: what the facilitator was looking at. */
const onScreen = (l: Locator) => l.evaluate((el) => Math.round(el.getBoundingClientRect().top));

test('the console: agenda beside the step, one start, and moderation that keeps its place', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const f = await newPage(browser, { width: 1280 });
	await f.setViewportSize({ width: 1280, height: 800 });
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', `Cockpit ${Date.now()}`);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Ontmoeten in de wijk');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	for (const kind of ['postit_round', 'dot_vote']) {
		await f.getByLabel(nl.field_work_form).selectOption(kind);
		await f.getByRole('button', { name: nl.step_add_submit }).click();
		await f.getByRole('link', { name: nl.back_to_session }).click();
	}
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const consoleUrl = new URL(f.url()).pathname;
	// Nobody is in yet: the join box is open, with the code.
	const joinBox = f.locator('details.join-box');
	await expect(joinBox).toHaveAttribute('open', '');
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();

	const phones: APIRequestContext[] = [];
	for (let i = 0; i < 4; i++) phones.push(await httpPhone(baseURL!, code, `Deelnemer ${i + 1}`));

	// The round and the vote: on a laptop, the agenda is beside the current step.
	await f.reload();
	await expect(joinBox).not.toHaveAttribute('open');
	await expect(joinBox.locator('summary')).toHaveText(fillMessage(nl.live_join_summary, { code }));
	const side = await f.locator('.console-side').boundingBox();
	const main = await f.locator('.console-main').boundingBox();
	expect(main!.x).toBeGreaterThan(side!.x + side!.width);

	// Starting the session put the round on the screens; it opens with one tap.
	await f
		.getByRole('button', { name: `${nl.live_open_round} – ${nl.wf_postit_round_name}` })
		.click();
	await expect(
		f
			.getByRole('status')
			.filter({ hasText: fillMessage(nl.live_step_opened, { title: nl.wf_postit_round_name }) })
	).toHaveCount(1);
	const round = await f
		.locator('.step-list li[aria-current="step"] input[name="stepId"]')
		.first()
		.inputValue();
	for (const [i, text] of IDEAS.entries())
		await formAction(phones[i % 4]!, baseURL!, '/live?/post', {
			stepId: round,
			clientId: `console-${i}-${Date.now()}`,
			text
		});
	await f.reload();
	await expect(f.locator('.moderation-list > li')).toHaveCount(IDEAS.length);
	await f.screenshot({ path: 'test-results/screens/console-1280.png', fullPage: true });
	await checkA11y(f);

	// Hiding a post-it far down the list: the page stays where it was, focus on the button.
	// (Not the very last: a page scrolled to its end moves up when the end gets shorter.)
	const card = (text: string) =>
		f
			.locator('.moderation-list > li')
			.filter({ has: f.locator('.moderation-text').getByText(text, { exact: true }) });
	const last = IDEAS[9]!;
	await card(last).scrollIntoViewIfNeeded();
	expect(await scrollY(f)).toBeGreaterThan(300);
	const before = await onScreen(card(last));
	await f.getByRole('button', { name: `${nl.postit_hide} – ${last}` }).click();
	await expect(card(last)).toContainText(nl.postit_state_hidden);
	expect(Math.abs((await onScreen(card(last))) - before)).toBeLessThan(4);
	await expect(f.getByRole('button', { name: `${nl.postit_show} – ${last}` })).toBeFocused();

	// Three post-its in one theme at once, with the theme typed once.
	for (const text of IDEAS.slice(5, 8))
		await f.getByRole('checkbox', { name: `${nl.postits_choose} – ${text}` }).check();
	await expect(f.getByText(pluralMessage(nl.postits_chosen, 3))).toBeVisible();
	const atTheme = await onScreen(card(IDEAS[7]!));
	await f.getByLabel(nl.postit_cluster_label).fill('Werk en zorg');
	await f.getByRole('button', { name: nl.postits_cluster_many_save }).click();
	await expect(
		f
			.locator('.cluster-many')
			.getByText(pluralMessage(nl.postits_clustered_many, 3, { cluster: 'Werk en zorg' }))
	).toBeVisible();
	for (const text of IDEAS.slice(5, 8))
		await expect(card(text)).toContainText(
			fillMessage(nl.postit_in_cluster, { cluster: 'Werk en zorg' })
		);
	// The new theme appears in the results above; the list stays where it was on the screen.
	expect(Math.abs((await onScreen(card(IDEAS[7]!))) - atTheme)).toBeLessThan(4);
	// The choice is cleared for the next theme.
	for (const text of IDEAS.slice(5, 8))
		await expect(
			f.getByRole('checkbox', { name: `${nl.postits_choose} – ${text}` })
		).not.toBeChecked();
	// Ticking the next ones while a save is on its way (its answer held back here, as on a slow
	// connection): each goes to its own theme.
	let held: Promise<void> | null = null;
	await f.route(/\?\/clusterMany/, (route) => {
		if (held) return route.continue();
		held = (async () => {
			const response = await route.fetch();
			await new Promise((r) => setTimeout(r, 2000));
			await route.fulfill({ response });
		})();
		return held;
	});
	await f.getByRole('checkbox', { name: `${nl.postits_choose} – ${IDEAS[0]}` }).check();
	await f.getByLabel(nl.postit_cluster_label).fill('Taal');
	await f.getByRole('button', { name: nl.postits_cluster_many_save }).click();
	await f.getByRole('checkbox', { name: `${nl.postits_choose} – ${IDEAS[3]}` }).check();
	await f.getByLabel(nl.postit_cluster_label).fill('Toegang');
	await f.getByRole('button', { name: nl.postits_cluster_many_save }).click();
	await expect(card(IDEAS[3]!)).toContainText(
		fillMessage(nl.postit_in_cluster, { cluster: 'Toegang' })
	);
	await expect(card(IDEAS[0]!)).toContainText(
		fillMessage(nl.postit_in_cluster, { cluster: 'Taal' })
	);
	await held;
	await f.unroute(/\?\/clusterMany/);
	// Nothing chosen: a clear error, and nothing changes.
	await f.getByLabel(nl.postit_cluster_label).fill('Leeg');
	await f.getByRole('button', { name: nl.postits_cluster_many_save }).click();
	await expect(f.getByRole('alert')).toContainText(nl.error_choose_postits);
	await expect(f.getByText(fillMessage(nl.postit_in_cluster, { cluster: 'Leeg' }))).toHaveCount(0);

	// Merging the double one into the other keeps the place too.
	const double = 'Voorleesuur (dubbel)';
	await card(double).scrollIntoViewIfNeeded();
	const atMerge = await onScreen(card(double));
	await card(double).getByLabel(nl.postit_merge_into).selectOption({ label: IDEAS[1]! });
	await f.getByRole('button', { name: `${nl.postit_merge} – ${double}` }).click();
	await expect(card(double)).toContainText(nl.postit_state_merged);
	expect(Math.abs((await onScreen(card(double))) - atMerge)).toBeLessThan(4);
	await checkA11y(f);

	// Without JavaScript the form comes back to the post-it it acted on.
	const state = await f.context().storageState();
	const plain = await browser.newContext({
		javaScriptEnabled: false,
		storageState: state,
		viewport: { width: 1280, height: 800 },
		locale: 'nl-NL'
	});
	const np = await plain.newPage();
	await np.goto(consoleUrl);
	const target = IDEAS[8]!;
	await np.getByRole('button', { name: `${nl.postit_hide} – ${target}` }).click();
	await expect(np).toHaveURL(/#postit-/);
	const hidden = np
		.locator('.moderation-list > li')
		.filter({ has: np.locator('.moderation-text').getByText(target, { exact: true }) });
	await expect(hidden).toBeInViewport();
	await expect(hidden).toContainText(nl.postit_state_hidden);
	await plain.close();

	// Closing the round, the vote starts with one tap: shown and opened at once. The closed
	// round offers "open again" and "show the results", not the words of a step not run yet.
	await f
		.getByRole('button', { name: `${nl.live_close_round} – ${nl.wf_postit_round_name}` })
		.click();
	await f.getByRole('button', { name: `${nl.live_start_step} – ${nl.wf_dot_vote_name}` }).click();
	await expect(
		f
			.getByRole('status')
			.filter({ hasText: fillMessage(nl.live_step_started, { title: nl.wf_dot_vote_name }) })
	).toHaveCount(1);
	await expect(
		f.getByRole('button', { name: `${nl.live_reopen} – ${nl.wf_postit_round_name}` })
	).toBeVisible();
	await expect(
		f.getByRole('button', { name: `${nl.live_show_results} – ${nl.wf_postit_round_name}` })
	).toBeVisible();
	for (const width of [1920, 360]) {
		await f.setViewportSize({ width, height: width > 1000 ? 1080 : 800 });
		await f.screenshot({ path: `test-results/screens/console-${width}.png`, fullPage: true });
		await expectNoHorizontalScroll(f);
	}
	await checkA11y(f);
	for (const p of phones) await p.dispose();
});

test('breakouts: post-its picked with their dots in view, a topic worded anew, titled groups, and no silent re-forming', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const f = await newPage(browser, { width: 1280 });
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', `Werkgroepen ${Date.now()}`);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Van idee naar engagement');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	for (const kind of ['postit_round', 'dot_vote', 'breakout']) {
		await f.getByLabel(nl.field_work_form).selectOption(kind);
		await f.getByRole('button', { name: nl.step_add_submit }).click();
		await f.getByRole('link', { name: nl.back_to_session }).click();
	}
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const consoleUrl = new URL(f.url()).pathname;
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	const [round, vote, breakout] = await f
		.locator('.step-list input[name="stepId"]')
		.evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).value))]);
	const phones: APIRequestContext[] = [];
	for (const name of ['Amal', 'Bert', 'Chen']) phones.push(await httpPhone(baseURL!, code, name));
	const act = (r: APIRequestContext, url: string, form: Record<string, string>) =>
		formAction(r, baseURL!, url, form);
	await act(f.request, `${consoleUrl}?/state`, { stepId: round!, state: 'open' });
	const ideas = [
		'Taalcafé in de bibliotheek',
		'Buddy voor nieuwe collega’s',
		'Anoniem solliciteren'
	];
	for (const [i, text] of ideas.entries())
		await act(phones[i]!, '/live?/post', {
			stepId: round!,
			clientId: `g-${i}-${Date.now()}`,
			text
		});
	await act(f.request, `${consoleUrl}?/state`, { stepId: round!, state: 'closed' });
	await f.reload();
	await f.getByRole('button', { name: `${nl.live_start_step} – ${nl.wf_dot_vote_name}` }).click();
	await expect(f.locator('.step-list li[aria-current="step"]')).toContainText(nl.wf_dot_vote_name);
	// Two dots on the buddy, one on the taalcafé.
	const buddy = await postitIdOf(f, ideas[1]!);
	const cafe = await postitIdOf(f, ideas[0]!);
	for (const [i, id] of [buddy, buddy, cafe].entries())
		await act(phones[i]!, '/live/dots', {
			stepId: vote!,
			clientId: `d-${i}-${Date.now()}`,
			postitId: id
		});
	await act(f.request, `${consoleUrl}?/state`, { stepId: vote!, state: 'closed' });

	// The breakout: the post-its to pick show their dots, most first.
	await f.reload();
	await f.getByRole('button', { name: `${nl.live_show_step} – ${nl.wf_breakout_name}` }).click();
	await expect(f.locator('.step-list li[aria-current="step"]')).toContainText(nl.wf_breakout_name);
	const pick = f.locator('#field-postitIds label');
	await expect(pick.first()).toContainText(ideas[1]!);
	await expect(pick.first()).toContainText(pluralMessage(nl.groups_pick_dots, 2));
	await f.getByLabel(nl.groups_source_pick).check();
	await f.getByRole('checkbox', { name: new RegExp(ideas[1]!) }).check();
	await f.getByLabel(nl.groups_new_items).fill('Elke week één gesprek met een nieuwkomer');
	await f.getByRole('button', { name: nl.groups_form }).click();
	const titles = f.locator('.group-titles');
	await expect(titles.getByLabel(fillMessage(nl.group_title_label, { number: 2 }))).toHaveValue(
		'Elke week één gesprek met een nieuwkomer'
	);
	// The facilitator gives the first group a title of its own.
	await titles
		.getByLabel(fillMessage(nl.group_title_label, { number: 1 }))
		.fill('Buddy’s op het werk');
	await titles
		.getByRole('button', {
			name: `${nl.group_title_save} – ${fillMessage(nl.group_title, { number: 1, title: ideas[1]! })}`
		})
		.click();
	await expect(titles.getByLabel(fillMessage(nl.group_title_label, { number: 1 }))).toHaveValue(
		'Buddy’s op het werk'
	);
	await expect(
		f
			.getByRole('status')
			.filter({ hasText: fillMessage(nl.group_title_saved, { title: 'Buddy’s op het werk' }) })
	).toHaveCount(1);

	// Forming again starts from what is there (the pick, the worded topic) and asks first.
	await expect(f.getByLabel(nl.groups_source_pick)).toBeChecked();
	await expect(f.getByRole('checkbox', { name: new RegExp(ideas[1]!) })).toBeChecked();
	await expect(f.getByLabel(nl.groups_new_items)).toHaveValue(
		'Elke week één gesprek met een nieuwkomer'
	);
	await f.getByRole('button', { name: nl.groups_reform }).click();
	await expect(f.getByRole('alert')).toContainText(nl.error_groups_confirm_replace);
	await expect(titles.getByLabel(fillMessage(nl.group_title_label, { number: 1 }))).toHaveValue(
		'Buddy’s op het werk'
	);
	await checkA11y(f);

	// The phones answer in their groups; the projector shows each group under its title.
	await act(f.request, `${consoleUrl}?/state`, { stepId: breakout!, state: 'open' });
	for (const [i, p] of phones.entries())
		await act(p, '/live?/answer', {
			stepId: breakout!,
			clientId: `a-${i}-${Date.now()}`,
			question: '0',
			text: `Antwoord van ${['Amal', 'Bert', 'Chen'][i]}`
		});
	const projector = await f.context().newPage();
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await projector.goto(consoleUrl.replace(/\/live$/, '/projector'));
	await expect(
		projector.getByRole('heading', {
			level: 2,
			name: fillMessage(nl.group_title, { number: 1, title: 'Buddy’s op het werk' })
		})
	).toBeVisible();
	await expect(
		projector.getByRole('heading', {
			level: 2,
			name: fillMessage(nl.group_title, {
				number: 2,
				title: 'Elke week één gesprek met een nieuwkomer'
			})
		})
	).toBeVisible();
	await projector.screenshot({ path: 'test-results/screens/projector-titled-groups-1920.png' });
	await f.reload();
	// Answers hold the groups in place: the form says so instead of offering to re-form.
	await expect(f.getByText(nl.groups_locked)).toBeVisible();
	await expect(f.getByRole('button', { name: nl.groups_reform })).toHaveCount(0);
	await f.screenshot({ path: 'test-results/screens/console-groups-1280.png', fullPage: true });
	for (const p of phones) await p.dispose();
});

/** A post-it's id, as the facilitator's console knows it (its "make it a commitment" link). */
async function postitIdOf(f: Page, text: string) {
	const href = await f
		.getByRole('link', { name: `${nl.commitment_from_item} – ${text}` })
		.first()
		.getAttribute('href');
	const from = new URL(href!, 'http://x').searchParams.get('from') ?? '';
	return from.split(':')[2]!;
}

test('a recap collects answers per word, anonymously: no name on the console or the projector', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const f = await newPage(browser, { width: 1280 });
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', `Terugblik ${Date.now()}`);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Tweede sessie');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	await f.getByLabel(nl.field_work_form).selectOption('recap');
	await f.getByRole('button', { name: nl.step_add_submit }).click();
	// The recap asks per word of the last session; the facilitator makes it anonymous.
	const words = nl.wf_recap_questions.split('\n');
	await expect(f.getByLabel(nl.field_questions)).toHaveValue(nl.wf_recap_questions);
	await f.getByLabel(nl.field_anonymous).check();
	await f.getByRole('button', { name: nl.save }).click();
	// A talk in pairs after it: it collects nothing.
	await f.getByLabel(nl.field_work_form).selectOption('pair_talk');
	await f.getByRole('button', { name: nl.step_add_submit }).click();
	await f.getByRole('link', { name: nl.back_to_session }).click();
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const consoleUrl = new URL(f.url()).pathname;
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	await f.getByRole('button', { name: `${nl.live_open_answers} – ${nl.wf_recap_name}` }).click();
	const recap = await f
		.locator('.step-list li[aria-current="step"] input[name="stepId"]')
		.first()
		.inputValue();
	const names = ['Amal', 'Bert'];
	for (const [i, name] of names.entries()) {
		const p = await httpPhone(baseURL!, code, name);
		for (const q of [0, 2])
			await formAction(p, baseURL!, '/live?/answer', {
				stepId: recap,
				clientId: `r-${i}-${q}-${Date.now()}`,
				question: String(q),
				anonymous: '1',
				text: `${name === 'Amal' ? 'Wie' : 'Wat'} vertelt het verhaal (${q})`
			});
		await p.dispose();
	}
	await f.reload();
	const results = f.locator('.results');
	for (const word of words)
		await expect(results.getByRole('heading', { name: word })).toBeVisible();
	await expect(results.getByText('Wie vertelt het verhaal (2)', { exact: true })).toBeVisible();
	for (const name of names) await expect(results.getByText(name)).toHaveCount(0);
	await checkA11y(f);
	const projector = await f.context().newPage();
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await projector.goto(consoleUrl.replace(/\/live$/, '/projector'));
	await expect(projector.getByRole('heading', { level: 2, name: words[0]! })).toBeVisible();
	await expect(projector.getByText('Wat vertelt het verhaal (0)')).toBeVisible();
	for (const name of names) await expect(projector.getByText(name)).toHaveCount(0);
	await projector.screenshot({ path: 'test-results/screens/projector-recap-1920.png' });
	await checkA11y(projector);

	// The talk in pairs: shown, never opened; the projector shows its prompt and no state, the
	// phone says there is nothing to fill in.
	await expect(
		f.getByRole('button', { name: `${nl.live_start_step} – ${nl.wf_pair_talk_name}` })
	).toHaveCount(0);
	await f.getByRole('button', { name: `${nl.live_show_step} – ${nl.wf_pair_talk_name}` }).click();
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText(nl.wf_pair_talk_name);
	await expect(projector.getByText(nl.wf_pair_talk_prompt)).toBeVisible();
	await expect(projector.locator('.pj-status')).toBeHidden();
	await projector.screenshot({ path: 'test-results/screens/projector-pair-talk-1920.png' });
	const phone = await newPage(browser, { width: 360 });
	await phone.goto(`/join?code=${code}`);
	await phone.getByLabel(nl.field_display_name_live).fill('Chen');
	await phone.getByRole('button', { name: nl.join_submit }).click();
	await expect(phone.getByText(nl.pair_talk_phone)).toBeVisible();
	await checkA11y(phone);
});

test('a tally kept hidden during the vote is revealed on the projector at close, rank by rank', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const f = await newPage(browser, { width: 1280 });
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', `Onthulling ${Date.now()}`);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Kiezen zonder te kijken');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	await f.getByLabel(nl.field_work_form).selectOption('postit_round');
	await f.getByRole('button', { name: nl.step_add_submit }).click();
	await f.getByRole('link', { name: nl.back_to_session }).click();
	await f.getByLabel(nl.field_work_form).selectOption('dot_vote');
	await f.getByRole('button', { name: nl.step_add_submit }).click();
	await f.getByLabel(nl.field_tally).selectOption('hidden');
	await f.getByRole('button', { name: nl.save }).click();
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const consoleUrl = new URL(f.url()).pathname;
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	const [round, vote] = await f
		.locator('.step-list input[name="stepId"]')
		.evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).value))]);
	const act = (r: APIRequestContext, url: string, form: Record<string, string>) =>
		formAction(r, baseURL!, url, form);
	const phone = await httpPhone(baseURL!, code, 'Amal');
	await act(f.request, `${consoleUrl}?/state`, { stepId: round!, state: 'open' });
	for (const text of ['Taalcafé', 'Buddy'])
		await act(phone, '/live?/post', { stepId: round!, clientId: `v-${text}-${Date.now()}`, text });
	await f.reload();
	const buddy = (await f
		.locator('.moderation-list > li')
		.filter({ has: f.locator('.moderation-text').getByText('Buddy', { exact: true }) })
		.getAttribute('id'))!.replace(/^postit-/, '');
	await act(f.request, `${consoleUrl}?/state`, { stepId: round!, state: 'closed' });
	await act(f.request, `${consoleUrl}?/startStep`, { stepId: vote! });
	const projector = await f.context().newPage();
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await projector.goto(consoleUrl.replace(/\/live$/, '/projector'));
	await expect(projector.getByText(nl.vote_tally_hidden)).toBeVisible();
	for (let i = 0; i < 2; i++)
		await act(phone, '/live/dots', {
			stepId: vote!,
			clientId: `d-${i}-${Date.now()}`,
			postitId: buddy
		});
	await expect(projector.getByText(nl.vote_tally_hidden)).toBeVisible();
	await expect(projector.locator('.pj-tally li')).toHaveCount(0);
	// Closing the vote reveals the ranking on the screen that watched it hidden.
	await act(f.request, `${consoleUrl}?/state`, { stepId: vote!, state: 'closed' });
	const tally = projector.locator('.pj-tally.pj-reveal');
	await expect(tally.locator('li')).toHaveCount(2);
	await expect(tally.locator('li').first()).toContainText('Buddy');
	await expect(projector.getByText(nl.projector_state_closed, { exact: true })).toBeVisible();
	// The last row comes in last; once it has, the ranking stands whole.
	await projector.waitForFunction(() =>
		document.getAnimations().every((a) => a.playState === 'finished')
	);
	await expect(tally.locator('li').first()).toBeVisible();
	await projector.screenshot({ path: 'test-results/screens/projector-reveal-1920.png' });
	await checkA11y(projector);
	await phone.dispose();
});
