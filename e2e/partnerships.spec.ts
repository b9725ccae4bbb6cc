import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import {
	checkA11y,
	expectNoHorizontalScroll,
	fillMessage as fill,
	newPage,
	openMail,
	pluralMessage as plural,
	unique
} from './helpers.ts';

const PASSWORD = 'een lang wachtwoord 2026';
const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
const DIMENSIONS = ['diversity', 'equal_opportunity', 'accessibility', 'inclusion'] as const;

/** Scores every dimension on the partner page: a level each, evidence for the first. */
async function score(page: Page, on: string, levels: number[], evidence = '') {
	const form = page.getByRole('form', { name: /scoren/ });
	await form.getByLabel(nl.partner_evaluated_on).fill(on);
	for (const [i, d] of DIMENSIONS.entries())
		await form.locator(`input[name="level-${d}"][value="${levels[i]}"]`).check();
	if (evidence)
		await form
			.getByLabel(fill(nl.partner_evidence, { dimension: nl.dimension_diversity }))
			.fill(evidence);
	await form.getByRole('button', { name: nl.partner_evaluate_submit }).click();
	await status(page, nl.partner_evaluated);
}

/**
 * The step plan for inclusive partnerships: a member of a cultural organisation lists three
 * partners, scores them on the four dimensions with the conversation to have, scores one again
 * a year on and sees the change; the coordinator sees only the network's totals.
 */
test('an organisation lists and scores its partners, scores one again a year on, and the network sees only totals', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const c = await newPage(browser);
	await c.goto('/sign-up');
	await c.getByLabel(nl.field_name, { exact: true }).fill('Carla');
	await c.getByLabel(nl.field_email).fill(unique('partners'));
	await c.getByLabel(nl.field_password).fill(PASSWORD);
	await c.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(c.getByRole('heading', { level: 1 })).toContainText('Carla');
	const network = `Actiegroep ${Date.now()}`;
	await c.goto('/networks/new');
	await c.getByLabel(nl.field_network_name).fill(network);
	await c.getByLabel(nl.field_purpose).fill('Inclusieve partnerschappen');
	await c.getByLabel(nl.field_core_value).fill('Samen');
	await c.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(c.url()).pathname;
	await c.goto(`${networkUrl}/organisations`);
	await c.getByLabel(nl.field_organisation_name).fill('Cultuurhuis Noord');
	await c.getByRole('button', { name: nl.organisation_add_submit }).click();
	await expect(c.getByRole('link', { name: 'Cultuurhuis Noord' })).toBeVisible();

	// A member of the cultural organisation joins.
	const email = unique('nora');
	await c.goto(`${networkUrl}/invitations`);
	await c.getByLabel(nl.field_email).fill(email);
	await c.getByLabel(nl.field_organisation).selectOption({ label: 'Cultuurhuis Noord' });
	await c.getByRole('button', { name: nl.invite_submit }).click();
	await status(c, fill(nl.invitation_sent, { email }));
	const n = await newPage(browser, { width: 360 });
	await openMail(n, fill(nl.mail_invite_subject, { network }));
	await n.getByRole('link', { name: /\/invitations\// }).click();
	await n.getByRole('main').getByRole('link', { name: nl.invitation_create_account }).click();
	await n.getByLabel(nl.field_name, { exact: true }).fill('Nora');
	await n.getByLabel(nl.field_password).fill(PASSWORD);
	await n.getByRole('button', { name: nl.sign_up_submit }).click();
	await n.getByLabel(nl.invitation_accept_rules).check();
	await n.getByRole('button', { name: nl.invitation_join }).click();
	await expect(n.getByRole('heading', { level: 1 })).toHaveText(network);

	// Three partners; an empty name is refused first and adds nothing.
	await n.goto(`${networkUrl}/partners`);
	await checkA11y(n);
	await n.getByRole('button', { name: nl.partners_add_submit }).click();
	await expect(n.getByRole('alert')).toBeVisible();
	const partners = [
		['Theater De Kade', 'cultural', [2, 2, 1, 1]],
		['Moskeevereniging Noord', 'community', [3, 2, 2, 2]],
		['Basisschool De Linde', 'education', [2, 3, 2, 1]]
	] as const;
	const urls: string[] = [];
	for (const [name, kind, levels] of partners) {
		await n.goto(`${networkUrl}/partners`);
		await n.getByLabel(nl.partner_name).fill(name);
		await n.getByLabel(nl.partner_kind).selectOption(kind);
		await n.getByLabel(nl.partner_together).fill('Samen activiteiten in de wijk');
		await n.getByRole('button', { name: nl.partners_add_submit }).click();
		await expect(n.getByRole('heading', { level: 1 })).toHaveText(name);
		urls.push(new URL(n.url()).pathname);
		// A level is needed on every dimension: without them nothing is stored.
		if (urls.length === 1) {
			await n.getByRole('button', { name: nl.partner_evaluate_submit }).click();
			await expect(n.getByRole('alert')).toContainText(nl.error_partner_level);
			await expect(n.getByText(nl.partner_not_scored_yet)).toBeVisible();
		}
		await score(n, '2027-01-15', [...levels], 'Hun publiek is vooral wit en hoogopgeleid');
	}
	await checkA11y(n);
	await expectNoHorizontalScroll(n);

	// A year later the theatre is scored again: the previous levels are shown, the change too.
	await n.goto(urls[0]!);
	await expect(
		n.getByText(fill(nl.partner_last_time, { level: 1, date: '15 januari 2027' })).first()
	).toBeVisible();
	const form = n.getByRole('form', { name: /scoren/ });
	await form.getByLabel(nl.partner_ask).fill('Wie zit er in jullie zaal, en wie niet?');
	await score(n, '2028-01-20', [2, 3, 3, 2]);
	const change = n.getByRole('table', { name: /Verandering/ });
	await expect(
		change.getByRole('row', { name: new RegExp(nl.dimension_accessibility) })
	).toContainText('+2');
	await expect(change.getByRole('row', { name: new RegExp(nl.dimension_inclusion) })).toContainText(
		'+1'
	);
	await expect(n.locator('section[aria-labelledby="history-title"] tbody tr')).toHaveCount(2);
	await expect(n.getByText('Wie zit er in jullie zaal, en wie niet?').first()).toBeVisible();
	await checkA11y(n);
	await expectNoHorizontalScroll(n);

	// Evidence can be a file: a text file is kept, and only the partner's keepers can open it.
	const again = n.getByRole('form', { name: /scoren/ });
	await again
		.getByLabel(fill(nl.partner_evidence_file, { dimension: nl.dimension_diversity }))
		.setInputFiles({
			name: 'publieksonderzoek.txt',
			mimeType: 'text/plain',
			buffer: Buffer.from('Publieksonderzoek 2027: 12% van de bezoekers uit de wijk.\n')
		});
	await score(n, '2028-01-21', [2, 3, 3, 2]);
	const fileLink = n.getByRole('link', {
		name: fill(nl.partner_evidence_file_link, { name: 'publieksonderzoek.txt' })
	});
	const fileUrl = await fileLink.getAttribute('href');
	const file = await n.request.get(fileUrl!);
	expect(file.status()).toBe(200);
	expect(await file.text()).toContain('Publieksonderzoek 2027');

	// The theatre's contact gives the partner's own view through a link, without an account.
	await n.getByLabel(nl.partner_link_respondent).fill('Mila');
	await n.getByLabel(nl.partner_link_days).fill('14');
	await n.getByRole('button', { name: nl.partner_link_submit }).click();
	await status(n, nl.partner_link_made);
	const link = await n.getByLabel(nl.partner_link_copy_label).inputValue();
	await expect(n.getByText(nl.partner_link_state_open, { exact: true })).toBeVisible();
	await checkA11y(n);
	const mila = await newPage(browser, { width: 360 });
	const visit = await mila.goto(link);
	// Not kept by any cache, and the link does not travel to other sites as a referrer.
	expect(visit!.headers()['cache-control']).toContain('no-store');
	expect(visit!.headers()['referrer-policy']).toBe('same-origin');
	await expect(mila.getByRole('heading', { level: 1 })).toHaveText(nl.partner_view_page_title);
	await expect(mila.getByLabel(nl.partner_view_respondent)).toHaveValue('Mila');
	await checkA11y(mila);
	await expectNoHorizontalScroll(mila);
	// Without levels nothing is stored and the link keeps working.
	await mila.getByRole('button', { name: nl.partner_view_submit }).click();
	await expect(mila.getByRole('alert')).toBeVisible();
	for (const [i, d] of DIMENSIONS.entries())
		await mila.locator(`input[name="level-${d}"][value="${[3, 2, 2, 1][i]}"]`).check();
	await mila
		.getByLabel(fill(nl.partner_view_evidence, { dimension: nl.dimension_inclusion }))
		.fill('We worden nog niet gevraagd bij het programmeren');
	await mila
		.getByLabel(fill(nl.partner_view_note, { organisation: 'Cultuurhuis Noord' }))
		.fill('Nodig ons uit bij de planning van het seizoen.');
	await mila.getByRole('button', { name: nl.partner_view_submit }).click();
	await expect(mila.getByRole('heading', { level: 1 })).toHaveText(nl.partner_view_thanks_title);
	await checkA11y(mila);
	// A second visit with the same link, by anyone, stores nothing more.
	const second = await newPage(browser);
	await second.goto(link);
	await expect(second.getByRole('heading', { level: 1 })).toHaveText(nl.partner_view_used_title);
	await checkA11y(second);
	// Nor does the partner's visitor see anything of the network.
	expect((await mila.request.get(urls[0]!)).status()).not.toBe(200);
	expect((await mila.request.get(fileUrl!)).status()).not.toBe(200);

	// Both views side by side on the partner's page; the link is marked as answered.
	await n.reload();
	const side = n.getByRole('table', { name: nl.partner_side_by_side });
	await expect(side.getByRole('row', { name: new RegExp(nl.dimension_diversity) })).toContainText(
		'+1'
	);
	await expect(side.getByRole('row', { name: new RegExp(nl.dimension_inclusion) })).toContainText(
		'-1'
	);
	await expect(n.getByText('Nodig ons uit bij de planning van het seizoen.')).toBeVisible();
	await expect(n.getByText(nl.partner_link_state_used, { exact: true })).toBeVisible();
	await checkA11y(n);
	await expectNoHorizontalScroll(n);

	// The inventory shows the latest levels and when to look again.
	await n.goto(`${networkUrl}/partners`);
	await expect(n.getByRole('row', { name: /Theater De Kade/ })).toContainText('3 / 4');

	// The coordinator, of no organisation, sees only the network's totals: no partner's name.
	await c.goto(`${networkUrl}/partners`);
	await expect(c.getByText(nl.error_partner_no_organisation)).toBeVisible();
	const main = await c.getByRole('main').innerText();
	for (const [name] of partners) expect(main).not.toContain(name);
	await expect(c.getByText(plural(nl.partners_progress_too_few, 3))).toBeVisible();
	await checkA11y(c);
	// And a partner's own page is not found for them.
	expect((await c.request.get(urls[0]!)).status()).toBe(404);

	// When the organisation chooses to share, the network sees its partners' latest levels,
	// still without the evidence, the conversations or the partner's own words.
	await n.goto(`${networkUrl}/partners`);
	await n.getByRole('button', { name: nl.partners_share_start }).click();
	await status(n, nl.partners_share_started);
	await c.reload();
	const shared = c.getByRole('table', {
		name: fill(nl.partners_shared_caption, { organisation: 'Cultuurhuis Noord' })
	});
	await expect(shared.getByRole('row', { name: /Theater De Kade/ })).toBeVisible();
	const sharedText = await c.getByRole('main').innerText();
	for (const secret of ['Publieksonderzoek', 'Nodig ons uit', 'Wie zit er in jullie zaal'])
		expect(sharedText).not.toContain(secret);
	await checkA11y(c);
	expect((await c.request.get(fileUrl!)).status()).toBe(404);
});
