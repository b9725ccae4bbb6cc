import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { runJobsNow } from '../../jobs/run-now.ts';
import { ValidationError } from '../../validation.ts';
import {
	addMember,
	createPerson,
	makeWorld,
	TEST_DB,
	TINY_PNG,
	type TestWorld
} from '../../testing/db.ts';
import { addPostit } from '../live/postit.service.ts';
import { addAnswer } from '../live/answer.service.ts';
import {
	closeLive,
	findParticipant,
	joinSession,
	openLive,
	setStepState
} from '../live/live.service.ts';
import { setPostitHidden } from '../live/moderation.service.ts';
import { createNetwork, updateNetwork } from '../network/network.service.ts';
import { addStep, updateStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { reportBlocks } from '../report/report.document.ts';
import { toDocx, toMarkdown } from '../../documents/index.ts';
import { assembleReport } from '../report/report.service.ts';
import {
	listVersions,
	publishReport,
	restoreVersion,
	saveReport
} from '../report/report-edit.service.ts';
import { addReportImage, removeReportImage } from '../report/report-image.service.ts';
import { reportPresence } from '../report/report-presence.service.ts';
import { readFile, readImages } from './file.service.ts';
import { createResource, deleteResource, setFeatured, updateResource } from './resource.service.ts';
import { getResource, listResources } from './resource.queries.ts';
import { search } from './search.service.ts';

const cid = () => `c-${crypto.randomUUID()}`;
const file = (bytes: Buffer | string, name: string, type = 'application/octet-stream') =>
	new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type });
const refused = (key: string) => (e: unknown) =>
	e instanceof DomainError &&
	(e.key === key || (e instanceof ValidationError && e.errors.some((x) => x.key === key)));

describe(`knowledge base and search [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function network(name: string, language: 'nl' | 'fr' | 'en' = 'nl') {
		const f = await createPerson(w, `Fenna ${name}`);
		const { id } = await createNetwork(w.ctx, f, {
			purpose: 'x',
			coreValue: 'y',
			language,
			name: `${name} ${crypto.randomUUID()}`
		});
		const member = await createPerson(w, `Mo ${name}`);
		await addMember(w, f, id, member);
		return { f, member, networkId: id };
	}

	/** The facilitator shares the report: from then on members read and find it. */
	const share = async (n: Awaited<ReturnType<typeof network>>, sessionId: string) => {
		const shared = await publishReport(w.ctx, n.f, n.networkId, sessionId);
		await runJobsNow(w.ctx);
		return shared;
	};

	/** A session run live and closed, its report shared: post-its (one hidden), an answer. */
	async function closedSession(
		n: Awaited<ReturnType<typeof network>>,
		title: string,
		opts: { shared?: boolean } = {}
	) {
		const { id: sessionId } = await createSession(w.ctx, n.f, n.networkId, {
			title,
			date: '2026-12-10',
			theme: 'Toegankelijkheid'
		});
		const round = await addStep(w.ctx, n.f, n.networkId, sessionId, { kind: 'postit_round' });
		await updateStep(w.ctx, n.f, n.networkId, sessionId, round.id, {
			title: 'Ideeën',
			maxPerPerson: '5',
			maxLength: '280',
			isAnonymous: 'yes'
		});
		const checkout = await addStep(w.ctx, n.f, n.networkId, sessionId, { kind: 'checkout' });
		const { joinCode } = await openLive(w.ctx, n.f, n.networkId, sessionId);
		const p = await findParticipant(
			w.ctx,
			(await joinSession(w.ctx, { code: joinCode, displayName: 'Amal' }, null)).token
		);
		await setStepState(w.ctx, n.f, n.networkId, sessionId, round.id, 'open');
		const post = (text: string) => addPostit(w.ctx, p, round.id, { clientId: cid(), text });
		await post('Voorleesuurtjes in de bibliotheken van alle gemeenten');
		const hidden = await post('Geheime bibliotheek-klacht');
		await setPostitHidden(w.ctx, n.f, n.networkId, sessionId, hidden.id, true);
		await setStepState(w.ctx, n.f, n.networkId, sessionId, checkout.id, 'open');
		await addAnswer(w.ctx, p, checkout.id, {
			clientId: cid(),
			question: '0',
			text: 'Ik neem de taalcoach mee naar het team'
		});
		await closeLive(w.ctx, n.f, n.networkId, sessionId);
		await runJobsNow(w.ctx);
		if (opts.shared !== false) await share(n, sessionId);
		return { sessionId, roundId: round.id };
	}

	it('finds post-its, answers, reports and resources in their other word forms, only in the own network', async () => {
		const a = await network('Zoek A');
		const b = await network('Zoek B');
		const s = await closedSession(a, 'Leesbevordering');
		await closedSession(b, 'Andere bibliotheek');
		const r = await createResource(w.ctx, a.member, a.networkId, {
			title: 'Podcast over laaggeletterdheid',
			kind: 'watch_tip',
			url: 'https://example.org/podcast',
			description: 'Luister vóór de volgende sessie',
			themes: 'Taal, toegankelijkheid',
			sessionId: s.sessionId
		});

		// "bibliotheek" finds "bibliotheken" (a stem), in A only; the hidden post-it never.
		const found = await search(w.ctx, a.member, a.networkId, { q: 'bibliotheek' });
		expect(found.hits.map((h) => h.kind)).toEqual(['postit']);
		expect(found.hits[0]!.segments.some((x) => x.mark && x.text === 'bibliotheken')).toBe(true);
		expect(JSON.stringify(found)).not.toContain('Geheime');
		expect(JSON.stringify(found)).not.toContain('Andere');
		expect((await search(w.ctx, a.member, a.networkId, { q: 'gemeente' })).hits).toHaveLength(1);
		expect((await search(w.ctx, a.member, a.networkId, { q: 'taalcoach' })).hits[0]!.kind).toBe(
			'answer'
		);
		const report = await search(w.ctx, a.member, a.networkId, { q: 'leesbevordering' });
		expect(report.hits.map((h) => h.kind)).toContain('report');
		// Filters by kind, theme and session.
		const pod = await search(w.ctx, a.member, a.networkId, { q: 'podcast', kind: 'resource' });
		expect(pod.hits[0]!.link).toBe(`/networks/${a.networkId}/resources/${r.id}`);
		expect(
			(await search(w.ctx, a.member, a.networkId, { q: 'podcast', kind: 'postit' })).hits
		).toHaveLength(0);
		expect(
			(await search(w.ctx, a.member, a.networkId, { q: 'podcast', theme: 'taal' })).hits
		).toHaveLength(1);
		expect(
			(await search(w.ctx, a.member, a.networkId, { q: 'podcast', theme: 'sport' })).hits
		).toHaveLength(0);
		expect(
			(await search(w.ctx, a.member, a.networkId, { q: 'podcast', session: s.sessionId })).hits
		).toHaveLength(1);
		// A member of B, or nobody, cannot search A.
		await expect(search(w.ctx, b.member, a.networkId, { q: 'podcast' })).rejects.toSatisfy(
			refused('error_not_found')
		);
		await expect(search(w.ctx, null, a.networkId, { q: 'podcast' })).rejects.toSatisfy(
			refused('error_not_found')
		);
		// Search syntax is not an injection point.
		for (const q of ['"', 'a OR b', '*', 'NEAR(', "'; drop table", '<script>'])
			await expect(search(w.ctx, a.member, a.networkId, { q })).resolves.toBeTruthy();
		// Editing and deleting a resource keeps the index true.
		await updateResource(w.ctx, a.member, a.networkId, r.id, {
			title: 'Film over laaggeletterdheid',
			kind: 'watch_tip',
			url: 'https://example.org/film'
		});
		expect((await search(w.ctx, a.member, a.networkId, { q: 'podcast' })).hits).toHaveLength(0);
		expect((await search(w.ctx, a.member, a.networkId, { q: 'film' })).hits).toHaveLength(1);
		await deleteResource(w.ctx, a.member, a.networkId, r.id);
		expect((await search(w.ctx, a.member, a.networkId, { q: 'film' })).hits).toHaveLength(0);
	});

	it('French and English words are found in their other forms too', async () => {
		const fr = await network('Recherche', 'fr');
		await createResource(w.ctx, fr.member, fr.networkId, {
			title: 'Les bibliothèques inclusives',
			kind: 'reading_tip',
			description: 'Accueillir toutes les personnes'
		});
		expect((await search(w.ctx, fr.member, fr.networkId, { q: 'bibliothèque' })).hits).toHaveLength(
			1
		);
		expect((await search(w.ctx, fr.member, fr.networkId, { q: 'accueil' })).hits).toHaveLength(1);
		const en = await network('Search', 'en');
		await createResource(w.ctx, en.member, en.networkId, {
			title: 'Working with libraries',
			kind: 'good_practice',
			description: 'x'
		});
		expect((await search(w.ctx, en.member, en.networkId, { q: 'library' })).hits).toHaveLength(1);
	});

	it('after the network changes language, words are found by the new language’s stems', async () => {
		const en = await network('Taalwissel', 'en');
		await createResource(w.ctx, en.member, en.networkId, {
			title: 'Gemeenten samen',
			kind: 'good_practice',
			description: 'x'
		});
		const row = await w.ctx.db
			.selectFrom('network')
			.selectAll()
			.where('id', '=', en.networkId)
			.executeTakeFirstOrThrow();
		await updateNetwork(w.ctx, en.f, en.networkId, {
			name: row.name,
			purpose: row.purpose,
			coreValue: row.coreValue,
			houseRules: row.houseRules,
			language: 'nl'
		});
		await runJobsNow(w.ctx);
		// "gemeente" and "gemeenten" share a Dutch stem, not an English one.
		expect(
			(await search(w.ctx, en.member, en.networkId, { q: 'gemeente samen' })).hits
		).toHaveLength(1);
	});

	it('members add and edit their own resources; facilitators curate; bad input changes nothing', async () => {
		const n = await network('Bronnen');
		const other = await createPerson(w, 'Other');
		await addMember(w, n.f, n.networkId, other);
		const mine = await createResource(
			w.ctx,
			n.member,
			n.networkId,
			{ title: 'Handleiding', kind: 'tool', description: '<script>alert(1)</script>' },
			file('Stap 1: begin.\n', 'handleiding.txt', 'text/plain')
		);
		const got = await getResource(w.ctx, n.member, n.networkId, mine.id);
		expect(got).toMatchObject({ canEdit: true, fileName: 'handleiding.txt' });
		expect(got.description).toBe('<script>alert(1)</script>');
		const stored = await readFile(w.ctx, other, n.networkId, got.fileId!);
		expect(Buffer.from(stored.data).toString()).toBe('Stap 1: begin.\n');
		// Another member may read but not change it; the facilitator may.
		expect((await getResource(w.ctx, other, n.networkId, mine.id)).canEdit).toBe(false);
		await expect(
			updateResource(w.ctx, other, n.networkId, mine.id, {
				title: 'Weg',
				kind: 'tool',
				description: 'x'
			})
		).rejects.toSatisfy(refused('error_forbidden'));
		await expect(deleteResource(w.ctx, other, n.networkId, mine.id)).rejects.toSatisfy(
			refused('error_forbidden')
		);
		await expect(setFeatured(w.ctx, n.member, n.networkId, mine.id, true)).rejects.toSatisfy(
			refused('error_forbidden')
		);
		const second = await createResource(w.ctx, other, n.networkId, {
			title: 'Contactpersoon',
			kind: 'contact',
			description: 'Sanne, 06-…'
		});
		await setFeatured(w.ctx, n.f, n.networkId, mine.id, true);
		const list = await listResources(w.ctx, n.member, n.networkId);
		expect(list.resources.map((r) => r.id)).toEqual([mine.id, second.id]);
		expect(
			(await listResources(w.ctx, n.member, n.networkId, { kind: 'contact' })).resources
		).toHaveLength(1);

		const before = JSON.stringify((await listResources(w.ctx, n.f, n.networkId)).resources);
		const bad: [Record<string, string>, unknown, string][] = [
			[{ title: '', kind: 'tool', description: 'x' }, undefined, 'error_required'],
			[{ title: 'x'.repeat(201), kind: 'tool', description: 'x' }, undefined, 'error_too_long'],
			[{ title: 'Link', kind: 'tool', url: 'javascript:alert(1)' }, undefined, 'error_link'],
			[{ title: 'Link', kind: 'tool', url: 'ftp://example.org/x' }, undefined, 'error_link'],
			[{ title: 'Leeg', kind: 'tool' }, undefined, 'error_resource_empty'],
			[{ title: 'Soort', kind: 'recipe', description: 'x' }, undefined, 'error_choose_kind'],
			[
				{ title: 'Exe', kind: 'tool' },
				file(Buffer.from('MZ\x90\x00binary'), 'tool.pdf', 'application/pdf'),
				'error_file_type'
			],
			[
				{ title: 'Html', kind: 'tool' },
				file('<html><script>x</script></html>', 'page.html', 'text/html'),
				'error_file_type'
			],
			[
				{ title: 'Groot', kind: 'tool' },
				file(Buffer.alloc(10 * 1024 * 1024 + 1, 65), 'groot.txt'),
				'error_file_too_large'
			],
			[
				{ title: 'Sessie', kind: 'tool', description: 'x', sessionId: 'not-a-session' },
				undefined,
				'error_session_unknown'
			]
		];
		for (const [input, f, key] of bad)
			await expect(
				createResource(w.ctx, n.member, n.networkId, input as never, f),
				`${input.title} ${key}`
			).rejects.toSatisfy(refused(key));
		expect(JSON.stringify((await listResources(w.ctx, n.f, n.networkId)).resources)).toBe(before);
		// Another network's member sees none of it, not even the file.
		const x = await network('Buiten');
		await expect(getResource(w.ctx, x.member, n.networkId, mine.id)).rejects.toSatisfy(
			refused('error_not_found')
		);
		await expect(getResource(w.ctx, x.f, x.networkId, mine.id)).rejects.toSatisfy(
			refused('error_not_found')
		);
		await expect(readFile(w.ctx, x.f, x.networkId, got.fileId!)).rejects.toSatisfy(
			refused('error_not_found')
		);
	});

	it('report images need alternative text, come with the versions, and reach Word with it', async () => {
		const n = await network('Beeld');
		const s = await closedSession(n, 'Met foto', { shared: false });
		await createResource(w.ctx, n.f, n.networkId, {
			title: 'Leestip: Taal voor iedereen',
			kind: 'reading_tip',
			url: 'https://example.org/boek',
			sessionId: s.sessionId
		});
		const png = () => file(TINY_PNG, 'flip.png', 'image/png');
		await expect(
			addReportImage(w.ctx, n.f, n.networkId, s.sessionId, { baseVersion: '0', alt: ' ' }, png())
		).rejects.toSatisfy(refused('error_alt_required'));
		await expect(
			addReportImage(
				w.ctx,
				n.f,
				n.networkId,
				s.sessionId,
				{ baseVersion: '0', alt: 'x' },
				file('<svg onload="alert(1)"/>', 'x.png', 'image/png')
			)
		).rejects.toSatisfy(refused('error_image_type'));
		await expect(
			addReportImage(
				w.ctx,
				n.member,
				n.networkId,
				s.sessionId,
				{ baseVersion: '0', alt: 'x' },
				png()
			)
		).rejects.toSatisfy(refused('error_forbidden'));
		const { version } = await addReportImage(
			w.ctx,
			n.f,
			n.networkId,
			s.sessionId,
			{ baseVersion: '0', alt: 'Flip-over met de ideeën van groep 2', stepId: s.roundId },
			png()
		);
		await share(n, s.sessionId);
		const report = await assembleReport(w.ctx, n.member, n.networkId, s.sessionId);
		const round = report.sections.find((x) => x.id === s.roundId)!;
		expect(round.images).toMatchObject([
			{ alt: 'Flip-over met de ideeën van groep 2', width: 1, height: 1 }
		]);
		expect(report.resources.map((r) => r.title)).toEqual(['Leestip: Taal voor iedereen']);
		const blocks = reportBlocks(report, w.ctx.publicUrl);
		const md = toMarkdown(blocks);
		expect(md).toContain('![Flip-over met de ideeën van groep 2](<http://olievlek.test/networks/');
		expect(md).toContain('Leestip: Taal voor iedereen');
		const docx = await toDocx(
			blocks,
			'nl',
			'x',
			await readImages(
				w.ctx,
				n.networkId,
				blocks.flatMap((b) => (b.type === 'image' ? [b.fileId] : []))
			)
		);
		const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
		expect(xml).toMatch(/<wp:docPr [^>]*descr="Flip-over met de ideeën van groep 2"/);
		// Taking the image out is a version; restoring the one before brings it back.
		const removed = await removeReportImage(w.ctx, n.f, n.networkId, s.sessionId, {
			fileId: round.images[0]!.fileId,
			baseVersion: String(version)
		});
		expect(
			(await assembleReport(w.ctx, n.f, n.networkId, s.sessionId)).sections.find(
				(x) => x.id === s.roundId
			)?.images ?? []
		).toHaveLength(0);
		await restoreVersion(w.ctx, n.f, n.networkId, s.sessionId, {
			version: String(version),
			baseVersion: String(removed.version)
		});
		const back = await assembleReport(w.ctx, n.f, n.networkId, s.sessionId);
		expect(back.sections.find((x) => x.id === s.roundId)!.images).toHaveLength(1);
	});

	it('sections are moved and retitled; the report and its exports follow', async () => {
		const n = await network('Volgorde');
		const s = await closedSession(n, 'Volgorde', { shared: false });
		const before = await assembleReport(w.ctx, n.f, n.networkId, s.sessionId);
		const ids = before.sections.map((x) => x.id);
		expect(ids[0]).toBe(s.roundId);
		const { version } = await saveReport(w.ctx, n.f, n.networkId, s.sessionId, {
			baseVersion: 0,
			order: ids,
			titles: { [s.roundId]: 'Wat we bedachten', 'other-step': 'x' },
			move: `down:${s.roundId}`
		});
		await share(n, s.sessionId);
		const after = await assembleReport(w.ctx, n.member, n.networkId, s.sessionId);
		expect(after.sections.map((x) => x.id)).toEqual([ids[1], ids[0]]);
		expect(after.sections[1]!.title).toBe('Wat we bedachten');
		expect(toMarkdown(reportBlocks(after))).toContain('## Wat we bedachten');
		// A note on a section left out of the report is not findable either.
		const v2 = (
			await saveReport(w.ctx, n.f, n.networkId, s.sessionId, {
				baseVersion: version,
				order: [ids[1]!, ids[0]!],
				hidden: [s.roundId],
				notes: { [s.roundId]: 'Vertrouwelijke kanttekening' }
			})
		).version;
		await share(n, s.sessionId);
		expect((await search(w.ctx, n.member, n.networkId, { q: 'kanttekening' })).hits).toEqual([]);
		// Moving the first one up changes nothing; an unknown step is ignored.
		await saveReport(w.ctx, n.f, n.networkId, s.sessionId, {
			baseVersion: v2,
			order: [ids[1]!, ids[0]!, 'unknown'],
			move: `up:${ids[1]}`
		});
		expect(
			(await assembleReport(w.ctx, n.f, n.networkId, s.sessionId)).sections.map((x) => x.id)
		).toEqual([ids[1], ids[0]]);
		await expect(
			saveReport(w.ctx, n.f, n.networkId, s.sessionId, {
				baseVersion: v2 + 1,
				titles: { [s.roundId]: 'x'.repeat(201) }
			})
		).rejects.toSatisfy(refused('error_too_long'));
	});

	it('autosaves collapse into one version per person; two editors see each other', async () => {
		const n = await network('Samen');
		const s = await closedSession(n, 'Samen schrijven', { shared: false });
		const co = await createPerson(w, 'Coby');
		await addMember(w, n.f, n.networkId, co, 'facilitator');
		let v = (
			await saveReport(w.ctx, n.f, n.networkId, s.sessionId, { baseVersion: 0, intro: 'Eén' })
		).version;
		for (const text of ['Eén twee', 'Eén twee drie'])
			v = (
				await saveReport(
					w.ctx,
					n.f,
					n.networkId,
					s.sessionId,
					{ baseVersion: v, intro: text },
					{ autosave: true }
				)
			).version;
		expect(v).toBe(3);
		// One entry for the first save and one for the autosaves on top of it.
		expect((await listVersions(w.ctx, s.sessionId)).map((x) => x.version)).toEqual([3, 1]);
		// The autosaved text is findable once shared.
		await share(n, s.sessionId);
		expect((await search(w.ctx, n.member, n.networkId, { q: 'drie' })).hits[0]!.kind).toBe(
			'report'
		);

		expect((await reportPresence(w.ctx, n.f, n.networkId, s.sessionId)).others).toEqual([]);
		const seen = await reportPresence(w.ctx, co, n.networkId, s.sessionId);
		expect(seen.others.map((o) => o.name)).toEqual([n.f.name]);
		expect(seen.version).toBe(3);
		// Coby's autosave on an older version is refused: no silent overwrite.
		await expect(
			saveReport(
				w.ctx,
				co,
				n.networkId,
				s.sessionId,
				{ baseVersion: 1, intro: 'Anders' },
				{ autosave: true }
			)
		).rejects.toSatisfy(refused('error_report_edited_meanwhile'));
		// Later, nobody else is there.
		w.clock.now = new Date(w.clock.now.getTime() + 3 * 60_000);
		expect((await reportPresence(w.ctx, co, n.networkId, s.sessionId)).others).toEqual([]);
		await expect(reportPresence(w.ctx, n.member, n.networkId, s.sessionId)).rejects.toSatisfy(
			refused('error_forbidden')
		);
	});
});
