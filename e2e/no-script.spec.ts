import { expect, test, type Locator, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, newPage, unique } from './helpers.ts';

/**
 * With JavaScript off, a form shows only what the server's HTML holds. Every edit form must come
 * back with its stored values (text areas too), so saving it unchanged loses nothing.
 */
const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

async function expectValues(scope: Locator | Page, values: Record<string, string>) {
	for (const [label, value] of Object.entries(values)) {
		await expect(scope.getByLabel(label).first(), label).toHaveValue(value);
	}
}

test('with JavaScript off, every edit form shows its stored values and saving a step unchanged keeps its prompt', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const page = await newPage(browser, { javaScriptEnabled: false });
	await page.goto('/sign-up');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Noor Zonder Script');
	await page.getByLabel(nl.field_email).fill(unique('noscript'));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Noor Zonder Script');

	// Account name.
	await page.goto('/account');
	await expectValues(page, { [nl.field_display_name]: 'Noor Zonder Script' });
	await checkA11y(page);

	// Network settings: the purpose, regions and house rules are text areas.
	const networkName = `Zonder script ${Date.now()}`;
	await page.goto('/networks/new');
	await page.getByLabel(nl.field_network_name).fill(networkName);
	await page.getByLabel(nl.field_purpose).fill('Samen leren\nover drempels & <grenzen>');
	await page.getByLabel(nl.field_core_value).fill('Respect');
	await page.getByRole('button', { name: nl.network_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(networkName);
	const networkUrl = new URL(page.url()).pathname;
	await page.goto(`${networkUrl}/settings`);
	await page.getByLabel(nl.field_regions).fill('Noord\nZuid');
	await page.getByLabel(nl.field_house_rules).fill('We luisteren naar elkaar.');
	await page.getByRole('button', { name: nl.save }).click();
	await page.goto(`${networkUrl}/settings`);
	await expectValues(page, {
		[nl.field_network_name]: networkName,
		[nl.field_purpose]: 'Samen leren\nover drempels & <grenzen>',
		[nl.field_core_value]: 'Respect',
		[nl.field_regions]: 'Noord\nZuid',
		[nl.field_house_rules]: 'We luisteren naar elkaar.'
	});
	await checkA11y(page);

	// A session with its objectives, then its edit form.
	await page.goto(`${networkUrl}/sessions/new`);
	await page.getByLabel(nl.field_session_title).fill('Sessie zonder script');
	await page.getByLabel(nl.field_date).fill('2027-03-04');
	await page.getByLabel(nl.field_time).fill('14:00');
	await page.getByLabel(nl.field_place).fill('Buurthuis');
	await page.getByLabel(nl.field_objectives).fill('Drempels zien\nen verlagen');
	await page.getByRole('button', { name: nl.session_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Sessie zonder script');
	const sessionUrl = new URL(page.url()).pathname;
	await page.getByRole('link', { name: nl.session_edit }).click();
	await expectValues(page, {
		[nl.field_session_title]: 'Sessie zonder script',
		[nl.field_date]: '2027-03-04',
		[nl.field_time]: '14:00',
		[nl.field_place]: 'Buurthuis',
		[nl.field_objectives]: 'Drempels zien\nen verlagen'
	});
	await checkA11y(page);

	// A post-it round whose prompt has more than one line and markup-like text.
	await page.goto(sessionUrl);
	await page.getByLabel(nl.field_work_form).selectOption('postit_round');
	await page.getByRole('button', { name: nl.step_add_submit }).click();
	await expect(page.getByRole('status')).toContainText(nl.step_added);
	const stepUrl = new URL(page.url()).pathname;
	const prompt = 'Wat houdt je tegen?\nSchrijf één ding per post-it <b>kort</b> & duidelijk.';
	await page.getByLabel(nl.field_prompt).fill(prompt);
	await page.getByLabel(nl.field_step_minutes).fill('12');
	await page.getByLabel(nl.field_max_per_person).fill('2');
	await page.getByLabel(nl.field_anonymous).check();
	await page.getByRole('button', { name: nl.save }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Sessie zonder script');

	// Open the edit form and save it without touching anything: nothing may be lost.
	await page.goto(stepUrl);
	const stepValues = {
		[nl.field_step_title]: nl.wf_postit_round_name,
		[nl.field_step_minutes]: '12',
		[nl.field_prompt]: prompt,
		[nl.field_max_per_person]: '2'
	};
	await expectValues(page, stepValues);
	await expect(page.getByLabel(nl.field_anonymous)).toBeChecked();
	await checkA11y(page);
	await page.getByRole('button', { name: nl.save }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Sessie zonder script');
	await expect(page.getByText('Wat houdt je tegen?')).toBeVisible();
	await page.goto(stepUrl);
	await expectValues(page, stepValues);
	await expect(page.getByLabel(nl.field_anonymous)).toBeChecked();

	// The report's introduction, a section note and the closing.
	await page.goto(`${sessionUrl}/report/edit`);
	await page.getByLabel(nl.report_intro).fill('Een inleiding\nover twee regels.');
	await page.getByLabel(nl.report_note).fill('Een toelichting.');
	await page.getByLabel(nl.report_closing).fill('Tot de volgende keer.');
	await page.getByRole('button', { name: nl.report_save }).click();
	await page.goto(`${sessionUrl}/report/edit`);
	await expectValues(page, {
		[nl.report_intro]: 'Een inleiding\nover twee regels.',
		[nl.report_note]: 'Een toelichting.',
		[nl.report_closing]: 'Tot de volgende keer.'
	});
	await checkA11y(page);

	// A resource's description, on its edit form.
	await page.goto(`${networkUrl}/resources`);
	const add = page.getByRole('form', { name: nl.resource_add_title });
	await add.getByLabel(nl.field_resource_title).fill('Gids drempelvrij');
	await add.getByLabel(nl.field_resource_kind).selectOption('watch_tip');
	await add.getByLabel(nl.field_link).fill('https://example.org/gids');
	await add.getByLabel(nl.field_description).fill('Een gids\nmet tips.');
	await add.getByRole('button', { name: nl.resource_add_submit }).click();
	await status(page, nl.resource_added);
	await page.goto(page.url().split('?')[0]!);
	const edit = page.getByRole('form', { name: nl.resource_edit_title });
	await expectValues(edit, {
		[nl.field_resource_title]: 'Gids drempelvrij',
		[nl.field_resource_kind]: 'watch_tip',
		[nl.field_link]: 'https://example.org/gids',
		[nl.field_description]: 'Een gids\nmet tips.'
	});
	await checkA11y(page);

	// The trajectory's intent and goal.
	await page.goto(`${networkUrl}/trajectory`);
	const intent = page.getByRole('form', { name: nl.intent_title });
	await intent.getByLabel(nl.field_intent).fill('Iedereen welkom\nin de bieb.');
	await intent.getByRole('button', { name: nl.intent_save }).click();
	await status(page, nl.intent_saved);
	const goal = page.getByRole('form', { name: nl.goal_title });
	await goal.getByLabel(nl.field_goal, { exact: true }).fill('Een leesclub');
	await goal.getByLabel(nl.field_goal_why).fill('Omdat lezen\nverbindt.');
	await goal.getByLabel(nl.field_goal_state).selectOption('set');
	await goal.getByRole('button', { name: nl.goal_save }).click();
	await status(page, nl.goal_saved);
	await page.goto(`${networkUrl}/trajectory`);
	await expectValues(intent, { [nl.field_intent]: 'Iedereen welkom\nin de bieb.' });
	await expect(goal.getByLabel(nl.field_goal, { exact: true })).toHaveValue('Een leesclub');
	await expectValues(goal, {
		[nl.field_goal_why]: 'Omdat lezen\nverbindt.',
		[nl.field_goal_state]: 'set'
	});
	await checkA11y(page);
	await page.context().close();
});

test('what someone types before the script arrives is kept when the page comes alive', async ({
	browser
}) => {
	const page = await newPage(browser);
	await page.goto('/sign-up');
	await page.getByLabel(nl.field_name, { exact: true }).fill('Sam Traag');
	await page.getByLabel(nl.field_email).fill(unique('slow'));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Sam Traag');
	await page.goto('/networks/new');
	await page.getByLabel(nl.field_network_name).fill(`Traag ${Date.now()}`);
	await page.getByLabel(nl.field_purpose).fill('Samen leren');
	await page.getByLabel(nl.field_core_value).fill('Respect');
	await page.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(page.url()).pathname;
	await page.goto(`${networkUrl}/sessions/new`);
	await page.getByLabel(nl.field_session_title).fill('Trage telefoon');
	await page.getByRole('button', { name: nl.session_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Trage telefoon');
	const editUrl = `${new URL(page.url()).pathname}/report/edit`;
	await page.goto(editUrl);
	await page.getByLabel(nl.report_intro).fill('Bewaarde inleiding');
	await page.getByRole('button', { name: nl.report_save }).click();
	await expect(page.getByRole('status').filter({ hasText: /versie 1/ })).toBeVisible();

	// A slow phone: the page's script is held back while the person already types.
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(editUrl, { waitUntil: 'domcontentloaded' });
	const intro = page.getByLabel(nl.report_intro);
	await expect(intro).toHaveValue('Bewaarde inleiding');
	await expect(page.getByText(nl.report_autosave_hint)).toHaveCount(0);
	await intro.fill('Getypt voordat het script er was');
	release();
	// The autosave hint appears once the page has come alive.
	await expect(page.getByText(nl.report_autosave_hint)).toBeVisible();
	await expect(intro).toHaveValue('Getypt voordat het script er was');
	await checkA11y(page);
	await page.context().close();
});
