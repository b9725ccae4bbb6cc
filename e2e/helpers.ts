import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };

/** Every page a journey visits must have zero WCAG 2.2 AA violations. */
export async function checkA11y(page: Page) {
	if (noScript.has(page)) return checkA11yWithoutScript(page);
	// Judge the page as people see it: with its stylesheet applied (target sizes, contrast).
	await page.waitForLoadState('load');
	await page.waitForFunction(() =>
		[...document.styleSheets].some((s) => s.href?.endsWith('/app.css'))
	);
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	const summary = result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${page.url()}`).toEqual([]);
	expect(await page.locator('h1').count(), `one h1 on ${page.url()}`).toBe(1);
}

const noScript = new WeakSet<Page>();

/**
 * axe runs inside the page, which a JavaScript-off context forbids; so the page as served
 * without script is copied into a scratch page (scripts stripped, same base URL and styles)
 * and checked there.
 */
async function checkA11yWithoutScript(page: Page) {
	const html = (await page.content())
		.replace(/<script[\s\S]*?<\/script>/gi, '')
		.replace(/<head>/i, `<head><base href="${page.url()}">`);
	const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
	const scratch = await context.newPage();
	await scratch.goto(new URL('/healthz', page.url()).toString());
	await scratch.setContent(html, { waitUntil: 'load' });
	try {
		await checkA11y(scratch);
	} finally {
		await context.close();
	}
}

export async function newPage(
	browser: Browser,
	opts: { locale?: string; javaScriptEnabled?: boolean; width?: number } = {}
) {
	const context = await browser.newContext({
		locale: opts.locale ?? 'nl-NL',
		javaScriptEnabled: opts.javaScriptEnabled ?? true,
		viewport: { width: opts.width ?? 1024, height: 800 }
	});
	const page = await context.newPage();
	if (opts.javaScriptEnabled === false) noScript.add(page);
	return page;
}

export const unique = (prefix: string) =>
	`${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.org`;

export async function signUp(
	page: Page,
	t: { signUp: string; name: string; email: string; password: string; submit: string },
	who: { name: string; email: string }
) {
	await page.goto('/sign-up');
	await checkA11y(page);
	await page.getByLabel(t.name, { exact: true }).fill(who.name);
	await page.getByLabel(t.email).fill(who.email);
	await page.getByLabel(t.password).fill('een-lang-wachtwoord-2026');
	await page.getByRole('button', { name: t.submit }).click();
}

/** No horizontal scrolling at the given width (WCAG reflow). */
export async function expectNoHorizontalScroll(page: Page) {
	const { scroll, client } = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth
	}));
	expect(scroll).toBeLessThanOrEqual(client);
}

/**
 * A coordinator (signed in on `coordinator`) invites someone to the network; they open the mail
 * in the development outbox, make an account, accept the house rules and are in. Returns their
 * page and address.
 */
export async function inviteAndJoin(
	browser: Browser,
	coordinator: Page,
	n: { networkId: string; network: string; name: string },
	t: {
		invite: string;
		subject: string;
		createAccount: string;
		fieldName: string;
		fieldPassword: string;
		signUp: string;
		acceptRules: string;
		join: string;
		fieldEmail: string;
	}
) {
	const email = unique(n.name.toLowerCase());
	await coordinator.goto(`/networks/${n.networkId}/invitations`);
	await coordinator.getByLabel(t.fieldEmail).fill(email);
	await coordinator.getByRole('button', { name: t.invite }).click();
	await expect(coordinator.getByRole('status').first()).toBeVisible();
	const page = await newPage(browser);
	await openMail(page, t.subject.replace('{network}', n.network), email);
	await page.getByRole('link', { name: /\/invitations\// }).click();
	await page.getByRole('main').getByRole('link', { name: t.createAccount }).click();
	await page.getByLabel(t.fieldName, { exact: true }).fill(n.name);
	await page.getByLabel(t.fieldPassword).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: t.signUp }).click();
	await page.getByLabel(t.acceptRules).check();
	await page.getByRole('button', { name: t.join }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(n.network);
	return { page, email };
}

/** A message with its placeholders filled in. */
export const fillMessage = (msg: string, v: Record<string, string | number>) =>
	msg.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

/** The one or the other form of a plural message, with its number (and other values) filled in. */
export const pluralMessage = (
	msg: unknown,
	count: number,
	values: Record<string, string | number> = {}
) => {
	const match = (msg as [{ match: Record<string, string> }])[0].match;
	const form = count === 1 ? Object.entries(match)[0]![1] : Object.entries(match).at(-1)![1];
	return fillMessage(form, { count, ...values });
};

/** Scores a commitment's check-in: one radio per point, and a line for the first point. */
export async function scoreCheckin(
	form: ReturnType<Page['getByRole']>,
	scores: number[],
	line: string
) {
	const points = [
		nl.point_time,
		nl.point_money,
		nl.point_information,
		nl.point_organisation,
		nl.point_quality
	];
	const scale = [nl.scale_1, nl.scale_2, nl.scale_3, nl.scale_4, nl.scale_5];
	for (const [i, point] of points.entries())
		await form
			.getByRole('group', { name: point, exact: true })
			.getByLabel(scale[scores[i]! - 1]!)
			.check();
	await form.getByLabel(fillMessage(nl.field_checkin_note, { point: nl.point_time })).fill(line);
}

/** Every load of page data a screen makes from now on (SvelteKit's `__data.json`). */
export function dataLoads(page: Page) {
	const seen: string[] = [];
	page.on('request', (r) => {
		if (new URL(r.url()).pathname.endsWith('__data.json')) seen.push(r.url());
	});
	return seen;
}

/**
 * The newest mail with this subject (and, if given, to this address) in the development outbox.
 * Mail goes out through the job queue, so on a busy machine it can take a while to arrive:
 * the outbox is loaded again until it is there.
 */
export async function waitForMail(page: Page, subject: string | RegExp, to?: string) {
	await page.goto('/outbox');
	let rows = page.getByRole('row').filter({ has: page.getByRole('link', { name: subject }) });
	if (to) rows = rows.filter({ hasText: to });
	await expect(async () => {
		await page.reload();
		await expect(rows.first()).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 60_000 });
	return rows;
}

/** That mail, opened. */
export async function openMail(page: Page, subject: string | RegExp, to?: string) {
	const rows = await waitForMail(page, subject, to);
	await rows.first().getByRole('link', { name: subject }).click();
}
