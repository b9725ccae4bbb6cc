import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import JSZip from 'jszip';
import nl from '../messages/nl.json' with { type: 'json' };
import {
	checkA11y,
	expectNoHorizontalScroll,
	fillMessage as fill,
	inviteAndJoin,
	newPage
} from './helpers.ts';
import { NL_JOIN, coordinatorWithNetwork } from './dutch.ts';

const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();

/**
 * The local approach: a coordinator builds a municipality's baseline snapshot from two sources
 * and three interviews, draws conclusions and improvement points on them, chooses two building
 * blocks, makes the plan and downloads it in Word. The mediation's notes stay with the mediator
 * and the coordinator: the team member sees the block, never the notes.
 */
test('a coordinator builds a baseline snapshot, chooses two building blocks and downloads the plan', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const c = await newPage(browser, { width: 1280 });
	const network = `Lokaal ${Date.now()}`;
	const { networkId } = await coordinatorWithNetwork(c, 'Carla', network, 'Inclusie in Zuiderveen');
	const { page: tom } = await inviteAndJoin(
		browser,
		c,
		{ networkId, network, name: 'Tom' },
		NL_JOIN
	);
	const { page: mo } = await inviteAndJoin(browser, c, { networkId, network, name: 'Mo' }, NL_JOIN);

	// The approach: a name is needed; the team is Tom.
	await c.goto(`/networks/${networkId}/local`);
	await checkA11y(c);
	await c.getByRole('button', { name: nl.local_start_submit }).click();
	await expect(c.getByRole('alert')).toBeVisible();
	await c.getByLabel(nl.local_name, { exact: true }).fill('Gemeente Zuiderveen');
	await c.getByLabel(nl.local_people).fill('Wethouder, buurtteam, moskeevereniging');
	await c.getByLabel(nl.local_first_snapshot_on).fill('2027-03-01');
	await c.getByRole('checkbox', { name: 'Tom' }).check();
	await c.getByRole('button', { name: nl.local_start_submit }).click();
	await expect(c.getByRole('heading', { level: 1 })).toHaveText('Gemeente Zuiderveen');
	const approachUrl = new URL(c.url()).pathname;
	await checkA11y(c);
	// Mo, not on the team, does not find it.
	expect((await mo.request.get(approachUrl)).status()).toBe(404);

	// The baseline snapshot: two sources (a link that is not a web address refused first).
	await c
		.getByRole('link', { name: fill(nl.local_snapshot_name, { number: 1, date: '1 maart 2027' }) })
		.click();
	await expect(c.getByRole('heading', { level: 1 })).toHaveText(
		fill(nl.local_snapshot_name, { number: 1, date: '1 maart 2027' })
	);
	const snapshotUrl = new URL(c.url()).pathname;
	await checkA11y(c);
	const source = c.getByRole('form', { name: nl.local_source_add });
	await source.getByLabel(nl.local_source_title).fill('Integratienota 2026');
	await source.getByLabel(nl.local_source_link).fill('javascript:alert(1)');
	await source.getByRole('button', { name: nl.local_source_add_submit }).click();
	await expect(c.getByRole('alert')).toContainText(nl.error_link);
	await source.getByLabel(nl.local_source_link).fill('');
	await source.getByLabel(nl.local_source_line).fill('Geen geld voor ontmoeting in de wijk');
	await source.getByRole('button', { name: nl.local_source_add_submit }).click();
	await status(c, nl.local_source_added);
	await source.getByLabel(nl.local_source_kind).selectOption('figures');
	await source.getByLabel(nl.local_source_title).fill('Buurtmonitor');
	await source.getByLabel(nl.local_source_link).fill('https://example.org/monitor');
	await source.getByRole('button', { name: nl.local_source_add_submit }).click();
	await status(c, nl.local_source_added);

	// Three interviews, each with what the person agreed to.
	const interviews = [
		['Wethouder', 'municipality', nl.local_consent_quotes],
		['Voorzitter moskee', 'community', nl.local_consent_notes],
		['Bewoner A', 'resident', nl.local_consent_none]
	] as const;
	const interviewUrls: string[] = [];
	for (const [who, role, consent] of interviews) {
		await c.goto(snapshotUrl);
		const add = c.getByRole('form', { name: nl.local_interview_add });
		await add.getByLabel(nl.local_interviewee, { exact: true }).fill(who);
		await add.getByLabel(nl.local_interview_role).selectOption(role);
		await add.getByLabel(nl.local_interview_held_on).fill('2027-03-05');
		await add.getByRole('radio', { name: consent }).check();
		await add.getByRole('button', { name: nl.local_interview_add_submit }).click();
		await expect(c.getByRole('heading', { level: 1 })).toHaveText(who);
		interviewUrls.push(new URL(c.url()).pathname);
	}
	// The resident gave no consent to notes: nothing can be written down.
	await expect(c.getByText(nl.local_no_notes_without_consent)).toBeVisible();
	await expect(c.getByRole('form', { name: nl.local_note_add })).toHaveCount(0);
	await checkA11y(c);
	// The chair agreed to notes, not to quotes: the quote box is not offered.
	await c.goto(interviewUrls[1]!);
	const note = c.getByRole('form', { name: nl.local_note_add });
	await note
		.getByLabel(nl.local_note_text)
		.fill('Sinds het buurthuis dicht is, treffen jong en oud elkaar niet meer.');
	await note.getByLabel(nl.local_note_themes_label).fill('ontmoeting, jongeren');
	await expect(note.getByRole('checkbox', { name: nl.local_note_quote })).toHaveCount(0);
	await note.getByRole('button', { name: nl.local_note_add_submit }).click();
	await status(c, nl.local_note_added);
	await checkA11y(c);
	// The alderman may be quoted.
	await c.goto(interviewUrls[0]!);
	await c.getByLabel(nl.local_note_text).fill('We willen dat iedereen meedoet.');
	await c.getByLabel(nl.local_note_themes_label).fill('beleid, ontmoeting');
	await c.getByRole('checkbox', { name: nl.local_note_quote }).check();
	await c.getByRole('button', { name: nl.local_note_add_submit }).click();
	await status(c, nl.local_note_added);
	await expect(c.getByText(nl.local_quote_mark)).toBeVisible();
	await checkA11y(c);

	// Conclusions and improvement points, each resting on something.
	await c.goto(snapshotUrl);
	await expect(
		c.locator('section[aria-labelledby="themes-title"] li').filter({ hasText: 'ontmoeting' })
	).toContainText('(2)');
	const finding = c.getByRole('form', { name: nl.local_finding_add });
	await finding
		.getByLabel(nl.local_finding_text)
		.fill('Er is geen plek waar groepen elkaar ontmoeten.');
	await finding.getByRole('button', { name: nl.local_finding_add_submit }).click();
	await expect(c.getByRole('alert')).toContainText(nl.error_local_basis);
	await finding
		.getByRole('checkbox', {
			name: fill(nl.local_basis_interview, {
				name: 'Voorzitter moskee',
				role: nl.local_role_community
			})
		})
		.check();
	await finding
		.getByRole('checkbox', {
			name: fill(nl.local_basis_interview, { name: 'Bewoner A', role: nl.local_role_resident })
		})
		.check();
	await finding.getByRole('button', { name: nl.local_finding_add_submit }).click();
	await status(c, nl.local_finding_added);
	await finding.getByRole('radio', { name: nl.local_finding_conclusion }).check();
	await finding
		.getByLabel(nl.local_finding_text)
		.fill('Moskee en gemeente vertrouwen elkaar niet.');
	await finding
		.getByRole('checkbox', {
			name: fill(nl.local_basis_interview, { name: 'Wethouder', role: nl.local_role_municipality })
		})
		.check();
	await finding.getByRole('button', { name: nl.local_finding_add_submit }).click();
	await status(c, nl.local_finding_added);
	await finding.getByRole('radio', { name: nl.local_finding_improvement }).check();
	await finding.getByLabel(nl.local_finding_text).fill('Schrijf brieven in eenvoudige taal.');
	await finding
		.getByRole('checkbox', { name: fill(nl.local_basis_source, { title: 'Integratienota 2026' }) })
		.check();
	await finding.getByRole('button', { name: nl.local_finding_add_submit }).click();
	await status(c, nl.local_finding_added);
	await expect(
		c.getByText(
			fill(nl.local_rests_on, { basis: `Integratienota 2026 (${nl.local_source_policy})` })
		)
	).toBeVisible();
	await checkA11y(c);

	// Two building blocks, each with its reason from the conclusions.
	await c.goto(approachUrl);
	const choose = async (kind: string, reason: string, finding: string) => {
		await c.getByText(nl.local_block_choose, { exact: true }).click();
		await c.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
		await c.getByLabel(nl.local_block_reason, { exact: true }).fill(reason);
		await c.getByRole('checkbox', { name: new RegExp(finding) }).check();
		await c.getByRole('button', { name: nl.local_block_choose_submit }).click();
		await status(c, nl.local_block_chosen);
	};
	await choose(nl.local_block_rebubbling, 'Groepen ontmoeten elkaar nauwelijks.', 'geen plek');
	await choose(
		nl.local_block_mediation,
		'Zonder vertrouwen komt niets van de grond.',
		'vertrouwen'
	);
	await checkA11y(c);

	// The mediation: a vertical tension, Mo as mediator, and a note only the two of them read.
	await c.getByRole('link', { name: nl.local_block_mediation, exact: true }).click();
	await expect(c.getByRole('heading', { level: 1 })).toHaveText(nl.local_block_mediation);
	const blockUrl = new URL(c.url()).pathname;
	await c.getByRole('radio', { name: nl.local_tension_vertical }).check();
	await c.getByLabel(nl.local_mediation_parties).fill('Moskeebestuur, wethouder');
	await c
		.getByRole('combobox', { name: new RegExp(`^${nl.local_mediator}`) })
		.selectOption({ label: 'Mo' });
	await c.getByRole('button', { name: nl.local_save }).click();
	await status(c, nl.local_block_saved);
	await c
		.getByLabel(nl.local_mediation_note, { exact: true })
		.fill('Het bestuur wil excuses voor de sluiting.');
	await c.getByRole('button', { name: nl.local_mediation_note_submit }).click();
	await status(c, nl.local_mediation_note_added);
	await checkA11y(c);
	// Mo, the mediator, reads and writes the notes, though not on the team.
	await mo.goto(blockUrl);
	await expect(mo.getByText('Het bestuur wil excuses voor de sluiting.')).toBeVisible();
	await checkA11y(mo);
	// Tom, on the team, sees the mediation but not its notes, not even in the page's data.
	await tom.goto(blockUrl);
	await expect(tom.getByText(nl.local_mediation_notes_not_yours)).toBeVisible();
	const asTom = await (await tom.request.get(blockUrl)).text();
	expect(asTom).not.toContain('excuses');
	const dataAsTom = await (await tom.request.get(`${blockUrl}/__data.json`)).text();
	expect(dataAsTom).not.toContain('excuses');
	await checkA11y(tom);

	// The plan: an action per block, its status, and the plan in Word.
	await c.goto(approachUrl);
	const plan = c.getByRole('form', { name: nl.local_action_add });
	await plan.getByLabel(nl.local_action_title, { exact: true }).fill('Eerste buurtmaaltijd');
	await plan.getByLabel(nl.local_action_owner).fill('Buurtteam');
	await plan.getByLabel(nl.local_action_starts).fill('2027-05-01');
	await plan.getByLabel(nl.local_action_due).fill('2027-04-01');
	await plan.getByRole('button', { name: nl.local_action_add_submit }).click();
	await expect(c.getByRole('alert')).toContainText(nl.error_local_due_before_start);
	await plan.getByLabel(nl.local_action_due).fill('2027-05-31');
	await plan.getByRole('button', { name: nl.local_action_add_submit }).click();
	await status(c, nl.local_action_added);
	await c
		.getByLabel(fill(nl.local_action_status_of, { title: 'Eerste buurtmaaltijd' }))
		.selectOption('doing');
	await c
		.getByRole('button', { name: `${nl.local_action_status_submit} – Eerste buurtmaaltijd` })
		.click();
	await status(c, fill(nl.local_action_status_set, { status: nl.local_action_doing }));
	await checkA11y(c);
	await expectNoHorizontalScroll(c);
	const [download] = await Promise.all([
		c.waitForEvent('download'),
		c.getByRole('link', { name: nl.local_plan_download_docx }).click()
	]);
	expect(download.suggestedFilename()).toBe('plan-van-aanpak-gemeente-zuiderveen.docx');
	const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
	const xml = await zip.file('word/document.xml')!.async('string');
	for (const shown of [
		'Gemeente Zuiderveen',
		'Er is geen plek waar groepen elkaar ontmoeten.',
		'Voorzitter moskee',
		'Groepen ontmoeten elkaar nauwelijks.',
		'Eerste buurtmaaltijd'
	])
		expect(xml).toContain(shown);
	expect(xml).not.toContain('excuses');
	// Tom may download it too; Mo, who reaches only the mediation, may not.
	expect((await tom.request.get(`${approachUrl}/plan.pdf`)).status()).toBe(200);
	expect((await mo.request.get(`${approachUrl}/plan.docx`)).status()).toBe(404);

	// On a phone, the snapshot reads without sideways scrolling.
	const phone = await newPage(browser, { width: 360 });
	await phone.context().addCookies(await tom.context().cookies());
	await phone.goto(snapshotUrl);
	await expectNoHorizontalScroll(phone);
});
