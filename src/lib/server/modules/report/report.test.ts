import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { castDot } from '../live/dot.service.ts';
import { addAnswer } from '../live/answer.service.ts';
import { formGroups } from '../live/group.service.ts';
import { findParticipant, joinSession, openLive, setStepState } from '../live/live.service.ts';
import { mergePostits, setPostitHidden } from '../live/moderation.service.ts';
import { addPostit } from '../live/postit.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep, updateStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { reportBlocks } from './report.document.ts';
import { toDocx, toMarkdown, toPdf } from '../../documents/index.ts';
import { assembleReport } from './report.service.ts';
import { exportReport } from './report-export.service.ts';
import { subscribeToReport } from './report-subscriber.service.ts';
import { shareReport } from './report-share.service.ts';
import {
	listVersions,
	publishReport,
	reportState,
	restoreVersion,
	saveReport
} from './report-edit.service.ts';

const cid = () => `c-${crypto.randomUUID()}`;

describe(`session report [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	/** A short session run live: an anonymous round, a vote, two breakout groups with answers. */
	async function runSession(opts: { anonymousBreakout?: boolean } = {}) {
		const f = await createPerson(w, 'Fatima');
		const { id: networkId } = await createNetwork(w.ctx, f, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Rapport ${crypto.randomUUID()}`,
			houseRules: 'Wat hier gezegd wordt, blijft hier.'
		});
		const { id: sessionId } = await createSession(w.ctx, f, networkId, {
			title: 'Taal en toegang',
			number: '3',
			date: '2026-12-10',
			time: '14:00',
			place: 'Bibliotheek'
		});
		const round = await addStep(w.ctx, f, networkId, sessionId, { kind: 'postit_round' });
		await updateStep(w.ctx, f, networkId, sessionId, round.id, {
			title: 'Ideeën',
			maxPerPerson: '3',
			maxLength: '280',
			isAnonymous: 'yes'
		});
		const vote = await addStep(w.ctx, f, networkId, sessionId, { kind: 'dot_vote' });
		const breakout = await addStep(w.ctx, f, networkId, sessionId, { kind: 'breakout' });
		if (opts.anonymousBreakout) {
			const st = await w.ctx.db
				.selectFrom('agendaStep')
				.selectAll()
				.where('id', '=', breakout.id)
				.executeTakeFirstOrThrow();
			await updateStep(w.ctx, f, networkId, sessionId, breakout.id, {
				title: st.title,
				prompt: st.prompt,
				questions: st.questions,
				isAnonymous: 'yes'
			});
		}
		const { joinCode } = await openLive(w.ctx, f, networkId, sessionId);
		const open = (id: string, s: 'open' | 'closed' = 'open') =>
			setStepState(w.ctx, f, networkId, sessionId, id, s);
		const join = async (n: string) =>
			findParticipant(
				w.ctx,
				(await joinSession(w.ctx, { code: joinCode, displayName: n }, null)).token
			);
		const [a, b] = [await join('Amal'), await join('Bert')];
		await open(round.id);
		const post = (p: typeof a, text: string) =>
			addPostit(w.ctx, p, round.id, { clientId: cid(), text });
		const taal = await post(a, 'Taalcafé');
		const dubbel = await post(b, 'Taalcafé in de bieb');
		const markup = await post(b, '<script>alert(1)</script> [klik](http://x) # kop');
		const weg = await post(a, 'Iets ongepasts');
		await setPostitHidden(w.ctx, f, networkId, sessionId, weg.id, true);
		await mergePostits(w.ctx, f, networkId, sessionId, { postitId: dubbel.id, intoId: taal.id });
		await open(round.id, 'closed');
		await open(vote.id);
		for (let i = 0; i < 3; i++)
			await castDot(w.ctx, a, vote.id, { clientId: cid(), postitId: taal.id });
		await castDot(w.ctx, b, vote.id, { clientId: cid(), postitId: markup.id });
		await open(vote.id, 'closed');
		await open(breakout.id);
		await formGroups(w.ctx, f, networkId, sessionId, breakout.id, {
			source: 'top',
			count: '2',
			mode: 'assign'
		});
		await addAnswer(w.ctx, a, breakout.id, {
			clientId: cid(),
			question: '0',
			text: 'Iedereen welkom'
		});
		await addAnswer(w.ctx, b, breakout.id, { clientId: cid(), question: '2', text: 'Bellen 📞' });
		return { f, networkId, sessionId };
	}

	it('assembles the report: ranked dots with counts, hidden left out, merged kept together, groups', async () => {
		const s = await runSession();
		const r = await assembleReport(w.ctx, s.f, s.networkId, s.sessionId);
		expect(r.session.title).toBe('Taal en toegang');
		expect(r.participants).toEqual({ count: 2, names: ['Amal', 'Bert'] });
		const vote = r.sections.find((x) => x.kind === 'dot_vote')!;
		expect(vote.results.kind === 'tally' && vote.results.rows.map((x) => [x.text, x.dots])).toEqual(
			[
				['Taalcafé', 3],
				['<script>alert(1)</script> [klik](http://x) # kop', 1]
			]
		);
		const round = r.sections.find((x) => x.kind === 'postit_round')!;
		const texts = JSON.stringify(round.results);
		expect(texts).not.toContain('Iets ongepasts');
		expect(texts).toContain('Taalcafé in de bieb');
		const groups = r.sections.find((x) => x.kind === 'breakout')!;
		expect(groups.results.kind === 'answers' && groups.results.groups.map((g) => g.title)).toEqual([
			'Taalcafé',
			'<script>alert(1)</script> [klik](http://x) # kop'
		]);
		// Another network's coordinator cannot assemble it.
		const stranger = await createPerson(w, 'Vreemde');
		await expect(assembleReport(w.ctx, stranger, s.networkId, s.sessionId)).rejects.toBeInstanceOf(
			DomainError
		);
	});

	it('an anonymous step shows how many were in each group, never who, in the report and every export', async () => {
		const named = await runSession();
		const namedMd = toMarkdown(
			reportBlocks(await assembleReport(w.ctx, named.f, named.networkId, named.sessionId))
		);
		// With names allowed, the group says who was in it (this is what must not happen below).
		expect(namedMd).toMatch(/1 persoon: (Amal|Bert)/);

		const s = await runSession({ anonymousBreakout: true });
		const r = await assembleReport(w.ctx, s.f, s.networkId, s.sessionId);
		const section = r.sections.find((x) => x.kind === 'breakout')!;
		expect(section.anonymous).toBe(true);
		const results = section.results;
		expect(
			results.kind === 'answers' && results.groups.map((g) => [g.memberCount, g.members])
		).toEqual([
			[1, []],
			[1, []]
		]);
		const blocks = reportBlocks(r);
		const md = toMarkdown(blocks);
		const breakoutPart = md.slice(md.indexOf(section.title));
		expect(breakoutPart).toContain('Iedereen welkom');
		expect(breakoutPart).not.toMatch(/Amal|Bert/);
		expect(breakoutPart).toContain('1 persoon');
		expect(md).toContain('Deze stap was anoniem');
		const xml = await (
			await JSZip.loadAsync(await toDocx(blocks, 'nl', 'x'))
		)
			.file('word/document.xml')!
			.async('string');
		const at = xml.indexOf(section.title);
		expect(at).toBeGreaterThan(0);
		const docxBreakout = xml.slice(at);
		expect(docxBreakout).toContain('Iedereen welkom');
		expect(docxBreakout).not.toMatch(/Amal|Bert/);
		const { text } = await extractText(
			await getDocumentProxy(new Uint8Array(await toPdf(blocks, 'nl', 'x'))),
			{ mergePages: true }
		);
		expect(text.slice(text.indexOf(section.title))).not.toMatch(/Amal|Bert/);
	});

	it('exports Markdown with user text escaped, Word with headings, table and language, and a PDF with text', async () => {
		const s = await runSession();
		const r = await assembleReport(w.ctx, s.f, s.networkId, s.sessionId);
		const blocks = reportBlocks(r);

		const md = toMarkdown(blocks);
		expect(md).toMatch(/^# Sessie 3: Taal en toegang$/m);
		// The report starts with the network's house rules, before the first step.
		expect(md).toMatch(/^## Huisregels\n\nWat hier gezegd wordt, blijft hier\.$/m);
		expect(md.indexOf('## Huisregels')).toBeLessThan(md.indexOf('## Ideeën'));
		// Post-its voted on are listed once: ranked, with what was merged into them; the round
		// says where they are.
		expect(md).toContain('| Taalcafé (Taalcafé in de bieb) | 3 |');
		expect(md).toContain('2 post-its, gerangschikt bij “Stippen stemmen” hieronder');
		expect(md.split('Taalcafé in de bieb').length - 1).toBe(1);
		expect(md).toContain('\\<script\\>alert(1)\\</script\\> \\[klik\\](http\\://x) # kop');
		expect(md).not.toContain('<script>');

		const docx = await toDocx(blocks, 'nl', 'Taal en toegang');
		const zip = await JSZip.loadAsync(docx);
		const xml = await zip.file('word/document.xml')!.async('string');
		const styles = await zip.file('word/styles.xml')!.async('string');
		expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
		expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
		expect(xml).toContain('<w:tblHeader');
		// The ranked list: the first data row is the top item with its count.
		const rows = [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((x) =>
			[...x[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('|')
		);
		expect(rows.slice(0, 3)).toEqual([
			'Post-it|Stippen',
			'Taalcafé (Taalcafé in de bieb)|3',
			'&lt;script&gt;alert(1)&lt;/script&gt; [klik](http://x) # kop|1'
		]);
		expect(styles).toContain('w:lang w:val="nl-NL"');

		const pdf = await toPdf(blocks, 'nl', 'Taal en toegang');
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
			mergePages: true
		});
		expect(text).toContain('Sessie 3: Taal en toegang');
		expect(text).toContain('Iedereen welkom');
		expect(text).toContain('Taalcafé');
	});

	it('an export is a file the route sends: bytes, type and a name made from the title', async () => {
		const s = await runSession();
		const get = (format: 'md' | 'docx' | 'pdf') =>
			exportReport(w.ctx, s.f, s.networkId, s.sessionId, format);
		const md = await get('md');
		expect(md).toMatchObject({ type: 'text/markdown; charset=utf-8', name: 'taal-en-toegang.md' });
		expect(new TextDecoder().decode(md.bytes)).toMatch(/^# Sessie 3: Taal en toegang$/m);
		const docx = await get('docx');
		expect(docx.type).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(docx.name).toBe('taal-en-toegang.docx');
		const xml = await (
			await JSZip.loadAsync(docx.bytes)
		)
			.file('word/document.xml')!
			.async('string');
		expect(xml).toContain('Taalcafé');
		const pdf = await get('pdf');
		expect(pdf).toMatchObject({ type: 'application/pdf', name: 'taal-en-toegang.pdf' });
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.bytes)), {
			mergePages: true
		});
		expect(text).toContain('Sessie 3: Taal en toegang');
	});

	it('edits are versioned, a stale save is refused, an earlier version comes back, publishing mails members', async () => {
		const s = await runSession();
		const r0 = await assembleReport(w.ctx, s.f, s.networkId, s.sessionId);
		const vote = r0.sections.find((x) => x.kind === 'dot_vote')!;
		const round = r0.sections.find((x) => x.kind === 'postit_round')!;
		const v1 = await saveReport(w.ctx, s.f, s.networkId, s.sessionId, {
			baseVersion: '0',
			intro: 'Een warme middag.',
			closing: 'Tot de volgende keer!',
			hidden: [round.id],
			notes: { [vote.id]: 'Taal kwam duidelijk bovenaan.' }
		});
		expect(v1).toEqual({ version: 1 });
		const r1 = await assembleReport(w.ctx, s.f, s.networkId, s.sessionId);
		expect(r1.intro).toBe('Een warme middag.');
		expect(r1.sections.map((x) => x.id)).not.toContain(round.id);
		expect(r1.sections.find((x) => x.id === vote.id)!.note).toBe('Taal kwam duidelijk bovenaan.');
		const md = toMarkdown(reportBlocks(r1));
		expect(md).toContain('Tot de volgende keer!');
		// The captured data is untouched: leaving a section out of the report deletes nothing.
		expect(r0.sections.length).toBeGreaterThan(r1.sections.length);

		// A second editor who started from version 0 cannot overwrite version 1 silently.
		await expect(
			saveReport(w.ctx, s.f, s.networkId, s.sessionId, { baseVersion: '0', intro: 'Oud' })
		).rejects.toSatisfy(
			(e) => e instanceof DomainError && e.key === 'error_report_edited_meanwhile'
		);
		await saveReport(w.ctx, s.f, s.networkId, s.sessionId, { baseVersion: '1', intro: 'Anders' });
		expect((await listVersions(w.ctx, s.sessionId)).map((v) => [v.version, v.by])).toEqual([
			[2, 'Fatima'],
			[1, 'Fatima']
		]);
		// Restoring version 1 saves it again as version 3; a version that does not exist is refused.
		expect(
			await restoreVersion(w.ctx, s.f, s.networkId, s.sessionId, { version: '1', baseVersion: '2' })
		).toEqual({ version: 3 });
		expect((await reportState(w.ctx, s.sessionId)).edits.intro).toBe('Een warme middag.');
		await expect(
			restoreVersion(w.ctx, s.f, s.networkId, s.sessionId, { version: '9', baseVersion: '3' })
		).rejects.toSatisfy((e) => e instanceof DomainError && e.code === 'not_found');

		// Someone of another network can neither save nor publish.
		const stranger = await createPerson(w, 'Vreemde');
		await expect(
			saveReport(w.ctx, stranger, s.networkId, s.sessionId, { baseVersion: '3', intro: 'x' })
		).rejects.toBeInstanceOf(DomainError);
		await expect(publishReport(w.ctx, stranger, s.networkId, s.sessionId)).rejects.toBeInstanceOf(
			DomainError
		);

		w.mailer.sent.length = 0;
		expect(await publishReport(w.ctx, s.f, s.networkId, s.sessionId)).toMatchObject({
			sent: 1,
			version: 3
		});
		expect(w.mailer.sent[0]!.text).toContain(`/sessions/${s.sessionId}/report`);
		await saveReport(w.ctx, s.f, s.networkId, s.sessionId, {
			baseVersion: '3',
			intro: 'Verbeterd'
		});
		await publishReport(w.ctx, s.f, s.networkId, s.sessionId);
		expect(w.mailer.sent[1]!.subject).not.toBe(w.mailer.sent[0]!.subject);
		const published = await assembleReport(w.ctx, s.f, s.networkId, s.sessionId);
		expect([published.version, published.publishedVersion]).toEqual([4, 4]);
	});

	it('people from the room who left their address get the report itself when it is shared', async () => {
		const s = await runSession();
		const keyed = (k: string) => (e: unknown) => e instanceof DomainError && e.key === k;
		await expect(subscribeToReport(w.ctx, s.sessionId, { email: 'geen adres' })).rejects.toSatisfy(
			keyed('error_email')
		);
		await subscribeToReport(w.ctx, s.sessionId, { email: 'Amal@Example.org ' });
		await subscribeToReport(w.ctx, s.sessionId, { email: 'amal@example.org' });
		// A member who also left it gets the members' mail, once.
		const member = (
			await w.ctx.db
				.selectFrom('user')
				.innerJoin('membership', 'membership.userId', 'user.id')
				.select('user.email')
				.where('membership.networkId', '=', s.networkId)
				.executeTakeFirstOrThrow()
		).email;
		await subscribeToReport(w.ctx, s.sessionId, { email: member });
		const rows = await w.ctx.db
			.selectFrom('reportSubscriber')
			.selectAll()
			.where('sessionId', '=', s.sessionId)
			.execute();
		// Kept with the session only: nothing ties the address to a participant.
		expect(Object.keys(rows[0]!).sort()).toEqual(['createdAt', 'email', 'id', 'sessionId']);
		expect(rows.map((r) => r.email).sort()).toEqual(['amal@example.org', member].sort());

		w.mailer.sent.length = 0;
		expect((await shareReport(w.ctx, s.f, s.networkId, s.sessionId)).sent).toBe(2);
		const toRoom = w.mailer.sent.filter((x) => x.to === 'amal@example.org');
		expect(toRoom).toHaveLength(1);
		expect(toRoom[0]!.kind).toBe('report_room');
		expect(toRoom[0]!.text).toContain('Taal en toegang');
		expect(toRoom[0]!.text).toContain('Taalcafé');
		expect(toRoom[0]!.attachments?.[0]?.filename).toMatch(/\.md$/);
		expect(w.mailer.sent.filter((x) => x.to === member)).toHaveLength(1);
	});
});
