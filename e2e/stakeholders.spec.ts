import { expect, test, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import {
	checkA11y,
	expectNoHorizontalScroll,
	fillMessage as fill,
	inviteAndJoin,
	newPage,
	unique
} from './helpers.ts';
import { NL_JOIN } from './dutch.ts';

const PASSWORD = 'een lang wachtwoord 2026';
const status = (page: Page, text: string) =>
	expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
const place = (influence: number, interest: number) =>
	fill(nl.stakeholder_place_line, { influence, interest });

/** The table's row of a stakeholder, found by its name. */
const row = (page: Page, name: string) =>
	page.locator('table.stakeholder-table tbody tr').filter({ hasText: name });

/**
 * The stakeholder map (seed 002): a member lists three contacts with what is in it for them,
 * moves one with the arrow keys and one with the form (JavaScript off), sees the table agree with
 * the map, prints it on one A4 page, and makes a next move an action of her own commitment.
 */
test('a member maps three stakeholders, moves them by keyboard and by form, and makes a next move an action', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const c = await newPage(browser);
	await c.goto('/sign-up');
	await c.getByLabel(nl.field_name, { exact: true }).fill('Carla');
	await c.getByLabel(nl.field_email).fill(unique('stakeholders'));
	await c.getByLabel(nl.field_password).fill(PASSWORD);
	await c.getByRole('button', { name: nl.sign_up_submit }).click();
	await expect(c.getByRole('heading', { level: 1 })).toContainText('Carla');
	const network = `Bibliotheeknetwerk ${Date.now()}`;
	await c.goto('/networks/new');
	await c.getByLabel(nl.field_network_name).fill(network);
	await c.getByLabel(nl.field_purpose).fill('Iedereen welkom in de bibliotheek');
	await c.getByLabel(nl.field_core_value).fill('Samen');
	await c.getByRole('button', { name: nl.network_create_submit }).click();
	const networkUrl = new URL(c.url()).pathname;
	const networkId = networkUrl.split('/')[2]!;
	const { page: n, email } = await inviteAndJoin(
		browser,
		c,
		{ networkId, network, name: 'Nora' },
		NL_JOIN
	);

	// Nora's own commitment, with a sprint for actions.
	await n.goto(`${networkUrl}/commitments/new`);
	await n.getByLabel(nl.field_commitment_title).fill('Ik haal de gemeente erbij');
	await n.getByRole('button', { name: nl.commitment_create }).click();
	await expect(n.getByRole('heading', { level: 1 })).toHaveText('Ik haal de gemeente erbij');
	const commitmentUrl = new URL(n.url()).pathname;
	await n.getByRole('button', { name: nl.sprint_add }).click();
	await expect(n.getByRole('status').first()).toBeVisible();

	// The map starts empty; a stakeholder without a name or a win is refused and adds nothing.
	await n.goto(`${networkUrl}/stakeholders`);
	await expect(n.getByText(nl.stakeholders_none)).toBeVisible();
	await checkA11y(n);
	const addForm = () => n.getByRole('form', { name: nl.stakeholders_add });
	await addForm().getByRole('button', { name: nl.stakeholders_add_submit }).click();
	await expect(n.getByRole('alert')).toContainText(nl.error_required);
	await expect(n.getByText(nl.stakeholders_none)).toBeVisible();
	await checkA11y(n);

	const stakeholders = [
		{
			name: 'Wethouder Jansen',
			kind: 'person',
			organisation: 'Gemeente Oostwijk',
			win: 'Een wijk waar nieuwkomers sneller meedoen',
			influence: 5,
			interest: 2,
			relation: 'Kent Nora van de wijkraad',
			nextMove: 'Wethouder uitnodigen voor de volgende sessie',
			nextMoveOn: '2027-03-01'
		},
		{
			name: 'Taalhuis',
			kind: 'organisation',
			organisation: '',
			win: 'Meer cursisten die blijven lezen',
			influence: 2,
			interest: 4,
			relation: '',
			nextMove: '',
			nextMoveOn: ''
		},
		{
			name: 'Buurtkrant',
			kind: 'organisation',
			organisation: '',
			win: 'Verhalen uit de wijk',
			influence: 1,
			interest: 1,
			relation: '',
			nextMove: '',
			nextMoveOn: ''
		}
	];
	for (const s of stakeholders) {
		const f = addForm();
		await f.getByLabel(nl.stakeholder_name).fill(s.name);
		await f.getByLabel(nl.stakeholder_kind).selectOption(s.kind);
		if (s.organisation) await f.getByLabel(nl.stakeholder_organisation).fill(s.organisation);
		await f.getByLabel(nl.stakeholder_win).fill(s.win);
		await f.getByLabel(nl.stakeholder_influence).selectOption(String(s.influence));
		await f.getByLabel(nl.stakeholder_interest).selectOption(String(s.interest));
		if (s.relation) await f.getByLabel(nl.stakeholder_relation).fill(s.relation);
		if (s.nextMove) await f.getByLabel(new RegExp(`^${nl.stakeholder_next_move}`)).fill(s.nextMove);
		if (s.nextMoveOn) await f.getByLabel(nl.stakeholder_next_move_on).fill(s.nextMoveOn);
		await f.getByRole('button', { name: nl.stakeholders_add_submit }).click();
		await status(n, fill(nl.stakeholders_added, { name: s.name }));
	}
	await expect(n.locator('table.stakeholder-table tbody tr')).toHaveCount(3);
	await checkA11y(n);

	// The table agrees with the map: same place, same quadrant, same number (rows by name).
	const quadrant = {
		'Wethouder Jansen': nl.stakeholder_quadrant_keep_satisfied,
		Taalhuis: nl.stakeholder_quadrant_keep_informed,
		Buurtkrant: nl.stakeholder_quadrant_monitor
	};
	const mark = (no: number, name: string, kind: string, influence: number, interest: number) =>
		n.getByRole('button', {
			name: fill(nl.stakeholder_mark_label, {
				n: no,
				name,
				kind,
				influence,
				interest,
				quadrant: {
					keep_satisfied: nl.stakeholder_quadrant_keep_satisfied,
					manage_closely: nl.stakeholder_quadrant_manage_closely,
					keep_informed: nl.stakeholder_quadrant_keep_informed,
					monitor: nl.stakeholder_quadrant_monitor
				}[
					influence >= 3
						? interest >= 3
							? 'manage_closely'
							: 'keep_satisfied'
						: interest >= 3
							? 'keep_informed'
							: 'monitor'
				]
			}),
			exact: true
		});
	const buurtkrant = mark(1, 'Buurtkrant', nl.stakeholder_kind_organisation, 1, 1);
	const taalhuis = mark(2, 'Taalhuis', nl.stakeholder_kind_organisation, 2, 4);
	const wethouder = mark(3, 'Wethouder Jansen', nl.stakeholder_kind_person, 5, 2);
	for (const [i, s] of [stakeholders[2]!, stakeholders[1]!, stakeholders[0]!].entries()) {
		const r = row(n, s.name);
		await expect(r.locator('td').first()).toHaveText(String(i + 1));
		await expect(r).toContainText(place(s.influence, s.interest));
		await expect(r).toContainText(quadrant[s.name as keyof typeof quadrant]);
	}
	await expect(buurtkrant).toBeVisible();
	await expect(taalhuis).toBeVisible();
	await expect(wethouder).toBeVisible();
	// Higher influence is higher up, more interest further right.
	const box = async (l: typeof buurtkrant) => (await l.boundingBox())!;
	expect((await box(wethouder)).y).toBeLessThan((await box(buurtkrant)).y);
	expect((await box(taalhuis)).x).toBeGreaterThan((await box(wethouder)).x);

	// With the keyboard: the Taalhuis goes up twice (influence 2 → 4), announced politely.
	await taalhuis.focus();
	await n.keyboard.press('ArrowUp');
	await n.keyboard.press('ArrowUp');
	const placed = fill(nl.stakeholder_placed, {
		name: 'Taalhuis',
		influence: 4,
		interest: 4,
		quadrant: nl.stakeholder_quadrant_manage_closely
	});
	await expect(n.locator('[aria-live="polite"]')).toHaveText(placed);
	const moved = mark(2, 'Taalhuis', nl.stakeholder_kind_organisation, 4, 4);
	await expect(moved).toBeFocused();
	await expect(row(n, 'Taalhuis')).toContainText(place(4, 4));
	await expect(row(n, 'Taalhuis')).toContainText(nl.stakeholder_quadrant_manage_closely);
	await checkA11y(n);
	// Saved: after a reload the map and the table still say so.
	await n.reload();
	await expect(row(n, 'Taalhuis')).toContainText(place(4, 4));
	await expect(moved).toBeVisible();
	// At the edge of the map it stays and says so.
	await wethouder.focus();
	await n.keyboard.press('ArrowUp');
	await expect(n.locator('[aria-live="polite"]')).toHaveText(
		fill(nl.stakeholders_map_edge, { name: 'Wethouder Jansen' })
	);

	// A phone: no sideways scrolling, the table as cards.
	await n.setViewportSize({ width: 360, height: 800 });
	await expectNoHorizontalScroll(n);
	await checkA11y(n);
	await n.setViewportSize({ width: 1024, height: 800 });

	// Printed, the map and the table fit on one A4 page.
	await n.emulateMedia({ media: 'print' });
	const pdf = (await n.pdf({ format: 'A4' })).toString('latin1');
	expect(pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).toHaveLength(1);
	await n.emulateMedia({ media: 'screen' });

	// Without JavaScript: the Buurtkrant is moved with the form on its own page.
	const plain = await newPage(browser, { javaScriptEnabled: false });
	await plain.goto('/sign-in');
	await plain.getByLabel(nl.field_email).first().fill(email);
	await plain.getByLabel(nl.field_password).fill(PASSWORD);
	await plain.getByRole('button', { name: nl.sign_in_submit, exact: true }).click();
	await plain.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
	await plain.goto(`${networkUrl}/stakeholders`);
	await expect(plain.getByRole('img', { name: nl.stakeholders_map_title })).toBeVisible();
	await checkA11y(plain);
	await row(plain, 'Buurtkrant').getByRole('link', { name: 'Buurtkrant' }).click();
	await expect(plain.getByRole('heading', { level: 1 })).toHaveText('Buurtkrant');
	await checkA11y(plain);
	const placeForm = plain.getByRole('form', { name: nl.stakeholder_place_title });
	await placeForm.getByLabel(nl.stakeholder_influence).selectOption('4');
	await placeForm.getByLabel(nl.stakeholder_interest).selectOption('2');
	await placeForm.getByRole('button', { name: nl.stakeholder_place_submit }).click();
	await status(
		plain,
		fill(nl.stakeholder_placed, {
			name: 'Buurtkrant',
			influence: 4,
			interest: 2,
			quadrant: nl.stakeholder_quadrant_keep_satisfied
		})
	);
	await checkA11y(plain);
	await plain.goto(`${networkUrl}/stakeholders`);
	await expect(row(plain, 'Buurtkrant')).toContainText(place(4, 2));
	await expect(row(plain, 'Buurtkrant')).toContainText(nl.stakeholder_quadrant_keep_satisfied);
	await plain.context().close();
	await n.reload();
	await expect(mark(1, 'Buurtkrant', nl.stakeholder_kind_organisation, 4, 2)).toBeVisible();

	// The alderman's next move becomes an action of Nora's commitment; a cleared win is refused.
	await row(n, 'Wethouder Jansen').getByRole('link', { name: 'Wethouder Jansen' }).click();
	await expect(n.getByRole('heading', { level: 1 })).toHaveText('Wethouder Jansen');
	await checkA11y(n);
	await n.getByText(nl.stakeholder_edit, { exact: true }).click();
	const edit = n.getByRole('form', { name: nl.stakeholder_edit });
	await edit.getByLabel(nl.stakeholder_win).fill(' ');
	await edit.getByRole('button', { name: nl.save }).click();
	await expect(n.getByRole('alert')).toContainText(nl.error_required);
	await checkA11y(n);
	await n.reload();
	await expect(n.locator('dd').filter({ hasText: stakeholders[0]!.win })).toBeVisible();
	const act = n.getByRole('form', { name: nl.stakeholder_to_action_title });
	await act
		.getByLabel(nl.stakeholder_to_action_commitment)
		.selectOption({ label: 'Ik haal de gemeente erbij' });
	await act.getByRole('button', { name: nl.stakeholder_to_action_submit }).click();
	await status(n, nl.stakeholder_to_action_done);
	await checkA11y(n);
	await n.getByRole('link', { name: 'Ik haal de gemeente erbij' }).click();
	await expect(n).toHaveURL(new RegExp(`${commitmentUrl}$`));
	await expect(n.getByText(stakeholders[0]!.nextMove).first()).toBeVisible();
	await checkA11y(n);
	await n.goto(`${networkUrl}/stakeholders`);
	await expect(row(n, 'Wethouder Jansen')).toContainText(nl.stakeholder_is_action);

	for (const p of [c, n]) await p.context().close();
});
