import { expect, test } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import {
	checkA11y,
	expectNoHorizontalScroll,
	fillMessage,
	newPage,
	pluralMessage,
	waitForMail
} from './helpers.ts';
import { coordinatorWithNetwork } from './dutch.ts';
import { formAction } from './room.ts';

/** "You have N of 5 dots left": the budget (5) is plural, the dots left one or more. */
const dotsLeft = (left: number) => {
	const match = (nl.dots_left as unknown as [{ match: Record<string, string> }])[0].match;
	const form =
		match[left === 1 ? 'leftPlural=one, budgetPlural=*' : 'leftPlural=*, budgetPlural=*']!;
	return fillMessage(form, { left, budget: 5 });
};

/**
 * The phone knows where it is: a welcome by the name given with the house rules one tap away,
 * a count of the characters left, the confirmation beside the button, a few seconds to undo a
 * delete, buttons that look disabled when no dots are left, and a phone that joins again is
 * the same participant: its dots do not come back.
 */
test('the phone: welcome, house rules, character count, undo a delete, dots spent, joining again', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const f = await newPage(browser, { width: 1280 });
	const network = `Telefoon ${Date.now()}`;
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', network);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Thuis in de bibliotheek');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	for (const kind of ['postit_round', 'dot_vote']) {
		await f.getByLabel(nl.field_work_form).selectOption(kind);
		await f.getByRole('button', { name: nl.step_add_submit }).click();
		await f.getByRole('link', { name: nl.back_to_session }).click();
	}
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const consoleUrl = new URL(f.url()).pathname;
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	const [round, vote] = await f
		.locator('.step-list input[name="stepId"]')
		.evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLInputElement).value))]);

	// Joining says that it means accepting the house rules; the phone then welcomes by name.
	const phone = await newPage(browser, { width: 360 });
	await phone.goto(`/join?code=${code}`);
	await expect(phone.getByText(nl.join_rules_note)).toBeVisible();
	await phone.getByLabel(nl.field_display_name_live).fill('Amal');
	await phone.getByRole('button', { name: nl.join_submit }).click();
	await expect(
		phone.getByRole('heading', { name: fillMessage(nl.live_welcome_title, { name: 'Amal' }) })
	).toBeVisible();
	await expect(phone.getByText(fillMessage(nl.live_rules_accept, { network }))).toBeVisible();
	const rules = phone.locator('details.room-rules');
	await rules.locator('summary').click();
	await expect(rules.locator('p')).not.toBeEmpty();
	await phone.screenshot({ path: 'test-results/screens/phone-welcome-360.png', fullPage: true });
	await checkA11y(phone);

	// The round opens: the count of characters left follows the typing.
	await formAction(f.request, baseURL!, `${consoleUrl}?/state`, { stepId: round!, state: 'open' });
	const field = phone.getByLabel(nl.field_postit);
	await expect(field).toBeVisible();
	await field.fill('Een taalcafé');
	await expect(phone.locator('#field-text-count')).toHaveText(
		pluralMessage(nl.chars_left, 268, { left: 268, max: 280 })
	);
	await phone.getByRole('button', { name: nl.postit_submit }).click();
	// The confirmation is beside the button, not at the top of the page.
	const saved = phone.locator('.notice.beside').filter({ hasText: nl.postit_saved });
	await expect(saved).toBeVisible();
	await expect(phone.locator('#field-text-count')).toHaveText(
		pluralMessage(nl.chars_left, 280, { left: 280, max: 280 })
	);
	await field.fill('Weg ermee');
	await phone.getByRole('button', { name: nl.postit_submit }).click();
	await expect(
		phone.getByRole('button', { name: `${nl.postit_delete} – Weg ermee` })
	).toBeVisible();
	await phone.screenshot({ path: 'test-results/screens/phone-postits-360.png', fullPage: true });
	await expectNoHorizontalScroll(phone);

	// Delete, and undo within the few seconds: the post-it stays, focus back on its button.
	await phone.getByRole('button', { name: `${nl.postit_delete} – Weg ermee` }).click();
	const undo = phone.getByRole('button', { name: `${nl.postit_delete_undo} – Weg ermee` });
	await expect(undo).toBeFocused();
	await expect(phone.getByText(nl.postit_delete_pending)).toBeVisible();
	await undo.click();
	await expect(
		phone.getByRole('button', { name: `${nl.postit_delete} – Weg ermee` })
	).toBeFocused();
	await phone.reload();
	await expect(
		phone.getByRole('button', { name: `${nl.postit_delete} – Weg ermee` })
	).toBeVisible();
	// Delete without undo: after the few seconds it is gone.
	await phone.getByRole('button', { name: `${nl.postit_delete} – Weg ermee` }).click();
	await expect(phone.getByRole('status').filter({ hasText: nl.postit_deleted })).toHaveCount(1, {
		timeout: 15_000
	});
	await expect(phone.getByRole('button', { name: `${nl.postit_delete} – Weg ermee` })).toHaveCount(
		0
	);

	// The vote: every dot spent, the buttons look disabled (no fill, a dashed edge).
	await formAction(f.request, baseURL!, `${consoleUrl}?/state`, {
		stepId: round!,
		state: 'closed'
	});
	await formAction(f.request, baseURL!, `${consoleUrl}?/startStep`, { stepId: vote! });
	const add = phone.getByRole('button', { name: `${nl.dot_add} – Een taalcafé` });
	await expect(add).toBeEnabled();
	for (let left = 4; left >= 0; left--) {
		await add.click();
		await expect(phone.getByText(dotsLeft(left))).toBeVisible();
	}
	await expect(add).toBeDisabled();
	expect(await add.evaluate((b) => getComputedStyle(b).borderStyle)).toBe('dashed');
	await phone.screenshot({ path: 'test-results/screens/phone-vote-spent-360.png', fullPage: true });
	await checkA11y(phone);

	// Joining again from the same phone: the same participant, no new dots.
	await phone.goto(`/join?code=${code}`);
	await expect(phone.getByText(fillMessage(nl.join_in_as, { name: 'Amal' }))).toBeVisible();
	await phone.getByLabel(nl.field_display_name_live).fill('Amal');
	await phone.getByRole('button', { name: nl.join_submit }).click();
	await expect(
		phone.getByText(pluralMessage(nl.dots_left, 0, { left: 0, budget: 5 }))
	).toBeVisible();
	await expect(phone.getByRole('button', { name: `${nl.dot_add} – Een taalcafé` })).toBeDisabled();
	// No second welcome for the same phone.
	await expect(
		phone.getByRole('heading', { name: fillMessage(nl.live_welcome_title, { name: 'Amal' }) })
	).toHaveCount(0);

	// The session ends: the phone thanks by name and offers the report by e-mail; a bad address
	// is refused beside its field; the report, once shared, reaches the address.
	await formAction(f.request, baseURL!, `${consoleUrl}?/end`, {});
	await phone.reload();
	await expect(phone).toHaveURL(/\/live\/thanks$/);
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(nl.thanks_title);
	await phone.getByLabel(nl.field_email).fill('geen adres');
	await phone.getByRole('button', { name: nl.thanks_mail_submit }).click();
	await expect(phone.getByRole('alert')).toContainText(nl.error_email);
	const address = `amal-${Date.now()}@example.org`;
	await phone.getByLabel(nl.field_email).fill(address);
	await phone.getByRole('button', { name: nl.thanks_mail_submit }).click();
	await expect(phone.getByRole('status')).toContainText(
		fillMessage(nl.thanks_mail_saved, { email: address })
	);
	await phone.screenshot({ path: 'test-results/screens/phone-thanks-360.png', fullPage: true });
	await checkA11y(phone);
	await f.goto(consoleUrl.replace(/\/live$/, '/report/edit'));
	await f.getByRole('button', { name: nl.report_publish }).click();
	await expect(f.getByRole('status').filter({ hasText: nl.report_published_now })).toHaveCount(1);
	// One mail to the address the participant left, however long the job queue takes.
	const reportMails = await waitForMail(
		f,
		fillMessage(nl.mail_report_subject, { title: 'Thuis in de bibliotheek' }),
		address
	);
	await expect(reportMails).toHaveCount(1);
});
