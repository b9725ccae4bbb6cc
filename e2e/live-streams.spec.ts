import { expect, test } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { checkA11y, inviteAndJoin, newPage } from './helpers.ts';
import { NL_JOIN, coordinatorWithNetwork } from './dutch.ts';

/**
 * One client cannot fill a room: a phone holds a few live streams (a new one ends its oldest,
 * whose screen says so and stops), and the console's stream is only for those who run the session.
 */
test('a phone holds a few live streams, and only the people who run a session get its console stream', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const f = await newPage(browser);
	const network = `Stromen ${Date.now()}`;
	const { networkId } = await coordinatorWithNetwork(f, 'Fatima', network);
	await f.goto(`/networks/${networkId}/sessions/new`);
	await f.getByLabel(nl.field_session_title).fill('Live sessie');
	await f.getByRole('button', { name: nl.session_create_submit }).click();
	await f.getByLabel(nl.field_work_form).selectOption('postit_round');
	await f.getByRole('button', { name: nl.step_add_submit }).click();
	await f.getByRole('link', { name: nl.back_to_session }).click();
	await f.waitForURL(/\/sessions\/[^/]+$/);
	const sessionUrl = new URL(f.url()).pathname;
	await f.getByRole('link', { name: nl.live_start }).click();
	await f.getByRole('button', { name: nl.live_start }).click();
	const code = (await f.locator('.join-code [aria-hidden="true"]').innerText()).trim();

	const phone = await newPage(browser, { width: 360 });
	await phone.goto('/join');
	await phone.getByLabel(nl.field_join_code).fill(code.toLowerCase());
	await phone.getByLabel(nl.field_display_name_live).fill('Amal');
	const ownStream = phone.waitForResponse((r) => new URL(r.url()).pathname === '/live/events');
	await phone.getByRole('button', { name: nl.join_submit }).click();
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(nl.wf_postit_round_name);
	// The page's own stream is open; then the same phone opens four more, as tabs would.
	expect((await ownStream).status()).toBe(200);
	await phone.evaluate(async () => {
		const w = window as unknown as { replaced: number[] };
		w.replaced = [];
		for (let i = 0; i < 4; i++) {
			const s = new EventSource('/live/events');
			s.addEventListener('replaced', () => {
				w.replaced.push(i);
				s.close();
			});
			await new Promise((done) => s.addEventListener('open', done, { once: true }));
		}
	});
	// Three streams per phone: the page's own (the oldest) and then the first extra made way.
	await expect
		.poll(() => phone.evaluate(() => (window as unknown as { replaced: number[] }).replaced))
		.toEqual([0]);
	await expect(phone.getByText(nl.live_replaced)).toBeVisible();
	await checkA11y(phone);
	// "Continue here" takes the stream back for this screen.
	await phone.getByRole('button', { name: nl.live_replaced_resume }).click();
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText(nl.wf_postit_round_name);
	await expect(phone.getByText(nl.live_replaced)).toHaveCount(0);

	// A member of the network with the participant role does not get the console's stream.
	const { page: member } = await inviteAndJoin(
		browser,
		f,
		{ networkId, network, name: 'Mo' },
		NL_JOIN
	);
	const refused = await member.request.get(`${sessionUrl}/live/events`);
	expect(refused.status()).toBe(403);
	// The facilitator's console keeps its own.
	const consoleStream = f.waitForResponse(
		(r) => new URL(r.url()).pathname === `${sessionUrl}/live/events`
	);
	await f.goto(`${sessionUrl}/live`);
	expect((await consoleStream).status()).toBe(200);
});
