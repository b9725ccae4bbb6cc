import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import nl from '../messages/nl.json' with { type: 'json' };
import { newPage, openMail, unique } from './helpers.ts';

/**
 * The cross-tenant matrix. Every route under src/routes that takes an id is found on disk, so
 * a new route is covered without anyone remembering to add it. A coordinator of network B
 * calls each page and each form action with network A's ids (and with B's network id plus A's
 * object ids) and must get 404/403, never A's data, and A's data must be unchanged.
 */
const ROUTES = path.resolve('src/routes');
// Routes that take an id but are deliberately not tenant-scoped, with the reason.
const NOT_TENANT_SCOPED: Record<string, string> = {
	'/invitations/[token]': 'a bearer link: whoever holds the secret token may read that invitation',
	'/outbox/[mailId]': 'the development outbox; it does not exist when SMTP_URL is set',
	'/partner-view/[token]':
		"a bearer link: the single-use token is the partner's own; it shows only the organisation's and the partner's names",
	'/claims/[token]':
		'a bearer link sealed to one e-mail address: only the account with that address can keep the claim'
};

interface Route {
	id: string;
	params: string[];
	actions: string[];
	hasPage: boolean;
	hasEndpoint: boolean;
}

function findRoutes(dir = ROUTES): Route[] {
	const out: Route[] = [];
	const files = fs.readdirSync(dir, { withFileTypes: true });
	const id = '/' + path.relative(ROUTES, dir).split(path.sep).filter(Boolean).join('/');
	const has = (f: string) => files.some((e) => e.name === f);
	const params = [...id.matchAll(/\[(\w+)\]/g)].map((x) => x[1]!);
	if ((has('+page.svelte') || has('+server.ts')) && params.length) {
		const serverFile = path.join(dir, '+page.server.ts');
		const source = fs.existsSync(serverFile) ? fs.readFileSync(serverFile, 'utf8') : '';
		const block = source.split('export const actions')[1] ?? '';
		// An action is written `name: async ({ … }) =>` or `name: (e) =>`.
		const actions = [...block.matchAll(/^\t(\w+): (?:async\b|\()/gm)].map((x) => x[1]!);
		out.push({ id, params, actions, hasPage: has('+page.svelte'), hasEndpoint: has('+server.ts') });
	}
	for (const e of files) if (e.isDirectory()) out.push(...findRoutes(path.join(dir, e.name)));
	return out;
}

async function signUpAndCreate(page: Page, who: string, network: string) {
	await page.goto('/sign-up');
	await page.getByLabel(nl.field_name, { exact: true }).fill(who);
	await page.getByLabel(nl.field_email).fill(unique(who.toLowerCase()));
	await page.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await page.getByRole('button', { name: nl.sign_up_submit }).click();
	await page.waitForLoadState('load');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(who);
	await page.goto('/networks/new');
	await page.getByLabel(nl.field_network_name).fill(network);
	await page.getByLabel(nl.field_purpose).fill(`Doel van ${network}`);
	await page.getByLabel(nl.field_core_value).fill('Respect');
	await page.getByRole('button', { name: nl.network_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(network);
	const networkId = new URL(page.url()).pathname.split('/')[2]!;
	await page.goto(`/networks/${networkId}/organisations`);
	await page.getByLabel(nl.field_organisation_name).fill(`Organisatie van ${network}`);
	await page.getByRole('button', { name: nl.organisation_add_submit }).click();
	const href = await page
		.getByRole('link', { name: `Organisatie van ${network}` })
		.getAttribute('href');
	const organisationId = href!.split('/').pop()!;
	await page.goto(`/networks/${networkId}/invitations`);
	await page.getByLabel(nl.field_email).fill(unique('pending'));
	await page.getByRole('button', { name: nl.invite_submit }).click();
	const invitationId = await page.locator('input[name="invitationId"]').first().inputValue();
	await page.goto(`/networks/${networkId}/members`);
	const membershipId = await page.locator('input[name="membershipId"]').first().inputValue();
	await page.goto(`/networks/${networkId}/sessions/new`);
	await page.getByLabel(nl.field_session_title).fill(`Sessie van ${network}`);
	await page.getByLabel(nl.field_date).fill('2027-03-04');
	await page.getByRole('button', { name: nl.session_create_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sessie van ${network}`);
	const sessionId = new URL(page.url()).pathname.split('/')[4]!;
	await page.getByRole('button', { name: nl.step_add_submit }).click();
	await expect(page.getByRole('status')).toContainText(nl.step_added);
	const stepId = new URL(page.url()).pathname.split('/')[6]!;
	await page.goto(`/networks/${networkId}/resources`);
	await page.getByLabel(nl.field_resource_title).fill(`Bron van ${network}`);
	await page.getByLabel(nl.field_description).fill(`Geheime beschrijving van ${network}`);
	await page.getByLabel(nl.field_file).setInputFiles({
		name: 'bron.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from(`Bestand van ${network}`)
	});
	await page.getByRole('button', { name: nl.resource_add_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bron van ${network}`);
	const resourceId = new URL(page.url()).pathname.split('/')[4]!;
	const fileHref = await page.getByRole('link', { name: /bron\.txt/ }).getAttribute('href');
	const fileId = fileHref!.split('/').pop()!;
	return {
		networkId,
		organisationId,
		invitationId,
		membershipId,
		sessionId,
		stepId,
		resourceId,
		fileId
	};
}

/**
 * A's trajectory data: a member joins A, shares a goal and keeps a canvas; the coordinator plans
 * a talk with them and writes notes only the coach may read.
 */
async function addTrajectory(browser: Browser, pageA: Page, networkId: string, network: string) {
	const email = unique('trajectory');
	await pageA.goto(`/networks/${networkId}/invitations`);
	await pageA.getByLabel(nl.field_email).fill(email);
	// Mira works at A's organisation, so she keeps its partner inventory.
	await pageA
		.getByLabel(nl.field_organisation)
		.selectOption({ label: `Organisatie van ${network}` });
	await pageA.getByRole('button', { name: nl.invite_submit }).click();
	await expect(pageA.getByRole('status').first()).toBeVisible();
	const member = await newPage(browser);
	await openMail(member, nl.mail_invite_subject.replace('{network}', network));
	await member.getByRole('link', { name: /\/invitations\// }).click();
	await member.getByRole('main').getByRole('link', { name: nl.invitation_create_account }).click();
	await member.getByLabel(nl.field_name, { exact: true }).fill('Mira');
	await member.getByLabel(nl.field_password).fill('een lang wachtwoord 2026');
	await member.getByRole('button', { name: nl.sign_up_submit }).click();
	await member.getByLabel(nl.invitation_accept_rules).check();
	await member.getByRole('button', { name: nl.invitation_join }).click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText(network);
	await member.goto(`/networks/${networkId}/trajectory`);
	const goal = member.getByRole('form', { name: nl.goal_title });
	await goal.getByLabel(nl.field_goal).fill(`Doel van ${network}`);
	await goal.getByLabel(new RegExp(nl.visibility_network)).check();
	await goal.getByRole('button', { name: nl.goal_save }).click();
	await member.getByLabel(nl.field_canvas_title).fill(`Canvas van ${network}`);
	await member.getByRole('button', { name: nl.canvas_new }).click();
	await expect(member.getByRole('heading', { level: 1 })).toContainText(`Canvas van ${network}`);
	const canvasId = new URL(member.url()).pathname.split('/')[5]!;
	// A commitment shared with A's network, with a sprint and an action.
	await member.goto(`/networks/${networkId}/commitments/new`);
	await member.getByLabel(nl.field_commitment_title).fill(`Engagement van ${network}`);
	await member.getByLabel(new RegExp(nl.visibility_network)).check();
	await member.getByRole('button', { name: nl.commitment_create }).click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText(`Engagement van ${network}`);
	const commitmentId = new URL(member.url()).pathname.split('/')[4]!;
	await member.getByRole('button', { name: nl.sprint_add }).click();
	await expect(member.getByRole('status').first()).toBeVisible();
	const commitmentSprintId = await member.locator('input[name="sprintId"]').first().inputValue();
	const actionForm = member.getByRole('form', { name: nl.action_add_title });
	await actionForm.getByLabel(nl.field_action_title).fill(`Actie van ${network}`);
	await actionForm.getByRole('button', { name: nl.action_add }).click();
	await expect(member.getByRole('status').first()).toBeVisible();
	const commitmentActionId = await member.locator('input[name="actionId"]').first().inputValue();
	await pageA.goto(`/networks/${networkId}/coaching`);
	const userId = await pageA
		.getByLabel(nl.talk_member)
		.locator('option', { hasText: 'Mira' })
		.getAttribute('value');
	await pageA.getByLabel(nl.talk_member).selectOption(userId!);
	await pageA.getByLabel(nl.field_date).fill('2027-02-02');
	await pageA.getByLabel(nl.field_time).fill('10:00');
	await pageA.getByRole('button', { name: nl.talk_plan }).click();
	await expect(pageA.getByRole('heading', { level: 1 })).toContainText('Mira');
	const talkId = new URL(pageA.url()).pathname.split('/')[4]!;
	await pageA.getByLabel(nl.talk_private_label).fill(`Coachnotitie van ${network}`);
	await pageA.getByRole('button', { name: nl.talk_private_save }).click();
	await expect(pageA.getByRole('status').first()).toBeVisible();
	// The talk is about the member's commitment (a progress conversation).
	await pageA
		.getByLabel(nl.talk_commitment_label, { exact: true })
		.selectOption({ label: `Engagement van ${network}` });
	await pageA.getByRole('button', { name: nl.talk_commitment_link }).click();
	await expect(pageA.getByRole('status').first()).toBeVisible();
	// A partner of A's organisation, scored once.
	await member.goto(`/networks/${networkId}/partners`);
	await member.getByLabel(nl.partner_name).fill(`Partner van ${network}`);
	await member.getByRole('button', { name: nl.partners_add_submit }).click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText(`Partner van ${network}`);
	const partnerId = new URL(member.url()).pathname.split('/')[4]!;
	for (const d of ['diversity', 'equal_opportunity', 'accessibility', 'inclusion'])
		await member.locator(`input[name="level-${d}"][value="2"]`).check();
	await member.getByRole('button', { name: nl.partner_evaluate_submit }).click();
	await expect(member.getByRole('status').first()).toContainText(nl.partner_evaluated);
	// A stakeholder on A's map, with a next move.
	await member.goto(`/networks/${networkId}/stakeholders`);
	const addStakeholder = member.getByRole('form', { name: nl.stakeholders_add });
	await addStakeholder.getByLabel(nl.stakeholder_name).fill(`Belanghebbende van ${network}`);
	await addStakeholder.getByLabel(nl.stakeholder_win).fill('Een wijk waar iedereen meedoet');
	await addStakeholder.getByLabel(new RegExp(`^${nl.stakeholder_next_move}`)).fill('Bellen');
	await addStakeholder.getByRole('button', { name: nl.stakeholders_add_submit }).click();
	await member.waitForURL(/[?&]added=/);
	const stakeholderId = new URL(member.url()).searchParams.get('added')!;
	expect(stakeholderId).toBeTruthy();
	return {
		member,
		partnerId,
		stakeholderId,
		canvasId,
		userId: userId!,
		talkId,
		commitmentId,
		commitmentSprintId,
		commitmentActionId
	};
}

/**
 * A's learning questions: a challenge in a theme, a question worded from it with a tip taken
 * into an insight, and a collection that is published to A's members but not public.
 */
async function addLearning(page: Page, networkId: string, network: string) {
	const learning = `/networks/${networkId}/learning`;
	await page.goto(learning);
	await page.getByLabel(nl.learning_challenge_field).fill(`Uitdaging van ${network}`);
	await page.getByRole('button', { name: nl.learning_bring_submit }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
	await page.getByLabel(nl.learning_theme_name).fill(`Thema van ${network}`);
	await page.getByRole('button', { name: nl.learning_theme_add }).click();
	await page.getByRole('checkbox', { name: `Uitdaging van ${network}` }).check();
	await page.getByRole('button', { name: nl.learning_cluster_submit }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
	await page.getByRole('link', { name: `Thema van ${network}`, exact: true }).click();
	await page.waitForURL(/\/learning\/themes\//);
	const themeId = new URL(page.url()).pathname.split('/')[5]!;
	await page.getByLabel(nl.learning_wording_field).fill(`Leervraag van ${network}`);
	await page.getByRole('button', { name: nl.learning_word_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Leervraag van ${network}`);
	const questionId = new URL(page.url()).pathname.split('/')[5]!;
	const give = page.getByRole('form', { name: nl.learning_give_title });
	await give.getByLabel(nl.learning_tip_field).fill(`Tip van ${network}`);
	await give.getByRole('button', { name: nl.learning_give_submit }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
	const tipId = (await page.locator('li.tip').first().getAttribute('id'))!.slice('tip-'.length);
	await page
		.getByRole('button', { name: new RegExp(`^${nl.learning_adopt}`) })
		.first()
		.click();
	await expect(page.getByRole('status').first()).toBeVisible();
	const insightId = (await page.locator('li.insight').first().getAttribute('id'))!.slice(
		'insight-'.length
	);
	await page.goto(learning);
	await page.getByLabel(nl.learning_collection_title_field).fill(`Inzichten van ${network}`);
	await page.getByRole('button', { name: nl.learning_collection_create }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Inzichten van ${network}`);
	const collectionId = new URL(page.url()).pathname.split('/')[5]!;
	await page.getByRole('checkbox', { name: `Leervraag van ${network}` }).check();
	await page.getByRole('button', { name: nl.learning_collection_questions_save }).click();
	await page.getByRole('button', { name: nl.learning_collection_publish }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
	return { themeId, questionId, collectionId, tipId, insightId };
}

/**
 * A's local approach: a baseline snapshot with an interview and its note, a conclusion resting
 * on it, and a mediation with a note only its lead (Anna) reads.
 */
async function addLocality(page: Page, networkId: string, network: string) {
	await page.goto(`/networks/${networkId}/local`);
	await page.getByLabel(nl.local_name, { exact: true }).fill(`Aanpak van ${network}`);
	await page.getByRole('button', { name: nl.local_start_submit }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Aanpak van ${network}`);
	const approachUrl = new URL(page.url()).pathname;
	const approachId = approachUrl.split('/')[4]!;
	await page.getByRole('link', { name: /^Foto 1/ }).click();
	await page.waitForURL(/\/snapshots\//);
	const snapshotUrl = new URL(page.url()).pathname;
	const snapshotId = snapshotUrl.split('/')[6]!;
	const add = page.getByRole('form', { name: nl.local_interview_add });
	await add.getByLabel(nl.local_interviewee, { exact: true }).fill(`Geïnterviewde van ${network}`);
	await add.getByLabel(nl.local_interview_held_on).fill('2027-03-01');
	await add.getByRole('radio', { name: nl.local_consent_quotes }).check();
	await add.getByRole('button', { name: nl.local_interview_add_submit }).click();
	await page.waitForURL(/\/interviews\//);
	const interviewId = new URL(page.url()).pathname.split('/')[6]!;
	await page.getByLabel(nl.local_note_text).fill(`Interviewnotitie van ${network}`);
	await page.getByRole('button', { name: nl.local_note_add_submit }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
	await page.goto(snapshotUrl);
	const finding = page.getByRole('form', { name: nl.local_finding_add });
	await finding.getByLabel(nl.local_finding_text).fill(`Conclusie van ${network}`);
	await finding.getByRole('checkbox', { name: new RegExp(`Geïnterviewde van`) }).check();
	await finding.getByRole('button', { name: nl.local_finding_add_submit }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
	await page.goto(approachUrl);
	await page.getByText(nl.local_block_choose, { exact: true }).click();
	await page.getByRole('radio', { name: new RegExp(`^${nl.local_block_mediation}`) }).check();
	await page.getByLabel(nl.local_block_reason, { exact: true }).fill(`Reden van ${network}`);
	await page.getByRole('checkbox', { name: new RegExp(`Conclusie van`) }).check();
	await page.getByRole('button', { name: nl.local_block_choose_submit }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
	await page.getByRole('link', { name: nl.local_block_mediation, exact: true }).click();
	await page.waitForURL(/\/blocks\//);
	const blockId = new URL(page.url()).pathname.split('/')[6]!;
	await page
		.getByLabel(nl.local_mediation_note, { exact: true })
		.fill(`Mediationnotitie van ${network}`);
	await page.getByRole('button', { name: nl.local_mediation_note_submit }).click();
	await expect(page.getByRole('status').first()).toBeVisible();
	const findingId = (await page
		.locator('input[name^="finding-"]')
		.first()
		.getAttribute('name'))!.slice('finding-'.length);
	return { approachId, snapshotId, interviewId, blockId, findingId };
}

test('a member of network B never reaches network A', async ({ browser, baseURL }) => {
	// A long journey on a shared 2-core machine: more time than the default, never a timing check.
	test.setTimeout(180_000);
	const routes = findRoutes();
	const scoped = routes.filter((r) => !NOT_TENANT_SCOPED[r.id]);
	expect(scoped.length).toBeGreaterThanOrEqual(6);

	const pageA = await newPage(browser);
	const secretA = `Geheim netwerk A ${Date.now()}`;
	const a = await signUpAndCreate(pageA, 'Anna', secretA);
	const { member: mira, ...t } = await addTrajectory(browser, pageA, a.networkId, secretA);
	const l = await addLearning(pageA, a.networkId, secretA);
	const loc = await addLocality(pageA, a.networkId, secretA);
	const pageB = await newPage(browser);
	const b = await signUpAndCreate(pageB, 'Bram', `Netwerk B ${Date.now()}`);

	// A's ids everywhere; B's network with A's objects; B's network and session with A's step.
	const variants: Record<string, string>[] = [
		{
			networkId: a.networkId,
			organisationId: a.organisationId,
			sessionId: a.sessionId,
			stepId: a.stepId,
			resourceId: a.resourceId,
			fileId: a.fileId,
			// Not an id: the export route's file type (A's commitment as a PDF).
			format: 'pdf',
			...t,
			...l,
			...loc
		},
		{
			networkId: b.networkId,
			organisationId: a.organisationId,
			sessionId: a.sessionId,
			stepId: a.stepId,
			resourceId: a.resourceId,
			fileId: a.fileId,
			// Not an id: the export route's file type (A's commitment as a PDF).
			format: 'pdf',
			...t,
			...l,
			...loc
		},
		{
			networkId: b.networkId,
			organisationId: a.organisationId,
			sessionId: b.sessionId,
			stepId: a.stepId,
			resourceId: a.resourceId,
			fileId: a.fileId,
			// Not an id: the export route's file type (A's commitment as a PDF).
			format: 'pdf',
			...t,
			...l,
			...loc
		}
	];
	const checked: string[] = [];

	for (const route of scoped) {
		for (const values of variants) {
			for (const p of route.params) {
				expect(
					values[p],
					`no id to try for [${p}] in ${route.id}: add it to the matrix`
				).toBeTruthy();
			}
			const url = route.id.replace(/\[(\w+)\]/g, (_, p: string) => values[p]!);
			// Skip a variant that, for this route, names only B's own objects.
			const foreign = [
				a.networkId,
				a.organisationId,
				a.sessionId,
				a.stepId,
				a.resourceId,
				a.fileId,
				t.canvasId,
				t.userId,
				t.talkId,
				t.commitmentId,
				l.themeId,
				l.questionId,
				l.collectionId,
				t.partnerId,
				t.stakeholderId,
				loc.approachId
			];
			if (!foreign.some((id) => url.includes(id))) continue;
			if (route.hasPage || route.hasEndpoint) {
				const res = await pageB.request.get(url, { maxRedirects: 0 });
				expect([403, 404], `GET ${route.id} as B with ${url}`).toContain(res.status());
				const body = await res.text();
				expect(body).not.toContain(secretA);
				expect(body).not.toContain(`Organisatie van ${secretA}`);
				expect(body).not.toContain(`Bestand van ${secretA}`);
				expect(body).not.toContain(`Coachnotitie van ${secretA}`);
				expect(body).not.toContain(`Canvas van ${secretA}`);
				expect(body).not.toContain(`Engagement van ${secretA}`);
				expect(body).not.toContain(`Tip van ${secretA}`);
				expect(body).not.toContain(`Partner van ${secretA}`);
				expect(body).not.toContain(`Belanghebbende van ${secretA}`);
				expect(body).not.toContain(`Uitdaging van ${secretA}`);
				expect(body).not.toContain(`Aanpak van ${secretA}`);
				expect(body).not.toContain(`Interviewnotitie van ${secretA}`);
				expect(body).not.toContain(`Mediationnotitie van ${secretA}`);
				checked.push(`GET ${url}`);
			}
			for (const action of route.actions) {
				const target = action === 'default' ? url : `${url}?/${action}`;
				const res = await pageB.request.post(target, {
					maxRedirects: 0,
					headers: { origin: baseURL! },
					form: {
						name: 'Overgenomen',
						purpose: 'x',
						coreValue: 'x',
						language: 'nl',
						houseRules: 'x',
						sector: '',
						region: '',
						website: '',
						email: unique('intruder'),
						role: 'coordinator',
						membershipId: a.membershipId,
						invitationId: a.invitationId,
						organisationId: a.organisationId,
						stepId: a.stepId,
						direction: 'up',
						form: 'checkin',
						title: 'Overgenomen',
						kind: 'tool',
						description: 'Overgenomen',
						featured: 'yes',
						alt: 'Overgenomen',
						fileId: a.fileId,
						baseVersion: '0',
						memberId: t.userId,
						date: '2027-03-03',
						time: '10:00',
						section: 'pains',
						text: 'Overgenomen',
						itemId: t.canvasId,
						privateNote: 'Overgenomen',
						note: 'Overgenomen',
						commitmentId: t.commitmentId,
						offerId: 'x',
						answer: 'accept',
						sharedNotes: 'Overgenomen',
						visibility: 'network',
						withWhom: 'Overgenomen',
						stayed: 'Overgenomen',
						sprintId: t.commitmentSprintId,
						actionId: t.commitmentActionId,
						state: 'let_go',
						reason: 'Overgenomen',
						progress: 'done',
						moment: 'start',
						startsOn: '2027-01-01',
						ownerId: t.userId,
						timeScore: '1',
						moneyScore: '1',
						informationScore: '1',
						organisationScore: '1',
						qualityScore: '1',
						id: l.tipId,
						wording: 'Overgenomen',
						settled: 'on',
						credit: 'name',
						parentId: l.tipId,
						insightId: l.insightId,
						intoId: l.insightId,
						sectionId: '',
						confirm: 'on',
						sessionId: a.sessionId,
						userId: t.userId,
						onDay: '2027-01-01',
						[`q-${l.questionId}`]: 'on',
						[`c-${l.tipId}`]: 'on',
						reviewMonths: '12',
						evaluatedOn: '2027-01-01',
						'level-diversity': '4',
						'level-equal_opportunity': '4',
						'level-accessibility': '4',
						'level-inclusion': '4',
						win: 'Overgenomen',
						findingKind: 'conclusion',
						interviewee: 'Overgenomen',
						heldOn: '2027-03-03',
						consent: 'quotes',
						placeKind: 'municipality',
						stage: 'review',
						blockId: loc.blockId,
						action: 'Overgenomen',
						status: 'done',
						levels: 'a\nb',
						indicators: 'c',
						takenOn: '2027-03-03',
						summary: 'Overgenomen',
						line: 'Overgenomen',
						link: 'https://example.org/overgenomen',
						quote: 'on',
						themes: 'overgenomen',
						tension: 'vertical',
						parties: 'Overgenomen',
						outcome: 'Overgenomen',
						principles: 'Overgenomen',
						what: 'Overgenomen',
						who: 'Overgenomen',
						mediatorId: t.userId,
						[`interview-${loc.interviewId}`]: 'on',
						[`finding-${loc.findingId}`]: 'on',
						influence: '1',
						interest: '1'
					}
				});
				expect([403, 404], `POST ${target} as B`).toContain(res.status());
				expect(await res.text()).not.toContain(secretA);
				checked.push(`POST ${target}`);
			}
		}
	}
	expect(checked.length).toBeGreaterThanOrEqual(40);
	// Actions in either style were found: the learning pages' and the canvas's among them.
	for (const action of ['?/makePublic', '?/tip', '?/merge', '?/question', '?/rename'])
		expect(checked.some((c) => c.endsWith(action))).toBe(true);

	// Nothing of A changed.
	await pageA.goto(`/networks/${a.networkId}`);
	await expect(pageA.getByRole('heading', { level: 1 })).toHaveText(secretA);
	await pageA.goto(`/networks/${a.networkId}/organisations`);
	await expect(pageA.getByRole('link', { name: `Organisatie van ${secretA}` })).toBeVisible();
	await pageA.goto(`/networks/${a.networkId}/invitations`);
	// One pending invitation: its resend and its withdraw form.
	await expect(pageA.locator('input[name="invitationId"]')).toHaveCount(2);
	await pageA.goto(`/networks/${a.networkId}/members`);
	await expect(pageA.locator(`input[name="membershipId"][value="${a.membershipId}"]`)).toHaveCount(
		1
	);
	await expect(
		pageA.getByRole('listitem').filter({ has: pageA.getByRole('heading', { name: /Anna/ }) })
	).toContainText(nl.role_coordinator);

	await pageA.goto(`/networks/${a.networkId}/sessions/${a.sessionId}`);
	await expect(pageA.getByRole('heading', { level: 1 })).toHaveText(`Sessie van ${secretA}`);
	await expect(pageA.getByRole('listitem').getByRole('heading', { level: 3 })).toHaveCount(1);
	const ics = await pageA.request.get(
		`/networks/${a.networkId}/sessions/${a.sessionId}/calendar.ics`
	);
	expect(ics.status()).toBe(200);

	await pageA.goto(`/networks/${a.networkId}/resources/${a.resourceId}`);
	await expect(pageA.getByRole('heading', { level: 1 })).toHaveText(`Bron van ${secretA}`);
	await expect(
		pageA.getByRole('paragraph').filter({ hasText: `Geheime beschrijving van ${secretA}` })
	).toBeVisible();
	await expect(pageA.getByText(nl.resource_featured)).toHaveCount(0);
	const file = await pageA.request.get(`/networks/${a.networkId}/files/${a.fileId}`);
	expect(await file.text()).toBe(`Bestand van ${secretA}`);
	// A's coach still reads their own note on the talk; the canvas is still the member's.
	await pageA.goto(`/networks/${a.networkId}/coaching/${t.talkId}`);
	await expect(pageA.getByLabel(nl.talk_private_label)).toHaveValue(`Coachnotitie van ${secretA}`);
	await expect(pageA.getByText(nl.talk_agenda_empty)).toBeVisible();
	// Still about A's commitment: B neither unlinked nor relinked it.
	await expect(pageA.getByRole('link', { name: `Engagement van ${secretA}` })).toHaveAttribute(
		'href',
		`/networks/${a.networkId}/commitments/${t.commitmentId}`
	);
	// A's commitment keeps its state, its one sprint and its untouched action.
	await pageA.goto(`/networks/${a.networkId}/commitments/${t.commitmentId}`);
	await expect(pageA.getByRole('heading', { level: 1 })).toHaveText(`Engagement van ${secretA}`);
	await expect(pageA.getByRole('region', { name: /^Sprint/ })).toHaveCount(1);
	await expect(pageA.getByText(`Actie van ${secretA}`)).toBeVisible();
	await expect(pageA.locator('s')).toHaveCount(0);
	await expect(pageA.getByText(nl.commitment_state_active).first()).toBeVisible();
	await expect(pageA.getByText(nl.commitment_state_let_go)).toHaveCount(0);
	// A's learning question keeps its wording, its tip and its insight; its collection is still
	// for A's members only (B's attempt to make it public changed nothing).
	await pageA.goto(`/networks/${a.networkId}/learning/questions/${l.questionId}`);
	await expect(pageA.getByRole('heading', { level: 1 })).toHaveText(`Leervraag van ${secretA}`);
	await expect(pageA.locator(`#tip-${l.tipId} .tip-text`)).toHaveText(`Tip van ${secretA}`);
	await expect(pageA.locator(`#insight-${l.insightId} .insight-text`)).toHaveText(
		`Tip van ${secretA}`
	);
	await expect(pageA.locator('li.tip')).toHaveCount(1);
	expect((await pageA.request.get(`/insights/${l.collectionId}`)).status()).toBe(404);
	// A's partner keeps its name and its one score of 2s; B's partners page shows nothing of A.
	await mira.goto(`/networks/${a.networkId}/partners/${t.partnerId}`);
	await expect(mira.getByRole('heading', { level: 1 })).toHaveText(`Partner van ${secretA}`);
	await expect(mira.getByText(nl.partner_history, { exact: true }).first()).toBeVisible();
	await expect(mira.locator('section[aria-labelledby="history-title"] tbody tr')).toHaveCount(1);
	await expect(mira.locator('input[name="level-inclusion"][value="2"]')).toBeChecked();
	// A's stakeholder keeps its name, its place and its next move; B's map shows nothing of A.
	await mira.goto(`/networks/${a.networkId}/stakeholders/${t.stakeholderId}`);
	await expect(mira.getByRole('heading', { level: 1 })).toHaveText(`Belanghebbende van ${secretA}`);
	await expect(mira.locator('select[name="influence"]')).toHaveValue('3');
	// Its next move is no action yet: B's attempt to make it one of A's commitment did nothing.
	await expect(mira.getByRole('form', { name: nl.stakeholder_to_action_title })).toHaveCount(1);
	// A's local approach keeps its one conclusion, its one block with no actions, its interview
	// note, and the mediation note its lead reads.
	const approachA = `/networks/${a.networkId}/local/${loc.approachId}`;
	await pageA.goto(approachA);
	await expect(pageA.getByRole('heading', { level: 1 })).toHaveText(`Aanpak van ${secretA}`);
	await expect(pageA.getByText(`Conclusie van ${secretA}`).first()).toBeVisible();
	await expect(pageA.locator('article.block-card')).toHaveCount(1);
	await expect(pageA.getByText(nl.local_actions_none)).toBeVisible();
	await pageA.goto(`${approachA}/interviews/${loc.interviewId}`);
	await expect(pageA.getByRole('heading', { level: 1 })).toHaveText(`Geïnterviewde van ${secretA}`);
	await expect(pageA.locator('ul.notes > li')).toHaveCount(1);
	await pageA.goto(`${approachA}/blocks/${loc.blockId}`);
	await expect(pageA.getByText(`Mediationnotitie van ${secretA}`)).toBeVisible();
	await expect(pageA.getByText(nl.local_mediator_none).first()).toBeVisible();
	expect(await (await pageB.request.get(`/networks/${b.networkId}/local`)).text()).not.toContain(
		`Aanpak van ${secretA}`
	);
	const mapB = await pageB.request.get(`/networks/${b.networkId}/stakeholders`);
	expect(await mapB.text()).not.toContain(`Belanghebbende van ${secretA}`);
	const progressB = await pageB.request.get(`/networks/${b.networkId}/partners`);
	expect(await progressB.text()).not.toContain(`Partner van ${secretA}`);
	// B's search does not find A's resource.
	const found = await pageB.request.get(
		`/networks/${b.networkId}/search?q=${encodeURIComponent('Geheime beschrijving')}`
	);
	expect(await found.text()).not.toContain(secretA);

	// And an anonymous visitor gets nothing either.
	const anon = await newPage(browser);
	const res = await anon.request.get(`/networks/${a.networkId}`, { maxRedirects: 0 });
	expect(res.status()).toBe(404);
	expect(await res.text()).not.toContain(secretA);
	const anonFile = await anon.request.get(`/networks/${a.networkId}/files/${a.fileId}`);
	expect(anonFile.status()).toBe(404);
	expect(await anonFile.text()).not.toContain(secretA);
	for (const p of [pageA, pageB, anon, mira]) await p.context().close();
});
