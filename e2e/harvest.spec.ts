import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, newPage, openMail, unique } from './helpers.ts';

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
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

/**
 * The harvest: a short live session is closed, the facilitator edits the report (autosave,
 * an image that must have alternative text) and publishes it; an invited member reads it from
 * the e-mail, exports it, adds a resource to the knowledge base and finds things by searching.
 */
test('a report is edited, published and read by a member, who adds to the knowledge base and searches it', async ({
	browser
}) => {
	// A long journey on a shared 2-core machine: more time than the default, never a timing check.
	test.setTimeout(180_000);
	const f = await newPage(browser);
	await f.goto('/sign-up');
	await f.getByLabel(nl.field_name, { exact: true }).fill('Fenna');
	await f.getByLabel(nl.field_email).fill(unique('harvest'));
	await f.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await f.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(f.getByRole('heading', { level: 1 })).toContainText('Fenna');
	const networkName = `Oogst ${Date.now()}`;
	await f.goto('/networks/new');
	await f.getByLabel(nl.field_network_name).fill(networkName);
	await f.getByLabel(nl.field_purpose).fill('Samen leren');
	await f.getByLabel(nl.field_core_value).fill('Respect');
	await f.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(f.url()).pathname;

	// A member is invited and joins.
	const memberEmail = unique('lezer');
	await f.goto(`${networkUrl}/invitations`);
	await f.getByLabel(nl.field_email).fill(memberEmail);
	await f.getByRole('button', { name: nl.invite_submit }).click();
	await status(f, fill(nl.invitation_sent, { email: memberEmail }));
	const member = await newPage(browser, { width: 375 });
	await openMail(member, fill(nl.mail_invite_subject, { network: networkName }));
	await member.getByRole('link', { name: /\/invitations\// }).click();
	await member.getByRole('main').getByRole('link', { name: nl.invitation_create_account }).click();
	await member.getByLabel(nl.field_name, { exact: true }).fill('Mo Lezer');
	await member.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await member.getByRole('button', { name: nl.sign_up_submit }).click();
	await member.getByLabel(nl.invitation_accept_rules).check();
	await member.getByRole('button', { name: nl.invitation_join }).click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText(networkName);

	// A short live session: one post-it round, two phones' worth of ideas.
	await f.goto(`${networkUrl}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Oogstsessie');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	await f.getByLabel(nl.field_work_form).selectOption('postit_round');
	await f.getByRole('button', { name: nl.step_add_submit }).click();
	await f.getByRole('link', { name: nl.back_to_session }).click();
	await f.waitForURL(/\/sessions\/[^/]+$/);
	const sessionUrl = new URL(f.url()).pathname;
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	await f
		.getByRole('button', { name: `${nl.live_open_round} – ${nl.wf_postit_round_name}` })
		.click();
	const phone = await newPage(browser, { width: 360 });
	await phone.goto('/join');
	await phone.getByLabel(nl.field_join_code).fill(code);
	await phone.getByLabel(nl.field_display_name_live).fill('Amal');
	await phone.getByRole('button', { name: nl.join_submit }).click();
	for (const text of ['Voorleesuurtjes in alle bibliotheken', 'Een taalmaatje per gezin']) {
		await phone.getByLabel(nl.field_postit).fill(text);
		await phone.getByRole('button', { name: nl.postit_submit }).click();
		await expect(
			phone.getByRole('button', { name: `${nl.postit_delete} – ${text}` })
		).toBeVisible();
	}
	await f.getByText(nl.live_end, { exact: true }).click();
	await f.getByRole('button', { name: nl.live_end_yes }).click();

	// The facilitator edits: autosave keeps the introduction without pressing a button.
	await f.goto(`${sessionUrl}/report/edit`);
	await checkA11y(f);
	await f.getByLabel(nl.report_intro).fill('Wat een rijke oogst.');
	await expect(f.getByRole('status').filter({ hasText: /versie 1/ })).toBeVisible({
		timeout: 15_000
	});
	await f.reload();
	await expect(f.getByLabel(nl.report_intro)).toHaveValue('Wat een rijke oogst.');
	// An image needs its alternative text; without it nothing is added.
	await f.getByLabel(fill(nl.field_image, { max: 5 })).setInputFiles({
		name: 'flip.png',
		mimeType: 'image/png',
		buffer: PNG
	});
	await f.getByRole('button', { name: nl.report_image_add_submit }).click();
	await expect(f.getByRole('alert')).toContainText(nl.error_alt_required);
	await expect(f.getByText(nl.report_no_images)).toBeVisible();
	await checkA11y(f);
	await f.getByLabel(fill(nl.field_image, { max: 5 })).setInputFiles({
		name: 'flip.png',
		mimeType: 'image/png',
		buffer: PNG
	});
	await f.getByLabel(nl.field_alt).fill('Flip-over met de ideeën van de middag');
	await f.getByRole('button', { name: nl.report_image_add_submit }).click();
	await status(f, fill(nl.report_image_added, { version: 2 }));
	await expect(
		f
			.getByRole('list', { name: nl.report_images })
			.getByText('Flip-over met de ideeën van de middag', { exact: true })
	).toBeVisible();
	await checkA11y(f);
	await f.getByRole('button', { name: nl.report_publish }).click();
	await status(f, nl.report_published_now);

	// The member reads it from the e-mail, on a phone, and takes the Word file.
	await openMail(member, fill(nl.mail_report_subject, { title: 'Oogstsessie' }));
	await member.getByRole('link', { name: /\/report$/ }).click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText('Oogstsessie');
	await expect(member.getByText('Wat een rijke oogst.')).toBeVisible();
	await expect(
		member.getByRole('img', { name: 'Flip-over met de ideeën van de middag' })
	).toBeVisible();
	await expect(member.getByText('Voorleesuurtjes in alle bibliotheken')).toBeVisible();
	await expect(member.getByRole('link', { name: nl.report_edit_link })).toHaveCount(0);
	await checkA11y(member);
	const download = member.waitForEvent('download');
	await member.getByRole('link', { name: nl.report_export_docx }).click();
	expect((await download).suggestedFilename()).toBe('oogstsessie.docx');
	await status(member, fill(nl.report_export_done, { format: 'Word' }));

	// The member adds a resource; a link that is not http(s) is refused first.
	await member.goto(`${networkUrl}/resources`);
	await checkA11y(member);
	const add = member.getByRole('form', { name: nl.resource_add_title });
	await add.getByLabel(nl.field_resource_title).fill('Podcast over voorlezen');
	await add.getByLabel(nl.field_resource_kind).selectOption('watch_tip');
	await add.getByLabel(nl.field_link).fill('javascript:alert(1)');
	await add.getByLabel(nl.field_themes).fill('taal, lezen');
	await add.getByLabel(nl.field_resource_session).selectOption({ label: 'Oogstsessie' });
	await add.getByLabel(nl.field_file).setInputFiles({
		name: 'samenvatting.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('Vijf tips om voor te lezen.\n')
	});
	await add.getByRole('button', { name: nl.resource_add_submit }).click();
	await expect(member.getByRole('alert')).toContainText(nl.error_link);
	await checkA11y(member);
	// A file far over the limit comes back as an error on the file field, not a bare 413.
	await add.getByLabel(nl.field_file).setInputFiles({
		name: 'groot.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.alloc(12 * 1024 * 1024, 1)
	});
	await add.getByRole('button', { name: nl.resource_add_submit }).click();
	await expect(member.getByRole('alert')).toContainText(fill(nl.error_file_too_large, { max: 10 }));
	await add.getByLabel(nl.field_resource_title).fill('Podcast over voorlezen');
	await add.getByLabel(nl.field_resource_kind).selectOption('watch_tip');
	await add.getByLabel(nl.field_themes).fill('taal, lezen');
	await add.getByLabel(nl.field_resource_session).selectOption({ label: 'Oogstsessie' });
	await add.getByLabel(nl.field_link).fill('https://example.org/podcast');
	await add.getByLabel(nl.field_file).setInputFiles({
		name: 'samenvatting.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('Vijf tips om voor te lezen.\n')
	});
	await add.getByRole('button', { name: nl.resource_add_submit }).click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText('Podcast over voorlezen');
	await status(member, nl.resource_added);
	await expect(member.getByRole('link', { name: /samenvatting\.txt/ })).toBeVisible();
	await checkA11y(member);

	// Searching finds the post-it in another word form, and the resource by its theme.
	await member
		.getByRole('navigation', { name: nl.network_nav_label })
		.getByRole('link', { name: nl.network_nav_knowledge })
		.click();
	await member.getByLabel(nl.search_label).fill('bibliotheek');
	await member.getByRole('button', { name: nl.search_submit }).click();
	await expect(
		member.getByRole('heading', { name: fill(nl.search_results, { count: 1, q: 'bibliotheek' }) })
	).toBeVisible();
	await expect(member.locator('mark')).toHaveText(['bibliotheken']);
	await checkA11y(member);
	await member.getByLabel(nl.search_label).fill('podcast');
	await member.getByRole('button', { name: nl.search_submit }).click();
	await expect(
		member.getByRole('heading', { name: fill(nl.search_results, { count: 1, q: 'podcast' }) })
	).toBeVisible();
	await member.getByLabel(nl.filter_theme).selectOption('lezen');
	await member.getByRole('button', { name: nl.filter_apply }).click();
	await expect(member.getByRole('link', { name: 'Podcast over voorlezen' })).toBeVisible();
	// A pasted control character is told next to the box, and nothing is searched.
	await member.goto(member.url().replace(/\?.*$/, '?q=pod%00cast'));
	await expect(member.getByLabel(nl.search_label)).toHaveAccessibleDescription(
		nl.error_control_chars
	);
	await expect(member.getByLabel(nl.search_label)).toHaveValue('podcast');
	await expect(member.getByRole('heading', { level: 2, name: /podcast/ })).toHaveCount(0);
	await checkA11y(member);
	// The report lists the resource under the session.
	await member.goto(`${sessionUrl}/report`);
	await expect(member.getByText(/Podcast over voorlezen/)).toBeVisible();
	for (const p of [f, member, phone]) await p.context().close();
});
