import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import JSZip from 'jszip';
import nl from '../messages/nl.json' with { type: 'json' };
import {
	checkA11y,
	expectNoHorizontalScroll,
	fillMessage as fill,
	inviteAndJoin,
	newPage,
	openMail,
	pluralMessage as plural,
	unique
} from './helpers.ts';
import { NL_JOIN } from './dutch.ts';

const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
const PASSWORD = 'een lang wachtwoord 2026';
/** A plural message with several numbers: the variant whose conditions hold, filled in. */
const plurals = (msg: unknown, v: Record<string, number>) => {
	const rules = new Intl.PluralRules('nl');
	const [{ match }] = msg as [{ match: Record<string, string> }];
	const [, text] = Object.entries(match).find(([when]) =>
		when.split(', ').every((c) => {
			const [selector, category] = c.split('=') as [string, string];
			return category === '*' || rules.select(v[selector.replace(/Plural$/, '')]!) === category;
		})
	)!;
	return fill(text, v);
};
/** The give-a-tip form (the page also has a form per tip to change it). */
const give = (page: Page) => page.getByRole('form', { name: nl.learning_give_title });

/**
 * A kick-off day, from the room's challenges to a published, public page of collected insights:
 * phones bring challenges in a post-it round, the coordinator harvests and clusters them into a
 * theme the room chooses, words two learning questions, asks a boundary spanner (a guest) for
 * tips, who gives one from a phone by name; a member adds a tip and an anonymous sub-tip; the
 * coordinator curates and publishes; the member downloads Word; the public page names only the
 * giver who allowed it.
 */
test('challenges become learning questions, tips become collected insights, published with the credits each giver chose', async ({
	browser
}) => {
	// A long journey on a shared 2-core machine: more time than the default, never a timing check.
	test.setTimeout(300_000);
	const f = await newPage(browser);
	await f.goto('/sign-up');
	await f.getByLabel(nl.field_name, { exact: true }).fill('Fenna Coördinator');
	await f.getByLabel(nl.field_email).fill(unique('leervragen'));
	await f.getByLabel(nl.field_password).fill(PASSWORD);
	await f.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(f.getByRole('heading', { level: 1 })).toContainText('Fenna');
	const network = `Leervragen ${Date.now()}`;
	await f.goto('/networks/new');
	await f.getByLabel(nl.field_network_name).fill(network);
	await f.getByLabel(nl.field_purpose).fill('Samen leren hoe iedereen welkom is');
	await f.getByLabel(nl.field_core_value).fill('Niets over ons zonder ons');
	await f.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(f.url()).pathname;
	const networkId = networkUrl.split('/')[2]!;
	const learning = `${networkUrl}/learning`;

	const { page: member } = await inviteAndJoin(
		browser,
		f,
		{ networkId, network, name: 'Mohammed' },
		NL_JOIN
	);

	// A boundary spanner from another sector is invited as a guest for a month.
	const guestEmail = unique('grenswerker');
	const until = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
	await f.goto(`${networkUrl}/invitations`);
	await f.getByLabel(nl.field_email).fill(guestEmail);
	await f.getByLabel(nl.field_role).selectOption({ label: nl.role_boundary_spanner });
	await f.getByLabel(nl.field_guest_until).fill(until);
	await f.getByRole('button', { name: nl.invite_submit }).click();
	await status(f, fill(nl.invitation_sent, { email: guestEmail }));
	const guest = await newPage(browser, { width: 360 });
	await openMail(guest, fill(nl.mail_invite_subject, { network }));
	await guest.getByRole('link', { name: /\/invitations\// }).click();
	await guest.getByRole('main').getByRole('link', { name: nl.invitation_create_account }).click();
	await guest.getByLabel(nl.field_name, { exact: true }).fill('Karim Grens');
	await guest.getByLabel(nl.field_password).fill(PASSWORD);
	await guest.getByRole('button', { name: nl.sign_up_submit }).click();
	await guest.getByLabel(nl.invitation_accept_rules).check();
	await guest.getByRole('button', { name: nl.invitation_join }).click();
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText(network);

	// The morning, in the room: six phones bring what is on their plate in a post-it round; the
	// facilitator clusters them into three themes on the console; the room votes with dots; two
	// breakout groups, on the two top challenges, write a draft learning question.
	await f.goto(`${networkUrl}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Startdag');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	for (const kind of ['postit_round', 'dot_vote', 'breakout']) {
		await f.getByLabel(nl.field_work_form).selectOption(kind);
		await f.getByRole('button', { name: nl.step_add_submit }).click();
		await f.getByRole('link', { name: nl.back_to_session }).click();
	}
	await f.waitForURL(/\/sessions\/[^/]+$/);
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	// [who, their challenge, its theme, which challenge they give their dot to]
	const room = [
		['Amal', 'Nieuwkomers vinden ons aanbod niet', 'Nieuwkomers', 0],
		['Bert', 'Folders zijn te moeilijk', 'Taal', 0],
		['Chen', 'We bedenken activiteiten zonder de doelgroep', 'Nieuwkomers', 0],
		['Dana', 'Geen tolken aan de balie', 'Taal', 1],
		['Eli', 'Ons publiek is niet divers', 'Cultuur', 1],
		['Fien', 'Nieuwkomers kennen de bibliotheek niet', 'Nieuwkomers', 4]
	] as const;
	const phones: Page[] = [];
	for (const [name] of room) {
		const phone = await newPage(browser, { width: 360 });
		await phone.goto('/join');
		await phone.getByLabel(nl.field_join_code).fill(code);
		await phone.getByLabel(nl.field_display_name_live).fill(name);
		await phone.getByRole('button', { name: nl.join_submit }).click();
		await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
		phones.push(phone);
	}
	await expect(f.getByText(plural(nl.live_participants, 6))).toBeVisible();
	await f
		.getByRole('button', { name: `${nl.live_open_round} – ${nl.wf_postit_round_name}` })
		.click();
	for (const [i, [, text]] of room.entries()) {
		await phones[i]!.getByLabel(nl.field_postit).fill(text);
		await phones[i]!.getByRole('button', { name: nl.postit_submit }).click();
		await expect(phones[i]!.getByRole('status').first()).toContainText(nl.postit_saved);
	}
	await checkA11y(phones[0]!);
	const results = f.locator('.results');
	for (const [, text, theme] of room) {
		await expect(results.getByText(text)).toBeVisible();
		await f.getByRole('checkbox', { name: `${nl.postits_choose} – ${text}` }).check();
		await f.getByLabel(nl.postit_cluster_label).fill(theme);
		await f.getByRole('button', { name: nl.postits_cluster_many_save }).click();
		// Saved when the post-it itself says its theme (a theme shown already proves nothing).
		await expect(
			f
				.locator('.moderation-list > li')
				.filter({ has: f.locator('.moderation-text').getByText(text, { exact: true }) })
		).toContainText(fill(nl.postit_in_cluster, { cluster: theme }));
		await expect(results.getByRole('heading', { name: theme, exact: true })).toBeVisible();
	}
	await f
		.getByRole('button', { name: `${nl.live_close_round} – ${nl.wf_postit_round_name}` })
		.click();
	await f.getByRole('button', { name: `${nl.live_show_step} – ${nl.wf_dot_vote_name}` }).click();
	await f.getByRole('button', { name: `${nl.live_open_vote} – ${nl.wf_dot_vote_name}` }).click();
	// Nieuwkomers gets three dots, Taal two, Cultuur one: the room chooses two themes.
	for (const [i, [, , , votes]] of room.entries()) {
		const target = room[votes]![1];
		await expect(phones[i]!.getByRole('heading', { level: 1 })).toHaveText(nl.wf_dot_vote_name);
		await phones[i]!.getByRole('button', { name: `${nl.dot_add} – ${target}` }).click();
		await expect(phones[i]!.getByText(plurals(nl.dots_left, { left: 4, budget: 5 }))).toBeVisible();
	}
	await f.getByRole('button', { name: `${nl.live_close_vote} – ${nl.wf_dot_vote_name}` }).click();
	await f.getByRole('button', { name: `${nl.live_show_step} – ${nl.wf_breakout_name}` }).click();
	await f.getByLabel(nl.groups_count).fill('2');
	await f.getByRole('button', { name: nl.groups_form }).click();
	await expect(f.getByRole('status').first()).toContainText(nl.groups_formed);
	await f.getByRole('button', { name: `${nl.live_open_answers} – ${nl.wf_breakout_name}` }).click();
	// Two groups on the two top challenges (people in turn, as they joined): each writes its
	// draft learning question as the answer to the first question.
	const [firstQuestion] = nl.wf_breakout_questions.split('\n');
	const wordings = [
		'Hoe betrekken we nieuwkomers bij een divers en toegankelijk aanbod?',
		'Hoe maken we onze teksten en onze balie begrijpelijk voor iedereen?'
	];
	for (const [g, top] of [0, 1].entries()) {
		const phone = phones[g]!;
		await expect(phone.getByRole('heading', { level: 2 }).first()).toHaveText(
			fill(nl.group_title, { number: g + 1, title: room[top]![1] })
		);
		await phone.getByLabel(`${nl.answer_label}: ${firstQuestion}`).fill(wordings[g]!);
		await phone.getByRole('button', { name: nl.answer_submit }).first().click();
		await expect(phone.getByRole('status').first()).toContainText(nl.answer_saved);
	}
	await checkA11y(phones[1]!);
	for (const phone of phones) await phone.context().close();
	await f.getByText(nl.live_end, { exact: true }).click();
	await f.getByRole('button', { name: nl.live_end_yes }).click();

	// The harvest: the post-its become challenges, the clusters themes with their dots, and the
	// two with most dots are chosen; nothing is typed over.
	await f.goto(learning);
	await f
		.getByLabel(nl.learning_harvest_session, { exact: true })
		.selectOption({ label: 'Startdag' });
	await f.getByLabel(nl.learning_harvest_choose).fill('2');
	await f.getByRole('button', { name: nl.learning_harvest_submit }).click();
	await status(f, plural(nl.learning_harvested_challenges, 6));
	await status(f, plural(nl.learning_harvested_chosen, 2));
	await checkA11y(f);
	// A second harvest adds nothing twice.
	await f
		.getByLabel(nl.learning_harvest_session, { exact: true })
		.selectOption({ label: 'Startdag' });
	await f.getByLabel(nl.learning_harvest_choose).fill('2');
	await f.getByRole('button', { name: nl.learning_harvest_submit }).click();
	await status(f, plural(nl.learning_harvested_challenges, 0));
	for (const theme of ['Nieuwkomers', 'Taal'])
		await expect(
			f.getByRole('checkbox', { name: fill(nl.learning_choose_theme, { name: theme }) })
		).toBeChecked();
	await expect(
		f.getByRole('checkbox', { name: fill(nl.learning_choose_theme, { name: 'Cultuur' }) })
	).not.toBeChecked();

	// Each chosen theme's page holds its group's draft; settled as the question, it keeps where
	// it came from. An empty wording is refused and changes nothing.
	const questionUrls: string[] = [];
	for (const [g, theme] of ['Nieuwkomers', 'Taal'].entries()) {
		await f.goto(learning);
		await f.getByRole('link', { name: theme, exact: true }).click();
		await checkA11y(f);
		const groupTitle = room[g]![1];
		const draft = f.getByRole('form', { name: fill(nl.learning_draft_of, { group: groupTitle }) });
		await expect(draft.getByLabel(nl.learning_wording_field)).toHaveValue(wordings[g]!);
		if (g === 0) {
			await draft.getByLabel(nl.learning_wording_field).fill('');
			await draft.getByRole('button', { name: nl.learning_word_submit }).click();
			await expect(f.getByRole('alert')).toBeVisible();
			await f.goto(new URL(f.url()).pathname);
		}
		await draft.getByLabel(nl.learning_settled_field).check();
		await draft.getByRole('button', { name: nl.learning_word_submit }).click();
		await expect(f.getByRole('heading', { level: 1 })).toHaveText(wordings[g]!);
		await f.getByText(nl.learning_provenance_title).click();
		await expect(f.getByRole('definition').filter({ hasText: groupTitle })).toBeVisible();
		await expect(f.getByRole('definition').filter({ hasText: 'Startdag' })).toBeVisible();
		// The other challenges under the theme, not only the group's.
		await expect(f.getByText(room[g === 0 ? 2 : 3]![1])).toBeVisible();
		questionUrls.push(new URL(f.url()).pathname);
	}
	const [q1] = questionUrls as [string, string];

	// The coordinator asks the guest for tips on the first question.
	await f.goto(q1);
	await f.getByRole('checkbox', { name: /Karim Grens/ }).check();
	await f.getByRole('button', { name: nl.learning_guests_save }).click();
	await status(f, nl.learning_guests_saved);

	// The guest, on a phone: the welcome page, the question, a tip by name with a good practice.
	await guest.goto(`${learning}/welcome`);
	await expect(guest.getByRole('heading', { level: 1 })).toHaveText(nl.learning_welcome_title);
	await checkA11y(guest);
	await guest.getByRole('link', { name: wordings[0] }).click();
	const guestTip = 'Werk met sleutelfiguren en betaal hen voor hun tijd';
	await give(guest).getByLabel(nl.learning_tip_field).fill(guestTip);
	await give(guest).getByLabel(nl.learning_practice_field).fill('Bij Atlas: de nep-intake');
	await give(guest).getByRole('radio', { name: nl.tip_credit_name }).check();
	await give(guest).getByRole('button', { name: nl.learning_give_submit }).click();
	await status(guest, nl.learning_tip_added);
	await expect(guest.locator('.tip-text', { hasText: guestTip })).toBeVisible();
	// And a sub-tip under it, from the same phone.
	await give(guest).getByLabel(nl.learning_tip_field).fill('Spreek af in hun eigen buurt');
	await give(guest).getByLabel(nl.learning_tip_parent_field).selectOption({ label: guestTip });
	await give(guest).getByRole('radio', { name: nl.tip_credit_name }).check();
	await give(guest).getByRole('button', { name: nl.learning_give_submit }).click();
	await status(guest, nl.learning_tip_added);
	await expect(
		guest.getByRole('list', { name: fill(nl.learning_subtips_of, { text: guestTip }) })
	).toContainText('Spreek af in hun eigen buurt');
	await expectNoHorizontalScroll(guest);
	await checkA11y(guest);

	// The member: a tip named for members only, and an anonymous sub-tip under the guest's tip.
	await member.goto(q1);
	const memberTip = 'Nodig mensen persoonlijk uit, via iemand die ze kennen';
	await give(member).getByLabel(nl.learning_tip_field).fill(memberTip);
	await give(member).getByRole('button', { name: nl.learning_give_submit }).click();
	await status(member, nl.learning_tip_added);
	const subTip = 'Vraag eerst wat ze zelf willen';
	await give(member).getByLabel(nl.learning_tip_field).fill(subTip);
	await give(member).getByLabel(nl.learning_tip_parent_field).selectOption({ label: guestTip });
	await give(member).getByRole('radio', { name: nl.tip_credit_anonymous }).check();
	await give(member).getByRole('button', { name: nl.learning_give_submit }).click();
	await status(member, nl.learning_tip_added);
	await expect(
		member.getByRole('list', { name: fill(nl.learning_subtips_of, { text: guestTip }) })
	).toContainText(subTip);
	await checkA11y(member);
	// Bad input changes nothing: a tip of script is shown as text, never run.
	await give(member).getByLabel(nl.learning_tip_field).fill('<script>window.hacked=1</script>');
	await give(member).getByRole('button', { name: nl.learning_give_submit }).click();
	await expect(
		member.locator('.tip-text', { hasText: '<script>window.hacked=1</script>' })
	).toBeVisible();
	expect(await member.evaluate(() => 'hacked' in window)).toBe(false);

	// Curation: every tip becomes an insight; one is reworded and keeps its history.
	await f.goto(q1);
	await f.getByRole('button', { name: plural(nl.learning_adopt_all, 3) }).click();
	await status(f, plural(nl.learning_adopted, 3));
	const first = f.locator('.insight').first();
	await first.locator('summary', { hasText: nl.learning_insight_edit }).click();
	await first
		.getByLabel(nl.learning_insight_field)
		.fill('Werk met sleutelfiguren en vergoed hun tijd');
	await first.getByRole('button', { name: nl.save }).click();
	await status(f, nl.learning_insight_saved);
	await first.locator('summary', { hasText: plural(nl.learning_insight_history, 2) }).click();
	await expect(f.locator('.insight').first().locator('.history')).toContainText(guestTip);
	await checkA11y(f);

	// The collection: both questions, published; public only after the explicit choice.
	await f.goto(learning);
	await f.getByLabel(nl.learning_collection_title_field).fill('Twee leervragen');
	await f.getByRole('button', { name: nl.learning_collection_create }).click();
	await expect(f.getByRole('heading', { level: 1 })).toHaveText('Twee leervragen');
	for (const w of wordings) await f.getByRole('checkbox', { name: w }).check();
	await f.getByRole('button', { name: nl.learning_collection_questions_save }).click();
	await status(f, nl.learning_collection_questions_saved);
	await f.getByRole('button', { name: nl.learning_collection_publish }).click();
	await status(f, nl.learning_collection_published);
	await f.getByRole('button', { name: nl.learning_collection_make_public }).click();
	await expect(f.getByRole('alert')).toContainText(nl.error_public_confirm);
	await f.getByLabel(nl.learning_collection_public_confirm).check();
	await f.getByRole('button', { name: nl.learning_collection_make_public }).click();
	await status(f, nl.learning_collection_made_public);
	await checkA11y(f);
	const collectionUrl = new URL(f.url()).pathname;
	const publicHref = await f
		.getByRole('link', { name: nl.learning_public_link })
		.getAttribute('href');

	// The member reads it and downloads Word: the tips with their sub-tip and the credits.
	await member.goto(collectionUrl);
	await expect(
		member.locator('.insight', { hasText: 'Werk met sleutelfiguren en vergoed hun tijd' })
	).toBeVisible();
	await checkA11y(member);
	const [download] = await Promise.all([
		member.waitForEvent('download'),
		member.getByRole('link', { name: nl.report_export_docx }).click()
	]);
	const xml = await (
		await JSZip.loadAsync(fs.readFileSync((await download.path())!))
	)
		.file('word/document.xml')!
		.async('string');
	expect(xml).toContain('Werk met sleutelfiguren en vergoed hun tijd');
	expect(xml).toContain(subTip);
	expect(xml).toContain('Spreek af in hun eigen buurt');
	expect(xml).toContain('Karim Grens');
	expect(xml).toContain('Mohammed');

	// The public page, with no account: the guest by name, the member by role, the sub-tip anonymous.
	const visitor = await newPage(browser, { width: 360 });
	await visitor.goto(new URL(publicHref!).pathname);
	await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Twee leervragen');
	await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute(
		'content',
		'Twee leervragen'
	);
	const text = await visitor.getByRole('main').innerText();
	expect(text).toContain('Karim Grens');
	expect(text).not.toContain('Mohammed');
	expect(text).not.toContain('Fenna');
	await expectNoHorizontalScroll(visitor);
	await checkA11y(visitor);

	// Taken back, the public page is gone at once.
	await f.goto(collectionUrl);
	await f.getByRole('button', { name: nl.learning_collection_make_private }).click();
	await status(f, nl.learning_collection_made_private);
	expect((await visitor.goto(new URL(publicHref!).pathname))!.status()).toBe(404);
});
