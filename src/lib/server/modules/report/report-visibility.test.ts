import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../context.ts';
import { DomainError } from '../../errors.ts';
import { runJobsNow } from '../../jobs/run-now.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { search } from '../knowledge/search.service.ts';
import { addPostit } from '../live/postit.service.ts';
import {
	closeLive,
	findParticipant,
	joinSession,
	openLive,
	setStepState
} from '../live/live.service.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { publishReport, reportState, saveReport } from './report-edit.service.ts';
import { exportReport } from './report-export.service.ts';
import { assembleReport } from './report.service.ts';

type Seen = 'draft' | 'shared' | 'refused' | 'not_found';

/**
 * Who reads a report, as a matrix from the outside: every kind of viewer, before the report is
 * shared, once shared, and with a newer draft on top of the shared version; through the page's
 * assembly, the Markdown export and the search box.
 */
describe(`report drafts are for the people who work on them [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function setting() {
		const coordinator = await createPerson(w, 'Coördinator');
		const { id: networkId } = await createNetwork(w.ctx, coordinator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Verslag ${crypto.randomUUID()}`
		});
		const people = {
			sessionFacilitator: await createPerson(w, 'Sessieleider'),
			otherFacilitator: await createPerson(w, 'Andere sessieleider'),
			participant: await createPerson(w, 'Deelnemer'),
			expert: await createPerson(w, 'Ervaringsdeskundige')
		};
		await addMember(w, coordinator, networkId, people.sessionFacilitator, 'facilitator');
		await addMember(w, coordinator, networkId, people.otherFacilitator, 'facilitator');
		await addMember(w, coordinator, networkId, people.participant);
		await addMember(w, coordinator, networkId, people.expert, 'experience_expert');
		const stranger = await createPerson(w, 'Ander netwerk');
		await createNetwork(w.ctx, stranger, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Ander ${crypto.randomUUID()}`
		});
		const membership = await w.ctx.db
			.selectFrom('membership')
			.select('id')
			.where('networkId', '=', networkId)
			.where('userId', '=', people.sessionFacilitator.userId)
			.executeTakeFirstOrThrow();
		const { id: sessionId } = await createSession(w.ctx, coordinator, networkId, {
			title: 'Toegankelijke bibliotheek',
			facilitators: [membership.id]
		});
		const round = await addStep(w.ctx, coordinator, networkId, sessionId, {
			kind: 'postit_round'
		});
		const { joinCode } = await openLive(w.ctx, coordinator, networkId, sessionId);
		const p = await findParticipant(
			w.ctx,
			(await joinSession(w.ctx, { code: joinCode, displayName: 'Amal' }, null)).token
		);
		await setStepState(w.ctx, coordinator, networkId, sessionId, round.id, 'open');
		await addPostit(w.ctx, p, round.id, {
			clientId: `c-${crypto.randomUUID()}`,
			text: 'Voorleesuur in gebarentaal'
		});
		await closeLive(w.ctx, coordinator, networkId, sessionId);
		await runJobsNow(w.ctx);
		const viewers: Record<string, Actor | null> = {
			coordinator,
			...people,
			stranger,
			visitor: null
		};
		return { coordinator, networkId, sessionId, viewers };
	}

	async function seen(
		s: Awaited<ReturnType<typeof setting>>,
		viewer: Actor | null,
		words: { draft: string; shared: string }
	): Promise<Seen> {
		try {
			const r = await assembleReport(w.ctx, viewer, s.networkId, s.sessionId);
			const md = new TextDecoder().decode(
				(await exportReport(w.ctx, viewer, s.networkId, s.sessionId, 'md')).bytes
			);
			const page = r.intro;
			expect(md.includes(words.draft)).toBe(page.includes(words.draft));
			if (page.includes(words.draft)) return 'draft';
			if (page.includes(words.shared)) return 'shared';
			throw new Error(`neither text in the report: ${page}`);
		} catch (e) {
			if (e instanceof DomainError && e.key === 'error_report_not_shared') {
				// The export says the same as the page.
				await expect(exportReport(w.ctx, viewer, s.networkId, s.sessionId, 'md')).rejects.toSatisfy(
					(x) => x instanceof DomainError && x.key === 'error_report_not_shared'
				);
				return 'refused';
			}
			if (e instanceof DomainError && e.code === 'not_found') return 'not_found';
			throw e;
		}
	}

	const hits = async (viewer: Actor, networkId: string, q: string) =>
		(await search(w.ctx, viewer, networkId, { q })).hits.length;

	it('a draft is read by coordinators and the session’s facilitators only; members read the shared version; search holds only what was shared', async () => {
		const s = await setting();
		const { viewers: v } = s;
		const save = async (intro: string) =>
			saveReport(w.ctx, s.coordinator, s.networkId, s.sessionId, {
				baseVersion: (await reportState(w.ctx, s.sessionId)).version,
				intro
			});

		await save('Conceptversie met kwetsbaar verhaal');
		const draftOnly = { draft: 'Conceptversie', shared: '—' };
		const before = Object.fromEntries(
			await Promise.all(
				Object.entries(v).map(async ([k, a]) => [k, await seen(s, a, draftOnly)] as const)
			)
		);
		expect(before).toEqual({
			coordinator: 'draft',
			sessionFacilitator: 'draft',
			otherFacilitator: 'refused',
			participant: 'refused',
			expert: 'refused',
			stranger: 'not_found',
			visitor: 'not_found'
		});
		// Not in anyone's search yet: not the introduction, not what the session captured.
		for (const who of [v.coordinator!, v.participant!]) {
			expect(await hits(who, s.networkId, 'kwetsbaar')).toBe(0);
			expect(await hits(who, s.networkId, 'gebarentaal')).toBe(0);
		}

		await save('Gedeelde versie over de bibliotheek');
		await publishReport(w.ctx, s.coordinator, s.networkId, s.sessionId);
		await runJobsNow(w.ctx);
		await save('Nieuw concept met een vertrouwelijke aanvulling');
		const after = Object.fromEntries(
			await Promise.all(
				Object.entries(v).map(
					async ([k, a]) =>
						[k, await seen(s, a, { draft: 'vertrouwelijke', shared: 'Gedeelde versie' })] as const
				)
			)
		);
		expect(after).toEqual({
			coordinator: 'draft',
			sessionFacilitator: 'draft',
			otherFacilitator: 'shared',
			participant: 'shared',
			expert: 'shared',
			stranger: 'not_found',
			visitor: 'not_found'
		});
		// Search holds the shared version: its words and the session's post-its, not the new draft.
		expect(await hits(v.participant!, s.networkId, 'gedeelde')).toBe(1);
		expect(await hits(v.participant!, s.networkId, 'gebarentaal')).toBe(1);
		expect(await hits(v.participant!, s.networkId, 'vertrouwelijke')).toBe(0);
		expect(await hits(v.participant!, s.networkId, 'kwetsbaar')).toBe(0);
	});

	it('only the people who work on the report can edit it', async () => {
		const s = await setting();
		for (const who of [s.viewers.otherFacilitator!, s.viewers.participant!])
			await expect(
				saveReport(w.ctx, who, s.networkId, s.sessionId, { baseVersion: 0, intro: 'x' })
			).rejects.toSatisfy((e) => e instanceof DomainError && e.key === 'error_forbidden');
		await expect(
			saveReport(w.ctx, s.viewers.sessionFacilitator!, s.networkId, s.sessionId, {
				baseVersion: 0,
				intro: 'Door de sessieleider'
			})
		).resolves.toMatchObject({ version: 1 });
	});
});
