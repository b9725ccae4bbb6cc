import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, newPage, unique, pluralMessage, scoreCheckin } from './helpers.ts';

const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
const plural = pluralMessage;

test('a member commits, fills the plan, a sprint with an action, and sees the change between the start and end check-ins', async ({
	browser
}) => {
	// A long journey on a shared 2-core machine: more time than the default, never a timing check.
	test.setTimeout(180_000);
	const page = await newPage(browser);
	await page.goto('/sign-up');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Olga');
	await page.getByLabel(nl.field_email).fill(unique('olga'));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Olga');
	const network = `Engagement ${Date.now()}`;
	await page.goto('/networks/new');
	await page.getByLabel(nl.field_network_name).fill(network);
	await page.getByLabel(nl.field_purpose).fill('Samen leren');
	await page.getByLabel(nl.field_core_value).fill('Respect');
	await page.getByRole('button', { name: nl.network_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(network);

	// From the network's navigation to the (empty) list, then the new form.
	await page
		.getByRole('navigation', { name: nl.network_nav_label })
		.getByRole('link', { name: nl.network_nav_commitments })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.commitments_title);
	await expect(page.getByText(nl.commitments_none)).toBeVisible();
	await checkA11y(page);
	await page.getByRole('link', { name: nl.commitment_new }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(nl.commitment_new);
	await checkA11y(page);
	// Empty title: refused next to the field.
	await page.getByRole('button', { name: nl.commitment_create }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_required);
	await checkA11y(page);
	await page
		.getByLabel(nl.field_commitment_title)
		.fill('Ik durf te werken met ervaringsdeskundigen');
	await page.getByLabel(nl.field_commitment_first_step).fill('Amal mailen voor een kennismaking');
	await page.getByLabel(nl.field_commitment_needs).fill('Een contact bij de stad');
	await page.getByLabel(nl.field_commitment_thresholds).fill('Mijn eigen onzekerheid');
	await page.getByLabel(new RegExp(nl.visibility_network)).check();
	await page.getByRole('button', { name: nl.commitment_create }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ik durf te werken met ervaringsdeskundigen'
	);
	await status(page, nl.commitment_created);
	await checkA11y(page);

	// The plan: the 100-day question, a role, the council.
	const plan = page.getByRole('form', { name: nl.plan_title });
	await plan.getByLabel(nl.field_plan_hundred_days).fill('Drie gesprekken gevoerd');
	await plan.getByLabel(nl.role_connecting).check();
	await plan.getByLabel(nl.field_plan_council).fill('Amal\nJoost');
	await plan.getByRole('button', { name: nl.plan_save }).click();
	await status(page, nl.plan_saved);
	await expect(
		page.getByRole('form', { name: nl.plan_title }).getByLabel(nl.role_connecting)
	).toBeChecked();

	// A sprint that ends before it starts is refused; then a real one.
	const sprintForm = page.getByRole('form', { name: nl.sprint_add_title });
	await sprintForm.getByLabel(nl.field_sprint_start).fill('2027-01-04');
	await sprintForm.getByLabel(nl.field_sprint_end, { exact: false }).fill('2027-01-01');
	await sprintForm.getByRole('button', { name: nl.sprint_add }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_sprint_end_before_start);
	await checkA11y(page);
	const again = page.getByRole('form', { name: nl.sprint_add_title });
	await again.getByLabel(nl.field_sprint_end, { exact: false }).fill('2027-03-31');
	await again.getByRole('button', { name: nl.sprint_add }).click();
	await status(page, nl.sprint_added);
	const sprint = page.getByRole('region', { name: /^Sprint 1/ });
	await expect(sprint).toBeVisible();

	// A recurring action, tried once.
	const action = sprint.getByRole('form', { name: nl.action_add_title });
	await action.getByLabel(nl.field_action_title).fill('Amal bellen');
	await action.getByLabel(nl.field_action_recurrence).selectOption('weeks');
	await action.getByLabel(nl.field_action_every_weeks).fill('2');
	await action.getByRole('button', { name: nl.action_add }).click();
	await status(page, nl.action_added);
	await page
		.getByRole('region', { name: /^Sprint 1/ })
		.getByRole('button', { name: `${nl.action_mark_attempt} – Amal bellen` })
		.click();
	await status(page, nl.action_updated);
	await expect(page.getByRole('region', { name: /^Sprint 1/ })).toContainText(
		plural(nl.action_attempts, 1)
	);

	// The start check-in, then the end check-in: the table shows the change per point.
	const start = page.getByRole('form', { name: new RegExp(`^${nl.checkin_title_start}`) });
	await scoreCheckin(start, [2, 3, 2, 4, 3], 'Weinig uren vrij');
	await start.getByRole('button', { name: new RegExp(`^${nl.checkin_save}`) }).click();
	await status(page, nl.checkin_saved);
	await checkA11y(page);
	const end = page.getByRole('form', { name: new RegExp(`^${nl.checkin_title_end}`) });
	await scoreCheckin(end, [4, 3, 3, 2, 3], 'Uren vrijgemaakt');
	await end.getByRole('button', { name: new RegExp(`^${nl.checkin_save}`) }).click();
	await status(page, nl.checkin_saved);
	const table = page.getByRole('table', { name: nl.comparison_title });
	await expect(table.getByRole('row', { name: new RegExp(nl.point_time) })).toContainText(
		plural(nl.change_better, 2)
	);
	await expect(table.getByRole('row', { name: new RegExp(nl.point_organisation) })).toContainText(
		plural(nl.change_worse, 2)
	);
	await expect(table.getByRole('row', { name: new RegExp(nl.point_money) })).toContainText(
		nl.change_same
	);
	await checkA11y(page);

	// The list shows it as mine, active, with no check-in left in this sprint.
	await page.getByRole('link', { name: nl.commitment_back }).click();
	const mine = page.getByRole('table', { name: nl.commitments_mine });
	await expect(mine).toContainText('Ik durf te werken met ervaringsdeskundigen');
	await expect(mine).toContainText(nl.commitment_state_active);
	await expect(mine).toContainText(nl.commitment_no_checkin);
	await checkA11y(page);
	await page.context().close();
});

test('with JavaScript off, a commitment is made and kept: its forms show the stored values and a state change is dated', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const page = await newPage(browser, { javaScriptEnabled: false });
	await page.goto('/sign-up');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Noor');
	await page.getByLabel(nl.field_email).fill(unique('noor'));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Noor');
	await page.goto('/networks/new');
	await page.getByLabel(nl.field_network_name).fill(`Zonder script ${Date.now()}`);
	await page.getByLabel(nl.field_purpose).fill('Samen leren');
	await page.getByLabel(nl.field_core_value).fill('Respect');
	await page.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(page.url()).pathname;
	await page.goto(`${networkUrl}/commitments/new`);
	await page.getByLabel(nl.field_commitment_title).fill('Trainingen over inclusie op het werk');
	await page.getByLabel(nl.field_commitment_needs).fill('Een zaal\nen koffie');
	await page.getByRole('button', { name: nl.commitment_create }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Trainingen over inclusie op het werk'
	);
	await checkA11y(page);
	const plan = page.getByRole('form', { name: nl.plan_title });
	await plan.getByLabel(nl.field_plan_council).fill('Amal\nJoost');
	await plan.getByRole('button', { name: nl.plan_save }).click();
	await status(page, nl.plan_saved);
	// A state change without a reason is refused next to the field; with one it is dated.
	const state = page.getByRole('form', { name: nl.commitment_state_change });
	await state.getByLabel(nl.field_state_new).selectOption('paused');
	await state.getByRole('button', { name: nl.commitment_state_change }).click();
	await expect(page.getByRole('alert')).toContainText(nl.error_required);
	await checkA11y(page);
	await page
		.getByRole('form', { name: nl.commitment_state_change })
		.getByLabel(nl.field_state_reason)
		.fill('Eerst de zomer door');
	await page
		.getByRole('form', { name: nl.commitment_state_change })
		.getByRole('button', { name: nl.commitment_state_change })
		.click();
	await status(page, nl.commitment_state_changed);
	await expect(page.getByRole('list', { name: nl.commitment_history_title })).toContainText(
		`${nl.commitment_state_paused} – Eerst de zomer door`
	);
	// Loaded afresh, the text areas hold what was stored.
	await page.goto(page.url().split('?')[0]!);
	await expect(
		page.getByRole('form', { name: nl.plan_title }).getByLabel(nl.field_plan_council)
	).toHaveValue('Amal\nJoost');
	await page.locator('summary', { hasText: nl.commitment_edit }).click();
	await expect(
		page.getByRole('form', { name: nl.commitment_edit }).getByLabel(nl.field_commitment_needs)
	).toHaveValue('Een zaal\nen koffie');
	await page.context().close();
});
