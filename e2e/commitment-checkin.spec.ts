import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, expectNoHorizontalScroll, inviteAndJoin, newPage, unique } from './helpers.ts';
import { NL_JOIN } from './dutch.ts';

type Message = string | { match: Record<string, string> }[];
const rules = new Intl.PluralRules('nl');
/** A message with its placeholders filled; for plural forms, the variant for the numbers given. */
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

async function join(page: Page, code: string, name?: string) {
	await page.goto('/join');
	await page.getByLabel(nl.field_join_code).fill(code);
	if (name) await page.getByLabel(nl.field_display_name_live).fill(name);
	await page.getByRole('button', { name: nl.join_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('a member looks back on their commitment in the next session: they report it kept, the projector shows the count and only the line they let it show', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const fatima = await newPage(browser);
	await fatima.goto('/sign-up');
	await fatima.getByLabel(nl.field_name, { exact: true }).fill('Fatima');
	await fatima.getByLabel(nl.field_email).fill(unique('fatima'));
	await fatima.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await fatima.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(fatima.getByRole('heading', { level: 1 })).toContainText('Fatima');
	const network = `Terugblik ${Date.now()}`;
	await fatima.goto('/networks/new');
	await fatima.getByLabel(nl.field_network_name).fill(network);
	await fatima.getByLabel(nl.field_purpose).fill('Samen leren');
	await fatima.getByLabel(nl.field_core_value).fill('Respect');
	await fatima.getByRole('button', { name: nl.network_create_submit }).click();
	await expect(fatima.getByRole('heading', { level: 1 })).toHaveText(network);
	const networkId = new URL(fatima.url()).pathname.split('/')[2]!;

	// Olga is a member with a commitment of her own (private: only she sees it).
	const { page: olga } = await inviteAndJoin(
		browser,
		fatima,
		{ networkId, network, name: 'Olga' },
		NL_JOIN
	);
	const title = 'Een nep-intake oefenen';
	await olga.goto(`/networks/${networkId}/commitments/new`);
	await olga.getByLabel(nl.field_commitment_title).fill(title);
	await olga.getByRole('button', { name: nl.commitment_create }).click();
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText(title);
	const commitmentUrl = new URL(olga.url()).pathname;

	// The next session opens with a look back on the commitments.
	await fatima.goto(`/networks/${networkId}/sessions/new`);
	await fatima.getByLabel(nl.field_session_title).fill('Sessie 2');
	await fatima.getByRole('button', { name: nl.session_create_submit }).click();
	await fatima.getByLabel(nl.field_work_form).selectOption('commitment_checkin');
	await fatima.getByRole('button', { name: nl.step_add_submit }).click();
	await expect(fatima.getByLabel(nl.field_prompt)).toHaveValue(nl.wf_commitment_checkin_prompt);
	await checkA11y(fatima);
	await fatima.getByRole('link', { name: nl.back_to_session }).click();
	await fatima.getByRole('link', { name: nl.live_start }).click();
	await fatima.getByRole('button', { name: nl.live_start }).click();
	const code = (await fatima.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	const consoleUrl = new URL(fatima.url()).pathname;

	// Olga joins signed in, on a small phone; a guest joins without an account.
	await olga.setViewportSize({ width: 360, height: 800 });
	await join(olga, code);
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText(nl.wf_commitment_checkin_name);
	const guest = await newPage(browser, { width: 360 });
	await join(guest, code, 'Gast');
	await fatima
		.getByRole('button', {
			name: `${nl.live_open_answers} – ${nl.wf_commitment_checkin_name}`
		})
		.click();

	await expect(guest.getByText(nl.checkback_no_account)).toBeVisible();
	await expect(guest.getByRole('link', { name: nl.checkback_sign_in })).toHaveAttribute(
		'href',
		`/sign-in?next=${encodeURIComponent(`/join?code=${code}`)}`
	);
	await checkA11y(guest);

	const card = olga
		.getByRole('listitem')
		.filter({ has: olga.getByRole('heading', { name: title }) });
	await expect(card).toBeVisible();
	await checkA11y(olga);
	// No outcome chosen: a clear error, nothing stored.
	await olga.getByRole('button', { name: `${nl.checkback_submit} – ${title}` }).click();
	await expect(olga.getByRole('alert')).toContainText(nl.error_checkin_outcome);
	await checkA11y(olga);
	await card.getByLabel(nl.checkback_outcome_kept, { exact: true }).check();
	await card.getByLabel(nl.checkback_line_label).fill('Drie keer geoefend, het werkt!');
	await card.getByLabel(nl.checkback_show_line).check();
	await olga.getByRole('button', { name: `${nl.checkback_submit} – ${title}` }).click();
	await expect(olga.getByRole('status').filter({ hasText: nl.checkback_saved })).toBeVisible();
	await expect(
		card.getByText(fill(nl.checkback_yours, { outcome: nl.checkback_outcome_kept }))
	).toBeVisible();
	// What she wrote stays in the field: the report stands, and changing it starts from it.
	await expect(card.getByLabel(nl.checkback_line_label)).toHaveValue(
		'Drie keer geoefend, het werkt!'
	);
	await expect(card.getByLabel(nl.checkback_show_line)).toBeChecked();
	await expectNoHorizontalScroll(olga);
	await checkA11y(olga);

	// The projector: the count and the line, and neither her name nor her commitment.
	const projector = await fatima.context().newPage();
	await projector.setViewportSize({ width: 1920, height: 1080 });
	await projector.goto(consoleUrl.replace(/\/live$/, '/projector'));
	await expect(projector.getByRole('heading', { level: 1 })).toHaveText(
		nl.wf_commitment_checkin_name
	);
	const results = projector.locator('.pj-stage');
	await expect(
		results.getByRole('listitem').filter({ hasText: nl.checkback_outcome_kept })
	).toHaveText(`1 ${nl.checkback_outcome_kept}`);
	await expect(
		results.getByText(fill(nl.checkback_reported_of, { reported: 1, open: 1 }))
	).toBeVisible();
	await expect(results.getByText('Drie keer geoefend, het werkt!')).toBeVisible();
	await expect(projector.getByText('Olga')).toHaveCount(0);
	await expect(projector.getByText(title)).toHaveCount(0);
	await checkA11y(projector);

	// She changes her mind: partly, and the line stays off the screen. The projector follows.
	await card.getByLabel(nl.checkback_outcome_partly, { exact: true }).check();
	await card.getByLabel(nl.checkback_show_line).uncheck();
	await olga.getByRole('button', { name: `${nl.checkback_submit} – ${title}` }).click();
	await expect(
		card.getByText(fill(nl.checkback_yours, { outcome: nl.checkback_outcome_partly }))
	).toBeVisible();
	await expect(results.getByText('Drie keer geoefend, het werkt!')).toHaveCount(0);
	await expect(
		results.getByRole('listitem').filter({ hasText: nl.checkback_outcome_partly })
	).toHaveText(`1 ${nl.checkback_outcome_partly}`);
	await expect(results.getByText(nl.checkback_no_lines)).toBeVisible();

	// "Partly" in the room does not change the commitment; its page shows the report to Olga.
	await olga.goto(commitmentUrl);
	await expect(
		olga.getByText(fill(nl.commitment_state_now, { state: nl.commitment_state_active }))
	).toBeVisible();
	await expect(olga.getByText(nl.checkback_latest_title)).toBeVisible();
	await checkA11y(olga);

	// The report lists the check-in: counts, no hidden line.
	await fatima.goto(consoleUrl.replace(/\/live$/, '/report'));
	await expect(
		fatima.getByText(fill(nl.checkback_counts, { kept: 0, partly: 1, notYet: 0 }))
	).toBeVisible();
	await expect(fatima.getByText('Drie keer geoefend')).toHaveCount(0);
	await checkA11y(fatima);
	for (const p of [fatima, olga, guest]) await p.context().close();
});
