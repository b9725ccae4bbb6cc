import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { onEvent, type DomainEvent } from '../../events.ts';
import { addMember, createPerson, makeWorld, TEST_DB, type TestWorld } from '../../testing/db.ts';
import { createNetwork } from '../network/network.service.ts';
import { addStep, updateStep } from '../session/agenda.service.ts';
import { createSession } from '../session/session.service.ts';
import { addAnswer } from './answer.service.ts';
import {
	closeLive,
	findParticipant,
	hashSecret,
	joinSession,
	openLive,
	setStepState
} from './live.service.ts';
import { addPostit, deletePostit, editPostit, ownPostits } from './postit.service.ts';

const keyed = (k: string) => (e: unknown) => e instanceof DomainError && e.key === k;
const cid = () => `c-${crypto.randomUUID()}`;

/**
 * The attack from the issue, run against the database alone: people X, Y (a signed-in member) and
 * Z join an anonymous round and post Z, X, Z, Y. Every table is read before and after, as someone
 * holding the database file or a backup would; no row written for the round may carry anything
 * that points to a person, and no person's row may have been touched (on PostgreSQL not even
 * locked: a lock leaves the locking transaction's id in the row).
 */
describe(`anonymous input leaves no person-linked trace [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	async function tables(): Promise<string[]> {
		const rows =
			TEST_DB === 'sqlite'
				? await sql<{
						name: string;
					}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
						w.database.authDb
					)
				: await sql<{
						name: string;
					}>`select tablename as name from pg_tables where schemaname = 'public'`.execute(
						w.database.authDb
					);
		return rows.rows.map((r) => r.name).sort();
	}

	/** Every row of every table, as text, in the order the database returns them. */
	async function dump(): Promise<Map<string, string[]>> {
		const out = new Map<string, string[]>();
		for (const t of await tables()) {
			// FTS shadow tables hold the search index; reading the virtual table covers them.
			const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(
				w.database.authDb
			);
			out.set(
				t,
				rows.rows.map((r) =>
					JSON.stringify(r, (_k, v) =>
						v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v
					)
				)
			);
		}
		if (TEST_DB === 'postgres') {
			const sys = await sql<{
				row: string;
			}>`select id || ':' || xmin::text || ':' || xmax::text as row from participant order by id`.execute(
				w.database.authDb
			);
			out.set(
				'participant (system columns)',
				sys.rows.map((r) => r.row)
			);
		}
		return out;
	}

	/** Rows present in `after` and not in `before` (a changed row counts as new). */
	function written(before: Map<string, string[]>, after: Map<string, string[]>) {
		const out: { table: string; row: string }[] = [];
		for (const [table, rows] of after) {
			const left = [...(before.get(table) ?? [])];
			for (const row of rows) {
				const i = left.indexOf(row);
				if (i >= 0) left.splice(i, 1);
				else out.push({ table, row });
			}
			for (const row of left) out.push({ table, row: `(removed) ${row}` });
		}
		return out;
	}

	async function room() {
		const facilitator = await createPerson(w, 'Facilitator');
		const { id: networkId } = await createNetwork(w.ctx, facilitator, {
			purpose: 'x',
			coreValue: 'y',
			language: 'nl',
			name: `Anoniem ${crypto.randomUUID()}`
		});
		const yara = await createPerson(w, 'Yara');
		await addMember(w, facilitator, networkId, yara);
		const { id: sessionId } = await createSession(w.ctx, facilitator, networkId, { title: 'Live' });
		const round = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'postit_round' });
		await updateStep(w.ctx, facilitator, networkId, sessionId, round.id, {
			title: 'Wat maakte je mee?',
			maxPerPerson: '2',
			maxLength: '280',
			isAnonymous: 'yes'
		});
		const checkin = await addStep(w.ctx, facilitator, networkId, sessionId, { kind: 'checkin' });
		await updateStep(w.ctx, facilitator, networkId, sessionId, checkin.id, {
			title: 'Check-in',
			prompt: 'Een vooroordeel dat je ooit had?',
			isAnonymous: 'yes'
		});
		const { joinCode } = await openLive(w.ctx, facilitator, networkId, sessionId);
		const join = async (name: string, userId: string | null = null) => {
			const { token } = await joinSession(w.ctx, { code: joinCode, displayName: name }, userId);
			return { token, p: await findParticipant(w.ctx, token) };
		};
		const suffix = crypto.randomUUID().slice(0, 6);
		const x = await join(`Xander-${suffix}`);
		const y = await join(`Yara-${suffix}`, yara.userId);
		const z = await join(`Zeynep-${suffix}`);
		const state = (stepId: string, s: 'open' | 'closed') =>
			setStepState(w.ctx, facilitator, networkId, sessionId, stepId, s);
		await state(round.id, 'open');
		await state(checkin.id, 'open');
		const traces = [x, y, z].flatMap(({ token, p }) => [
			p.id,
			p.displayName,
			token,
			hashSecret(token)
		]);
		traces.push(yara.userId, yara.email);
		return { facilitator, networkId, sessionId, round, checkin, x, y, z, state, traces };
	}

	const personLinked = (rows: { table: string; row: string }[], traces: string[]) =>
		rows.filter((r) => traces.some((t) => r.row.includes(t)));

	it('post-its and answers written Z, X, Z, Y cannot be tied to anyone, while the round is open and after it closes', async () => {
		const r = await room();
		const before = await dump();
		// What the use cases tell their subscribers (the hub, later the patches) is read as well.
		const events: DomainEvent[] = [];
		const stopEvents = onEvent((e) => events.push(e));

		const secrets = new Map<string, string>();
		const post = async (who: typeof r.x, text: string) => {
			const res = await addPostit(w.ctx, who.p, r.round.id, {
				clientId: cid(),
				text,
				anonymous: '1'
			});
			if (res.editSecret) secrets.set(res.id, res.editSecret);
			return res;
		};
		const z1 = await post(r.z, 'Bij de balie werd ik in het Engels aangesproken');
		await post(r.x, 'Mijn rolstoel paste niet door de deur van de zaal');
		await post(r.z, 'Mijn naam werd steeds verkeerd uitgesproken');
		await post(r.y, 'Ik durfde niet te zeggen dat ik een vriendin heb');
		// Z is at the maximum; the refusal must not leave a trace either.
		await expect(post(r.z, 'Een derde')).rejects.toSatisfy(keyed('error_postit_limit'));
		await editPostit(w.ctx, r.z.p, r.round.id, z1.id, 'Aan de balie: Engels', secrets.get(z1.id));
		await addAnswer(w.ctx, r.x.p, r.checkin.id, {
			clientId: cid(),
			question: '0',
			text: 'Dat jongeren niet lezen',
			anonymous: '1'
		});
		await addAnswer(w.ctx, r.z.p, r.checkin.id, {
			clientId: cid(),
			question: '0',
			text: 'Dat ouderen niet digitaal zijn',
			anonymous: '1'
		});

		const open = written(before, await dump());
		expect(open.length).toBeGreaterThan(0);
		expect(personLinked(open, r.traces)).toEqual([]);
		// Each phone still knows its own post-its and how many places it used.
		const zOwn = await ownPostits(
			w.ctx,
			r.z.p,
			{ ...r.round, isAnonymous: 1, maxPerPerson: 2 },
			secrets
		);
		expect(zOwn.used).toBe(2);
		expect(
			(await ownPostits(w.ctx, r.x.p, { ...r.round, isAnonymous: 1, maxPerPerson: 2 }, new Map()))
				.used
		).toBe(1);

		// Z takes one back: the place is free again, and nothing names Z.
		await deletePostit(w.ctx, r.z.p, r.round.id, z1.id, secrets.get(z1.id));
		expect(
			(await ownPostits(w.ctx, r.z.p, { ...r.round, isAnonymous: 1, maxPerPerson: 2 }, secrets))
				.used
		).toBe(1);
		expect(personLinked(written(before, await dump()), r.traces)).toEqual([]);
		stopEvents();
		expect(events.map((e) => e.name)).toEqual([
			'PostitAdded',
			'PostitAdded',
			'PostitAdded',
			'PostitAdded',
			'PostitChanged',
			'AnswerAdded',
			'AnswerAdded',
			'PostitChanged'
		]);
		expect(
			personLinked(
				events.map((e) => ({ table: `event ${e.name}`, row: JSON.stringify(e) })),
				r.traces
			)
		).toEqual([]);

		// Closing the round removes its places: no per-person trace of any kind is left.
		await r.state(r.round.id, 'closed');
		const slots = await w.ctx.db
			.selectFrom('postitSlot')
			.select('slotKey')
			.where('stepId', '=', r.round.id)
			.execute();
		expect(slots).toEqual([]);
		await closeLive(w.ctx, r.facilitator, r.networkId, r.sessionId);
		expect(personLinked(written(before, await dump()), r.traces)).toEqual([]);
	});

	it('one phone posting at once from two tabs still gets only its maximum', async () => {
		const r = await room();
		const results = await Promise.allSettled(
			Array.from({ length: 5 }, (_, i) =>
				addPostit(w.ctx, r.x.p, r.round.id, { clientId: cid(), text: `tegelijk ${i}` })
			)
		);
		expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(2);
		expect(
			results.every((x) => x.status === 'fulfilled' || keyed('error_postit_limit')(x.reason))
		).toBe(true);
		const stored = await w.ctx.db
			.selectFrom('postit')
			.select('id')
			.where('stepId', '=', r.round.id)
			.execute();
		expect(stored).toHaveLength(2);
	});

	it('anonymity is fixed once a step opens, and input sent under the other mode is refused', async () => {
		const r = await room();
		for (const step of [r.round, r.checkin])
			await expect(
				updateStep(w.ctx, r.facilitator, r.networkId, r.sessionId, step.id, {
					title: 'Toch met naam',
					maxPerPerson: '2',
					maxLength: '280'
				})
			).rejects.toSatisfy(keyed('error_anonymity_fixed'));
		// Before it opens, the facilitator may still choose.
		const later = await addStep(w.ctx, r.facilitator, r.networkId, r.sessionId, {
			kind: 'postit_round'
		});
		await updateStep(w.ctx, r.facilitator, r.networkId, r.sessionId, later.id, {
			title: 'Later',
			isAnonymous: 'yes'
		});
		await updateStep(w.ctx, r.facilitator, r.networkId, r.sessionId, later.id, { title: 'Later' });
		await r.state(later.id, 'open');
		// A phone that still showed "anonymous" sends to a named round: refused, nothing stored.
		await expect(
			addPostit(w.ctx, r.x.p, later.id, { clientId: cid(), text: 'dacht anoniem', anonymous: '1' })
		).rejects.toSatisfy(keyed('error_anonymity_changed'));
		await expect(
			addAnswer(w.ctx, r.x.p, r.checkin.id, {
				clientId: cid(),
				question: '0',
				text: 'dacht met naam',
				anonymous: '0'
			})
		).rejects.toSatisfy(keyed('error_anonymity_changed'));
		const stored = await w.ctx.db
			.selectFrom('postit')
			.select('id')
			.where('stepId', '=', later.id)
			.execute();
		expect(stored).toEqual([]);
	});
});
