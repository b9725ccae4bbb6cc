import { expect, test } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, expectNoHorizontalScroll, newPage, pluralMessage } from './helpers.ts';
import { coordinatorWithNetwork } from './dutch.ts';
import { formAction, httpPhone } from './room.ts';

/**
 * After an input talk the room asks questions: one phone asks, others upvote it, the projector
 * shows the most wanted first and the facilitator marks it answered; then a quick poll on a
 * 1–5 scale, where the phone changes its mind and the screens count once.
 */
test('a Q&A with upvotes and a quick poll, from the phone to the projector', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(150_000);
	const f = await newPage(browser, { width: 1280 });
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', `Vragen ${Date.now()}`);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Inleiding over taal');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	await f.getByLabel(nl.field_work_form).selectOption('qna');
	await f.getByRole('button', { name: nl.step_add_submit }).click();
	// The Q&A is anonymous: nobody sees who asked.
	await f.getByLabel(nl.field_anonymous).check();
	await f.getByRole('button', { name: nl.save }).click();
	await f.getByLabel(nl.field_work_form).selectOption('poll');
	await f.getByRole('button', { name: nl.step_add_submit }).click();
	await expect(f.getByLabel(nl.field_poll_choices)).toHaveValue('');
	await f.getByRole('link', { name: nl.back_to_session }).click();
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const consoleUrl = new URL(f.url()).pathname;
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	const [qna, poll] = await f
		.locator('.step-list input[name="stepId"]')
		.evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).value))]);
	await f.getByRole('button', { name: `${nl.live_open_answers} – ${nl.wf_qna_name}` }).click();

	const projector = await f.context().newPage();
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await projector.goto(consoleUrl.replace(/\/live$/, '/projector'));
	await expect(projector.getByText(nl.live_no_results)).toBeVisible();

	// A phone asks; the text is shown as text, never run.
	const phone = await newPage(browser, { width: 360 });
	await phone.goto(`/join?code=${code}`);
	await phone.getByLabel(nl.field_display_name_live).fill('Amal');
	await phone.getByRole('button', { name: nl.join_submit }).click();
	await expect(phone.getByText(nl.qna_anonymous)).toBeVisible();
	await phone.getByLabel(nl.qna_field).fill('Hoe vraag je door <b>zonder</b> te oordelen?');
	await phone.getByRole('button', { name: nl.qna_submit }).click();
	await expect(phone.locator('.notice.beside').filter({ hasText: nl.qna_saved })).toBeVisible();
	const question = 'Hoe vraag je door <b>zonder</b> te oordelen?';
	await expect(phone.getByText(question, { exact: true })).toBeVisible();
	// A second question from another phone, which two more phones upvote.
	const others = [];
	for (const name of ['Bert', 'Chen', 'Dana']) others.push(await httpPhone(baseURL!, code, name));
	await formAction(others[0]!, baseURL!, '/live?/ask', {
		stepId: qna!,
		clientId: `ask-${Date.now()}`,
		anonymous: '1',
		text: 'Wat doe je als iemand boos wordt?'
	});
	await phone.reload();
	const second = phone
		.locator('.qna-list li')
		.filter({ hasText: 'Wat doe je als iemand boos wordt?' });
	await expect(second).toBeVisible();
	const secondId = (await second.getAttribute('id'))!.replace(/^q-/, '');
	for (const p of others.slice(1))
		await formAction(p, baseURL!, '/live?/upvote', { stepId: qna!, questionId: secondId, up: '1' });
	// Amal upvotes it too, twice by mistake, then takes it back: one tap, one vote, undone.
	await second.getByRole('button', { name: new RegExp(`^${nl.qna_upvote}`) }).click();
	await expect(second.getByText(pluralMessage(nl.qna_votes, 3, { count: 3 }))).toBeVisible();
	await expect(
		second.getByRole('button', { name: new RegExp(`^${nl.qna_upvote_undo}`) })
	).toHaveAttribute('aria-pressed', 'true');
	await phone.screenshot({ path: 'test-results/screens/phone-qna-360.png', fullPage: true });
	await checkA11y(phone);
	await expectNoHorizontalScroll(phone);

	// The projector shows the most wanted question first, with its count, no names.
	const rows = projector.locator('.pj-tally li');
	await expect(rows.first()).toContainText('Wat doe je als iemand boos wordt?');
	await expect(rows.first()).toContainText(pluralMessage(nl.qna_votes, 3, { count: 3 }));
	await expect(rows.nth(1)).toContainText(question);
	for (const name of ['Amal', 'Bert', 'Chen', 'Dana'])
		await expect(projector.getByText(name)).toHaveCount(0);
	expect(await projector.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(
		true
	);
	await projector.screenshot({ path: 'test-results/screens/projector-qna-1920.png' });
	await checkA11y(projector);

	// The facilitator marks it answered from the console: it goes last, said in words.
	await f.reload();
	const item = f.locator('.results li').filter({ hasText: 'Wat doe je als iemand boos wordt?' });
	await item.getByRole('button', { name: new RegExp(`^${nl.qna_mark_answered}`) }).click();
	await expect(item).toContainText(nl.qna_answered);
	await expect(rows.last()).toContainText(nl.qna_answered);
	await expect(rows.first()).toContainText(question);
	// Hiding the other one takes it off every screen; it can be shown again.
	const first = f.locator('.results li').filter({ hasText: question });
	await first.getByRole('button', { name: new RegExp(`^${nl.qna_hide}`) }).click();
	await expect(projector.getByText(question, { exact: true })).toHaveCount(0);
	await expect(f.getByRole('heading', { name: nl.qna_hidden_title })).toBeVisible();
	await f.screenshot({ path: 'test-results/screens/console-qna-1280.png', fullPage: true });
	await checkA11y(f);
	await f.getByRole('button', { name: new RegExp(`^${nl.qna_show}`) }).click();
	await expect(projector.getByText(question, { exact: true })).toBeVisible();

	// A quick poll: a scale of 1 to 5. Amal picks 2, then 5; Bert picks 5.
	await formAction(f.request, baseURL!, `${consoleUrl}?/startStep`, { stepId: poll! });
	await expect(phone.getByRole('radio', { name: '5 van 5' })).toBeVisible();
	await expect(phone.getByText(nl.poll_anonymous)).toBeVisible();
	await phone.getByRole('radio', { name: '2 van 5' }).check();
	await phone.getByRole('button', { name: nl.poll_submit }).click();
	await expect(phone.getByText('Je koos: 2 van 5')).toBeVisible();
	await phone.getByRole('radio', { name: '5 van 5' }).check();
	await phone.getByRole('button', { name: nl.poll_submit }).click();
	await expect(phone.getByText('Je koos: 5 van 5')).toBeVisible();
	await formAction(others[0]!, baseURL!, '/live?/poll', { stepId: poll!, choice: '4' });
	// Bad input changes nothing: a point that is not on the scale.
	const refused = await others[1]!.post('/live?/poll', {
		data: new URLSearchParams({ stepId: poll!, choice: '9' }).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true',
			origin: baseURL!
		}
	});
	expect(JSON.stringify(await refused.json())).toContain(nl.error_poll_choice);
	await expect(projector.getByText(pluralMessage(nl.poll_voters, 2, { count: 2 }))).toBeVisible();
	await expect(projector.locator('.pj-tally li').last()).toContainText(
		pluralMessage(nl.poll_count, 2, { count: 2 })
	);
	await projector.screenshot({ path: 'test-results/screens/projector-poll-1920.png' });
	await checkA11y(projector);
	await projector.setViewportSize({ width: 1280, height: 720 });
	expect(await projector.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(
		true
	);
	await projector.screenshot({ path: 'test-results/screens/projector-poll-1280.png' });
	await phone.screenshot({ path: 'test-results/screens/phone-poll-360.png', fullPage: true });
	await checkA11y(phone);
	for (const p of others) await p.dispose();
});
