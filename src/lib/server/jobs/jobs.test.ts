import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ctx } from '../context.ts';
import { DomainError } from '../errors.ts';
import { createMailer, listOutbox } from '../mail/mailer.ts';
import { createTransport } from '../mail/transport.ts';
import { listUndelivered, resendMail } from '../mail/undelivered.service.ts';
import { inviteMember } from '../modules/network/invitation.service.ts';
import { createNetwork } from '../modules/network/network.service.ts';
import { createPerson, makeWorld, TEST_DB, type TestWorld } from '../testing/db.ts';
import { jobHandlers } from './handlers.ts';
import { enqueue, enqueueIndexSession } from './index.ts';
import { claimJobs, completeJob, findJob, listJobs } from './queue.repository.ts';
import { backoffMs, runDueJobs, runJobsWith, startWorker, type JobHandlers } from './worker.ts';

describe(`the durable job queue [${TEST_DB}]`, () => {
	let w: TestWorld;
	beforeAll(async () => {
		w = await makeWorld();
	});
	afterAll(() => w.drop());

	const key = (what: string) => `${what}:${crypto.randomUUID()}`;
	/** A world whose mailer queues mail as the app's does. */
	const queueing = (): Ctx => ({
		...w.ctx,
		mailer: createMailer({ db: w.ctx.db, usesOutbox: false, now: w.ctx.now })
	});

	it('runs a job once when two workers claim at the same moment', async () => {
		const ran = new Map<string, number>();
		const handlers: JobHandlers = {
			count: async ({ job }) => {
				ran.set(job.id, (ran.get(job.id) ?? 0) + 1);
				await new Promise((r) => setTimeout(r, 5));
			}
		};
		const ids: string[] = [];
		for (let i = 0; i < 30; i++)
			await enqueue(w.ctx.db, { kind: 'count', key: key('c'), payload: { i } }, w.ctx.now());
		for (const j of await listJobs(w.ctx.db, { kind: 'count' })) ids.push(j.id);
		// Many claims at once, each on its own connection on PostgreSQL: no job is claimed twice.
		const now = w.ctx.now();
		const claims = await Promise.all(
			Array.from({ length: 6 }, () => claimJobs(w.ctx.db, now, 60_000, 3))
		);
		const claimed = claims.flat().map((j) => j.id);
		expect(new Set(claimed).size).toBe(claimed.length);
		// Two worker loops side by side finish them all, the claimed ones once their lease ran out.
		const later = new Date(now.getTime() + 61_000);
		const drain = async () => {
			while ((await runDueJobs(w.ctx, handlers, { now: later, batch: 2 })) > 0);
		};
		await Promise.all([drain(), drain()]);
		expect(ids.map((id) => ran.get(id))).toEqual(ids.map(() => 1));
		const states = (await listJobs(w.ctx.db, { kind: 'count' })).map((j) => j.state);
		expect(new Set(states)).toEqual(new Set(['done']));
	});

	it('retries a failing job with growing waits, then marks it failed with the reason', async () => {
		const handlers: JobHandlers = {
			flaky: async () => {
				throw new Error('421 mail server busy');
			}
		};
		const k = key('flaky');
		await enqueue(w.ctx.db, { kind: 'flaky', key: k, payload: {}, maxAttempts: 3 }, w.ctx.now());
		const job = async () => (await listJobs(w.ctx.db, { kind: 'flaky' })).find((j) => j.key === k)!;
		let at = w.ctx.now();
		for (const attempt of [1, 2]) {
			expect(await runDueJobs(w.ctx, handlers, { now: at })).toBe(1);
			const j = await job();
			expect(j).toMatchObject({
				state: 'queued',
				attempts: attempt,
				lastError: '421 mail server busy'
			});
			expect(new Date(j.runAt).getTime() - at.getTime()).toBe(backoffMs(attempt));
			// Not before its time.
			expect(
				await runDueJobs(w.ctx, handlers, { now: new Date(new Date(j.runAt).getTime() - 1) })
			).toBe(0);
			at = new Date(j.runAt);
		}
		expect(backoffMs(2)).toBe(2 * backoffMs(1));
		await runDueJobs(w.ctx, handlers, { now: at });
		expect(await job()).toMatchObject({
			state: 'failed',
			attempts: 3,
			lastError: '421 mail server busy'
		});
		expect(await runDueJobs(w.ctx, handlers, { now: new Date(at.getTime() + 86_400_000) })).toBe(0);
	});

	it('writes one job for one idempotency key, and delivers it once even after its worker died', async () => {
		const ctx = queueing();
		const mail = { to: 'amal@example.org', subject: 'Hallo', text: 'x', html: '<p>x</p>' };
		const k = key('invite');
		await ctx.mailer.send({ ...mail, key: k });
		await ctx.mailer.send({ ...mail, key: k });
		const jobs = (await listJobs(w.ctx.db, { kind: 'mail' })).filter((j) => j.key === k);
		expect(jobs).toHaveLength(1);
		// A worker claims it and is killed before it delivers: the lease runs out, another runs it.
		const t0 = w.ctx.now();
		const [stale] = await claimJobs(w.ctx.db, t0, 1000, 100).then((js) =>
			js.filter((j) => j.key === k)
		);
		expect(stale).toBeDefined();
		const transport = createTransport({ db: w.ctx.db, from: 'Olievlek <noreply@o.test>' });
		const later = new Date(t0.getTime() + 2000);
		await runJobsWith({ ...w.ctx, now: () => later }, jobHandlers({ transport }));
		// The dead worker's late "done" does not count, and cannot store a second copy.
		expect(await completeJob(w.ctx.db, stale!, later, 'late')).toBe(false);
		const stored = (await listOutbox(w.ctx.db)).filter((o) => o.id === jobs[0]!.id);
		expect(stored).toHaveLength(1);
		const done = await findJob(w.ctx.db, jobs[0]!.id);
		expect(done).toMatchObject({ state: 'done', attempts: 2, result: jobs[0]!.id, payload: '{}' });
	});

	it('a failing SMTP server fails no request: the mail waits, is retried, and a coordinator can resend it', async () => {
		const ctx = queueing();
		const coordinator = await createPerson(w, 'Coordinator');
		const { id: networkId } = await createNetwork(ctx, coordinator, {
			name: `Net ${crypto.randomUUID()}`,
			purpose: 'Leren',
			coreValue: 'Respect',
			language: 'nl'
		});
		const sendMail = vi.fn(async () => {
			throw new Error('connect ECONNREFUSED 127.0.0.1:25');
		});
		const create = vi.spyOn(nodemailer, 'createTransport').mockReturnValue({ sendMail } as never);
		const transport = createTransport({
			db: w.ctx.db,
			smtpUrl: 'smtp://127.0.0.1:25',
			from: 'Olievlek <noreply@o.test>'
		});
		create.mockRestore();
		const { id } = await inviteMember(ctx, coordinator, networkId, {
			email: 'new.member@example.org',
			role: 'participant'
		});
		const [job] = (await listJobs(w.ctx.db, { kind: 'mail' })).filter(
			(j) => j.networkId === networkId
		);
		expect(job!.key).toMatch(new RegExp(`^invite:${id}:`));
		const handlers = jobHandlers({ transport });
		let at = w.ctx.now();
		for (let i = 0; i < 8; i++) {
			await runDueJobs(w.ctx, handlers, { now: at });
			at = new Date(at.getTime() + 3_600_000);
		}
		expect(sendMail).toHaveBeenCalledTimes(8);
		const list = await listUndelivered(ctx, coordinator, networkId);
		expect(list).toMatchObject({
			queued: 0,
			failed: [
				{
					id: job!.id,
					to: 'new.member@example.org',
					kind: 'invitation',
					reason: 'connect ECONNREFUSED 127.0.0.1:25'
				}
			]
		});
		// Only coordinators see it.
		const stranger = await createPerson(w, 'Stranger');
		await expect(listUndelivered(ctx, stranger, networkId)).rejects.toBeInstanceOf(DomainError);
		// The server is back: the resend is a new job, delivered with its job id as Message-ID.
		sendMail.mockImplementation(async () => undefined as never);
		await resendMail(ctx, coordinator, networkId, job!.id);
		expect(await listUndelivered(ctx, coordinator, networkId)).toMatchObject({
			queued: 1,
			failed: []
		});
		await runDueJobs(w.ctx, handlers, { now: at });
		const [resent] = (await listJobs(w.ctx.db, { kind: 'mail' })).filter(
			(j) => j.key === `resend:${job!.id}`
		);
		expect(resent).toMatchObject({ state: 'done', result: `<${resent!.id}@o.test>` });
		expect(sendMail).toHaveBeenLastCalledWith(
			expect.objectContaining({ to: 'new.member@example.org', messageId: `<${resent!.id}@o.test>` })
		);
		await expect(resendMail(ctx, coordinator, networkId, job!.id)).rejects.toBeInstanceOf(
			DomainError
		);
	});

	it('the worker loop runs a job soon after it is queued, without waiting for its next poll', async () => {
		let done: (id: string) => void = () => {};
		const ran = new Promise<string>((r) => (done = r));
		const worker = startWorker(
			{ ...w.ctx, now: () => new Date(Date.now() + 86_400_000 * 30) },
			{ ping: async ({ job }) => done(job.id) },
			{ pollMs: 60_000 }
		);
		// Let the first (empty) round pass, so the loop sleeps.
		await new Promise((r) => setTimeout(r, 100));
		// No stopwatch: the poll is a minute away, so the job can only run before the test's own
		// time-out if the queueing woke the worker.
		await w.ctx.db
			.transaction()
			.execute((trx) => enqueue(trx, { kind: 'ping', key: key('ping'), payload: {} }, w.ctx.now()));
		const id = await ran;
		await worker.stop();
		expect(await findJob(w.ctx.db, id)).toMatchObject({ state: 'done' });
	});

	it('the worker lets requests in while a backlog of due jobs runs', async () => {
		let ran = 0;
		for (let i = 0; i < 60; i++)
			await enqueue(w.ctx.db, { kind: 'count', key: key('count'), payload: {} }, w.ctx.now());
		const later = { ...w.ctx, now: () => new Date(Date.now() + 86_400_000 * 30) };
		const worker = startWorker(later, { count: async () => void ran++ }, { pollMs: 60_000 });
		// A request arriving while the worker works: it is answered in the next turn of the event
		// loop, long before the 60 jobs (six rounds of ten) are through.
		const ranWhenAnswered = await new Promise<number>((r) => setImmediate(() => r(ran)));
		await worker.stop();
		expect(ranWhenAnswered).toBeLessThan(60);
	});

	it('coalesces indexing: many saves make one waiting job; a save during the run makes one follow-up', async () => {
		const sessionId = crypto.randomUUID();
		const waiting = async () =>
			(await listJobs(w.ctx.db, { kind: 'index-session' })).filter(
				(j) => j.coalesceKey === `index-session:${sessionId}` && j.state === 'queued'
			);
		for (let i = 0; i < 5; i++) await enqueueIndexSession(w.ctx.db, sessionId, w.ctx.now());
		expect(await waiting()).toHaveLength(1);
		const now = w.ctx.now();
		const [running] = (await claimJobs(w.ctx.db, now, 60_000, 100)).filter(
			(j) => j.coalesceKey === `index-session:${sessionId}`
		);
		expect(running).toBeDefined();
		for (let i = 0; i < 3; i++) await enqueueIndexSession(w.ctx.db, sessionId, now);
		expect(await waiting()).toHaveLength(1);
		// The follow-up waits while the first run holds its lease…
		expect(
			(await claimJobs(w.ctx.db, now, 60_000, 100)).filter(
				(j) => j.coalesceKey === `index-session:${sessionId}`
			)
		).toEqual([]);
		// …and runs once the first is done.
		expect(await completeJob(w.ctx.db, running!, now, null)).toBe(true);
		const after = await claimJobs(w.ctx.db, now, 60_000, 100);
		expect(after.filter((j) => j.coalesceKey === `index-session:${sessionId}`)).toHaveLength(1);
	});
});
