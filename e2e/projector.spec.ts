import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { formAction, httpPhone } from './room.ts';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, newPage, pluralMessage } from './helpers.ts';
import { coordinatorWithNetwork } from './dutch.ts';

/**
 * The back row reads the projector, and it never scrolls: a wall of 40 post-its in 12 themes,
 * a vote on 40 items, and 6 breakout groups answering 4 questions each are laid out in pages
 * that each fit a 1920×1080 screen and a 1280×720 TV, with nothing cut off and no word broken.
 * The room's data comes in as the phones send it (their HTTP posts, without a browser each).
 */
const SIZES = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 }
];

const IDEAS = [
	'Een taalcafé in de bibliotheek op zaterdag',
	'Vacatureteksten laten lezen door ervaringsdeskundigen',
	'Arbeidsmarktdiscriminatiebestrijding als vast agendapunt',
	'Anoniem solliciteren proberen',
	'Buddy voor nieuwe collega’s',
	'Folders in eenvoudige taal',
	'Spreekuur zonder afspraak',
	'Een gebedsruimte die iedereen mag gebruiken, ook als je niet gelooft',
	'Kinderopvang tijdens de inspraakavond',
	'Voorlezen in de eigen taal van ouders',
	'Meer vrouwen in de wijkraad',
	'Rolstoeltoegankelijke ingang aan de voorkant in plaats van via de achterdeur'
];

/** Every page the projector has, at each size: the page fits, nothing in it is cut off. */
async function everyPageFits(screens: Page[], name: string) {
	for (const [i, screen] of screens.entries()) {
		const size = `${SIZES[i]!.width}`;
		const stage = screen.locator('.pj-stage');
		await expect(stage).toHaveAttribute('data-fitted', /\d+/);
		const pages = Number(await stage.getAttribute('data-pages'));
		if (pages > 1) {
			// The facilitator stops the pages turning by themselves, and turns them by hand.
			const stop = screen.getByRole('button', { name: nl.projector_page_pause });
			if (await stop.isVisible()) await stop.click();
		}
		for (let p = 1; p <= pages; p++) {
			await expect(stage).toHaveAttribute('data-page', String(p));
			const fit = await screen.evaluate(async () => {
				await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
				const stage = document.querySelector<HTMLElement>('.pj-stage')!;
				const over = (el: Element) =>
					el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
				return {
					scrolls:
						document.documentElement.scrollHeight > innerHeight ||
						document.documentElement.scrollWidth > innerWidth,
					clipped: [stage, ...stage.querySelectorAll('[data-fit]')]
						.filter(over)
						.map((el) => el.textContent?.trim().slice(0, 40)),
					lastResort: stage.classList.contains('pj-last-resort'),
					px: Number(stage.dataset.fitted),
					min: Math.max(16, Math.round(innerHeight * 0.024))
				};
			});
			expect(fit.scrolls, `${name} page ${p} at ${size} scrolls`).toBe(false);
			expect(fit.clipped, `${name} page ${p} at ${size}`).toEqual([]);
			expect(fit.lastResort, `${name} at ${size} had to break words`).toBe(false);
			expect(fit.px).toBeGreaterThanOrEqual(fit.min);
			await screen.screenshot({ path: `test-results/screens/projector-${name}-${size}-p${p}.png` });
			if (p < pages) await screen.getByRole('button', { name: nl.projector_page_next }).click();
		}
		await checkA11y(screen);
	}
}

test('the projector never scrolls: 40 post-its in 12 themes, a 40-item vote, 6 groups × 4 questions', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	const act = (r: APIRequestContext, url: string, form: Record<string, string> | URLSearchParams) =>
		formAction(r, baseURL!, url, form);
	const f = await newPage(browser, { width: 1280 });
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', `Projector ${Date.now()}`);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Werk en inclusie: wat doen we morgen anders?');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	for (const kind of ['postit_round', 'dot_vote', 'breakout']) {
		await f.getByLabel(nl.field_work_form).selectOption(kind);
		await f.getByRole('button', { name: nl.step_add_submit }).click();
		await f.getByRole('link', { name: nl.back_to_session }).click();
	}
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();
	const consoleUrl = new URL(f.url()).pathname;
	const stepIds = [
		...new Set(
			await f
				.locator('.step-list input[name="stepId"]')
				.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
		)
	];
	expect(stepIds).toHaveLength(3);
	const [round, vote, breakout] = stepIds as [string, string, string];

	const screens: Page[] = [];
	for (const size of SIZES) {
		const s = await f.context().newPage();
		await s.setViewportSize(size);
		await s.goto(consoleUrl.replace(/\/live$/, '/projector'));
		screens.push(s);
	}
	// While people arrive: the code, the address and a QR code large enough to scan from a seat.
	const phones: APIRequestContext[] = [];
	for (let i = 0; i < 14; i++) phones.push(await httpPhone(baseURL!, code, `Deelnemer ${i + 1}`));
	for (const s of screens) {
		await expect(s.getByText(pluralMessage(nl.live_participants, 14))).toBeVisible();
		await expect(s.getByRole('img', { name: nl.live_qr_label })).toBeVisible();
		const qr = await s.getByRole('img', { name: nl.live_qr_label }).boundingBox();
		const view = s.viewportSize()!;
		expect(qr!.y + qr!.height).toBeLessThanOrEqual(view.height);
		expect(qr!.height).toBeGreaterThan(view.height * 0.45);
		expect(await s.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
		await s.screenshot({ path: `test-results/screens/projector-join-${view.width}.png` });
		await checkA11y(s);
	}

	// The post-it round: 40 post-its, then the facilitator puts them in 12 themes.
	await act(f.request, `${consoleUrl}?/current`, { stepId: round, title: '' });
	await act(f.request, `${consoleUrl}?/state`, { stepId: round, state: 'open', title: '' });
	for (let i = 0; i < 40; i++)
		await act(phones[i % 14]!, '/live?/post', {
			stepId: round,
			clientId: `postit-${i}-${Date.now()}`,
			text: `${IDEAS[i % IDEAS.length]}${i >= IDEAS.length ? ` (${Math.floor(i / IDEAS.length) + 1})` : ''}`
		});
	await f.reload();
	const postitIds = [
		...new Set(
			await f
				.locator('input[name="postitId"]')
				.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
		)
	];
	expect(postitIds).toHaveLength(40);
	const themes = [
		'Werk',
		'Taal',
		'Ontmoeting',
		'Toegankelijkheid',
		'Geloof en levensbeschouwing',
		'Inspraak',
		'Jeugd',
		'Zorg',
		'Wonen',
		'Onderwijs',
		'Veiligheid',
		'Cultuur'
	];
	for (const [i, id] of postitIds.entries())
		// Uneven themes, as in a real room: the first has many, the last few have one or two.
		await act(f.request, `${consoleUrl}?/cluster`, {
			postitId: id,
			cluster: themes[i < 10 ? 0 : i % 12]!
		});
	await act(f.request, `${consoleUrl}?/state`, { stepId: round, state: 'closed', title: '' });
	for (const s of screens) {
		await s.reload();
		await expect(s.getByText(nl.projector_state_closed, { exact: true })).toBeVisible();
		await expect(s.getByRole('heading', { level: 2, name: 'Cultuur' })).toBeVisible();
	}
	await everyPageFits(screens, 'wall');

	// The vote on those 40: every phone gives its dots.
	await act(f.request, `${consoleUrl}?/current`, { stepId: vote, title: '' });
	await act(f.request, `${consoleUrl}?/state`, { stepId: vote, state: 'open', title: '' });
	for (const [i, p] of phones.entries())
		for (let d = 0; d < 3; d++)
			await act(p, '/live/dots', {
				stepId: vote,
				clientId: `dot-${i}-${d}-${Date.now()}`,
				postitId: postitIds[(i * 3 + d * 7) % 40]!
			});
	for (const s of screens) {
		await s.reload();
		await expect(s.getByText(nl.projector_state_open)).toBeVisible();
	}
	await everyPageFits(screens, 'vote');

	// Breakouts: six groups on six post-its, each answering the four questions.
	await act(f.request, `${consoleUrl}?/current`, { stepId: breakout, title: '' });
	const pick = new URLSearchParams({
		stepId: breakout,
		source: 'pick',
		count: '6',
		mode: 'assign'
	});
	for (const id of postitIds.slice(0, 6)) pick.append('postitIds', id);
	await act(f.request, `${consoleUrl}?/groups`, pick);
	await act(f.request, `${consoleUrl}?/state`, { stepId: breakout, state: 'open', title: '' });
	const lines = ['Meer tijd nemen voor kennismaking', 'Samen met de buurt', 'Budget vrijmaken'];
	for (const [i, p] of phones.entries())
		for (let q = 0; q < 4; q++)
			for (const [l, text] of lines.entries())
				await act(p, '/live?/answer', {
					stepId: breakout,
					clientId: `answer-${i}-${q}-${l}-${Date.now()}`,
					question: String(q),
					text: `${text} (${i + 1})`
				});
	for (const s of screens) {
		await s.reload();
		await expect(s.getByRole('heading', { level: 2 }).first()).toBeVisible();
	}
	await everyPageFits(screens, 'groups');

	// Pages turn by themselves when nobody holds them.
	const s = screens[1]!;
	await s.reload();
	const stage = s.locator('.pj-stage');
	await expect(stage).toHaveAttribute('data-page', '1');
	await expect(stage).toHaveAttribute('data-page', '2', { timeout: 20_000 });
	for (const p of phones) await p.dispose();
});
