import { expect, test, type Browser, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { extractText, getDocumentProxy } from 'unpdf';
import { checkA11y, newPage, openMail, unique } from './helpers.ts';

const fill = (msg: string, v: Record<string, string | number>) =>
	msg.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

async function signUp(
	page: Page,
	name: string,
	email = unique(name.toLowerCase().replace(/\W+/g, '-'))
) {
	await page.goto('/sign-up');
	await page.getByLabel(nl.field_name, { exact: true }).fill(name);
	await page.getByLabel(nl.field_email).fill(email);
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
}

/** The coordinator invites someone; they join from the e-mail in a browser of their own. */
async function invite(
	browser: Browser,
	coordinator: Page,
	networkUrl: string,
	network: string,
	name: string
) {
	const email = unique(name.toLowerCase().replace(/\W+/g, '-'));
	await coordinator.goto(`${networkUrl}/invitations`);
	await coordinator.getByLabel(nl.field_email).fill(email);
	await coordinator.getByRole('button', { name: nl.invite_submit }).click();
	await status(coordinator, fill(nl.invitation_sent, { email }));
	const page = await newPage(browser, { width: 390 });
	await openMail(page, fill(nl.mail_invite_subject, { network }));
	await page.getByRole('link', { name: /\/invitations\// }).click();
	await page.getByRole('main').getByRole('link', { name: nl.invitation_create_account }).click();
	await page.getByLabel(nl.field_name, { exact: true }).fill(name);
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await page.getByLabel(nl.invitation_accept_rules).check();
	await page.getByRole('button', { name: nl.invitation_join }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(network);
	return page;
}

test('a member keeps a trajectory and a canvas with the keyboard, shares the goal, and is coached; the network sees only what is shared', async ({
	browser
}) => {
	// A long journey on a shared 2-core machine: more time than the default, never a timing check.
	test.setTimeout(180_000);
	const coach = await newPage(browser);
	await signUp(coach, 'Kees Coach');
	const network = `Traject ${Date.now()}`;
	await coach.goto('/networks/new');
	await coach.getByLabel(nl.field_network_name).fill(network);
	await coach.getByLabel(nl.field_purpose).fill('Samen leren');
	await coach.getByLabel(nl.field_core_value).fill('Respect');
	await coach.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(coach.url()).pathname;
	const olga = await invite(browser, coach, networkUrl, network, 'Olga');
	const pim = await invite(browser, coach, networkUrl, network, 'Pim');

	// Olga writes her intent (private) and her goal.
	await olga
		.getByRole('navigation', { name: nl.network_nav_label })
		.getByRole('link', { name: nl.network_nav_trajectory })
		.click();
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText(nl.trajectory_title);
	await checkA11y(olga);
	const intent = olga.getByRole('form', { name: nl.intent_title });
	await intent
		.getByLabel(nl.field_intent)
		.fill('Ik wil dat iedereen zich welkom voelt in onze bieb.');
	await expect(intent.getByLabel(new RegExp(nl.visibility_private))).toBeChecked();
	await intent.getByRole('button', { name: nl.intent_save }).click();
	await status(olga, nl.intent_saved);
	const goal = olga.getByRole('form', { name: nl.goal_title });
	await goal.getByLabel(nl.field_goal).fill('');
	await goal.getByRole('button', { name: nl.goal_save }).click();
	await expect(olga.getByRole('alert')).toContainText(nl.error_required);
	await checkA11y(olga);
	await goal.getByLabel(nl.field_goal).fill('Een leesclub in eenvoudige taal');
	await goal.getByLabel(nl.field_goal_theme).fill('Taal');
	await goal.getByLabel(nl.field_goal_state).selectOption('set');
	await goal.getByRole('button', { name: nl.goal_save }).click();
	await status(olga, nl.goal_saved);
	await expect(olga.getByRole('list', { name: nl.goal_history })).toContainText(nl.goal_state_set);

	// A canvas, built with the keyboard only.
	await olga.getByLabel(nl.field_canvas_title).fill('Mijn directeur');
	await olga.getByRole('button', { name: nl.canvas_new }).click();
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.canvas_pdf_title, { title: 'Mijn directeur' })
	);
	await expect(
		olga.getByRole('list', { name: nl.canvas_products }).getByRole('textbox')
	).toHaveValue('Een leesclub in eenvoudige taal');
	await checkA11y(olga);
	const add = (section: string) => olga.getByLabel(fill(nl.canvas_add_label, { section }));
	await add(nl.canvas_pains).focus();
	await olga.keyboard.type('Geen tijd voor iets nieuws');
	await olga.keyboard.press('Enter');
	await status(olga, nl.canvas_item_added);
	// The keyboard is back in the same field, ready for the next one.
	await expect(add(nl.canvas_pains)).toBeFocused();
	await olga.keyboard.type('Bang voor klachten');
	await olga.keyboard.press('Enter');
	await expect(add(nl.canvas_pains)).toBeFocused();
	await add(nl.canvas_relievers).focus();
	await olga.keyboard.type('Een kant-en-klaar plan');
	await olga.keyboard.press('Enter');
	await expect(add(nl.canvas_relievers)).toBeFocused();
	// Link the reliever to the second pain: choose it in the list, then the button, by keyboard.
	const linkSelect = olga.getByRole('combobox', {
		name: `${nl.canvas_link_pain} – Een kant-en-klaar plan`
	});
	await linkSelect.focus();
	await olga.keyboard.press('ArrowDown');
	await expect(linkSelect).toHaveValue(
		(await linkSelect.locator('option', { hasText: 'Bang voor klachten' }).getAttribute('value'))!
	);
	await olga.keyboard.press('Tab');
	await olga.keyboard.press('Enter');
	await status(olga, nl.canvas_linked);
	await expect(olga.getByRole('list', { name: nl.canvas_relievers })).toContainText(
		'Bang voor klachten'
	);
	await checkA11y(olga);
	// Printed, the canvas (picture and lists, without the forms) fits on one A4 page.
	const printed = await olga.pdf({ format: 'A4' });
	const doc = await getDocumentProxy(new Uint8Array(printed));
	expect(doc.numPages).toBe(1);
	const { text } = await extractText(doc, { mergePages: true });
	expect(text).toContain('Bang voor klachten');
	const pdf = olga.waitForEvent('download');
	await olga.getByRole('link', { name: nl.canvas_download }).click();
	expect((await pdf).suggestedFilename()).toBe('canvas.pdf');

	// A practised conversation and a reflection, kept private.
	await olga.getByRole('link', { name: nl.trajectory_back }).click();
	await olga.getByRole('link', { name: nl.conversations_title }).click();
	await checkA11y(olga);
	const conv = olga.getByRole('form', { name: nl.conversation_add_title });
	await conv.getByLabel(nl.field_conversation_kind).selectOption('practised');
	await conv.getByRole('button', { name: nl.conversation_add }).click();
	await expect(olga.getByRole('alert')).toContainText(nl.error_required);
	await checkA11y(olga);
	await conv.getByLabel(nl.field_conversation_with).fill('Mijn directeur (geoefend met Pim)');
	await conv.getByLabel(nl.field_conversation_feedback).fill('Begin met wat het de bieb oplevert.');
	// Shared with "me and my coach": nobody may read it before she accepts a coach.
	await conv.getByLabel(new RegExp(nl.visibility_coach)).check();
	await conv.getByRole('button', { name: nl.conversation_add }).click();
	await status(olga, nl.conversation_added);
	await expect(olga.getByRole('heading', { name: /geoefend met Pim/ })).toBeVisible();
	await olga.goto(`${networkUrl}/trajectory/reflections`);
	await olga.getByLabel(nl.field_reflection_stayed).fill('Dat kleine stappen tellen.');
	await olga.getByRole('button', { name: nl.reflection_add }).click();
	await status(olga, nl.reflection_added);
	await checkA11y(olga);

	// She shares the goal with the network: explicitly.
	await olga.getByRole('link', { name: nl.trajectory_back }).click();
	await goal.getByLabel(new RegExp(nl.visibility_network)).check();
	await goal.getByRole('button', { name: nl.goal_save }).click();
	await status(olga, nl.goal_saved);

	// The coach plans a talk; Olga gets the invitation with a calendar file.
	await coach.goto(`${networkUrl}/coaching`);
	await checkA11y(coach);
	await coach.getByLabel(nl.talk_member).selectOption({ label: 'Olga' });
	await coach.getByLabel(nl.field_date).fill('2027-01-12');
	await coach.getByLabel(nl.field_time).fill('10:00');
	await coach.getByLabel(nl.talk_place).fill('https://meet.example/olga');
	await coach.getByRole('button', { name: nl.talk_plan }).click();
	await status(coach, fill(nl.talk_planned, { name: 'Olga' }));
	const talkUrl = new URL(coach.url()).pathname;
	await coach.getByLabel(nl.talk_agenda_add).fill('Hoe ging het met de directeur?');
	await coach.getByRole('button', { name: nl.talk_agenda_submit }).click();
	await status(coach, nl.talk_agenda_added);
	await coach.getByLabel(nl.talk_shared_notes).fill('We oefenden het gesprek met de directeur.');
	await coach.getByLabel(nl.talk_next_steps).fill('Afspraak maken voor 1 februari');
	await coach.getByRole('button', { name: nl.talk_notes_save }).click();
	await status(coach, nl.talk_notes_saved);
	await coach.getByLabel(nl.talk_private_label).fill('Geheime coachnotitie: let op spanning');
	await coach.getByRole('button', { name: nl.talk_private_save }).click();
	await status(coach, nl.talk_private_saved);
	await checkA11y(coach);

	// Planning a talk only proposed the coaching: Olga has not said yes, so the coach does not
	// see what she shared with her coach.
	await coach.goto(`${networkUrl}/coaching`);
	await expect(coach.getByText(fill(nl.coaching_not_accepted, { name: 'Olga' }))).toBeVisible();
	await coach.getByRole('table').getByRole('link', { name: 'Olga' }).click();
	await expect(coach.getByRole('heading', { level: 1 })).toContainText('Olga');
	const olgaPage = coach.url();
	expect(await coach.content()).not.toContain('geoefend met Pim');

	// Olga reads the talk, adds to the agenda, and never sees the coach's own notes.
	await openMail(olga, /Kees Coach/);
	await expect(olga.getByText('olievlek-gesprek.ics')).toBeVisible();
	// Her trajectory page tells her Kees asks to be her coach.
	await olga.goto(`${networkUrl}/trajectory`);
	await expect(olga.getByText(fill(nl.coaching_proposed, { coach: 'Kees Coach' }))).toBeVisible();
	await expect(olga.getByRole('link', { name: nl.mail_coaching_answer_link })).toHaveAttribute(
		'href',
		`${networkUrl}/coaching`
	);
	await checkA11y(olga);
	await olga.goBack();
	// The mail asks whether Kees may be her coach; she says yes by its link.
	await expect(olga.getByText(fill(nl.mail_coaching_ask, { coach: 'Kees Coach' }))).toBeVisible();
	await olga.getByRole('link', { name: /coaching%2Fanswer%3Ftoken/ }).click();
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.coaching_answer_title, { coach: 'Kees Coach' })
	);
	await checkA11y(olga);
	await olga
		.getByRole('button', { name: fill(nl.coaching_accept, { coach: 'Kees Coach' }) })
		.click();
	await status(olga, fill(nl.coaching_accepted, { coach: 'Kees Coach' }));
	await checkA11y(olga);
	// Now, and only now, her coach reads the conversation she shared with her coach.
	await coach.goto(olgaPage);
	await expect(coach.getByText(/geoefend met Pim/).first()).toBeVisible();
	await olga.goto(talkUrl);
	await expect(olga.getByText('We oefenden het gesprek met de directeur.')).toBeVisible();
	await olga.getByLabel(nl.talk_agenda_add).fill('Mijn directeur twijfelt nog');
	await olga.getByRole('button', { name: nl.talk_agenda_submit }).click();
	await expect(olga.getByRole('list', { name: nl.talk_agenda })).toContainText(
		'Hoe ging het met de directeur?'
	);
	await expect(olga.getByRole('list', { name: nl.talk_agenda })).toContainText(
		'Mijn directeur twijfelt nog'
	);
	expect(await olga.content()).not.toContain('Geheime coachnotitie');
	await checkA11y(olga);

	// A progress conversation: Olga keeps a commitment with her coach, and the talk is about it.
	await olga.goto(`${networkUrl}/commitments/new`);
	await olga.getByLabel(nl.field_commitment_title).fill('Vrijwilligers vinden');
	await olga.getByLabel(new RegExp(nl.visibility_coach)).check();
	await olga.getByRole('button', { name: nl.commitment_create }).click();
	await expect(olga.getByRole('heading', { level: 1 })).toHaveText('Vrijwilligers vinden');
	const commitmentUrl = new URL(olga.url()).pathname;
	await coach.goto(talkUrl);
	await expect(coach.getByText(nl.talk_commitment_none)).toBeVisible();
	await coach
		.getByLabel(nl.talk_commitment_label, { exact: true })
		.selectOption({ label: 'Vrijwilligers vinden' });
	await coach.getByRole('button', { name: nl.talk_commitment_link }).click();
	await status(coach, nl.talk_commitment_linked);
	await expect(coach.getByRole('link', { name: 'Vrijwilligers vinden' })).toHaveAttribute(
		'href',
		commitmentUrl
	);
	await checkA11y(coach);
	// Her commitment lists the talk; the coach's overview has it, not yet held.
	await olga.goto(commitmentUrl);
	await expect(olga.getByRole('table', { name: nl.commitment_talks_title })).toContainText(
		'Kees Coach'
	);
	await checkA11y(olga);
	await coach.goto(`${networkUrl}/coaching`);
	await expect(
		coach
			.getByRole('table', { name: nl.coaching_commitments_title })
			.getByRole('row', { name: /Vrijwilligers vinden/ })
	).toContainText(nl.coaching_last_talk_none);

	// Olga's own coaching page lists the talk (she is not a coach: no overview).
	await olga.goto(`${networkUrl}/coaching`);
	await expect(olga.getByRole('heading', { name: nl.coaching_overview })).toHaveCount(0);
	await expect(olga.getByRole('link', { name: /Kees Coach/ })).toBeVisible();
	await checkA11y(olga);
	// She ends the coaching: Kees no longer reads what she shared with her coach; the talk stays.
	await olga.getByText(nl.coaching_end, { exact: true }).click();
	await olga
		.getByRole('button', { name: fill(nl.coaching_end_yes, { coach: 'Kees Coach' }) })
		.click();
	await status(olga, nl.coaching_ended);
	await expect(olga.getByText(nl.coaching_none_mine)).toBeVisible();
	await checkA11y(olga);
	await coach.goto(olgaPage);
	await expect(coach.getByRole('heading', { level: 1 })).toContainText('Olga');
	expect(await coach.content()).not.toContain('geoefend met Pim');
	await coach.goto(talkUrl);
	await expect(coach.getByText('We oefenden het gesprek met de directeur.')).toBeVisible();
	// Nor which of her commitments "me and my coach" the talk is about; she still does, and unlinks it.
	await expect(coach.getByText(nl.talk_commitment_none)).toBeVisible();
	expect(await coach.content()).not.toContain('Vrijwilligers vinden');
	await olga.goto(talkUrl);
	await expect(olga.getByRole('link', { name: 'Vrijwilligers vinden' })).toBeVisible();
	await olga.getByRole('button', { name: nl.talk_commitment_unlink }).click();
	await status(olga, nl.talk_commitment_unlinked);
	await expect(olga.getByText(nl.talk_commitment_none)).toBeVisible();

	// Pim sees Olga's shared goal in the olievlek, nothing private, and not the talk.
	await pim.goto(`${networkUrl}/olievlek`);
	await expect(pim.getByText('Een leesclub in eenvoudige taal')).toBeVisible();
	await expect(pim.getByRole('table')).toContainText('1');
	await checkA11y(pim);
	await pim.getByRole('link', { name: 'Olga' }).click();
	await expect(pim.getByText('Een leesclub in eenvoudige taal')).toBeVisible();
	const page = await pim.content();
	expect(page).not.toContain('welkom voelt in onze bieb');
	expect(page).not.toContain('Mijn directeur');
	expect(page).not.toContain('Geheime coachnotitie');
	expect(page).not.toContain('geoefend met Pim');
	expect(page).not.toContain('kleine stappen');
	const talk = await pim.request.get(talkUrl);
	expect(talk.status()).toBe(404);
	expect(await talk.text()).not.toContain('Geheime coachnotitie');
	for (const p of [coach, olga, pim]) await p.context().close();
});
