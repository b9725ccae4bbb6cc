import { DEFAULT_TIME_ZONE } from '#lib/dates.ts';
import type { AppLocale } from '../../db/types.ts';
import type { Actor, Ctx } from '../../context.ts';
import { parseInput } from '../../validation.ts';
import { reminderPreferenceInput } from './reminder.schema.ts';
import { enqueue, existingJobKeys, type NewJob } from '../../jobs/index.ts';
import type { JobRun } from '../../jobs/worker.ts';
import * as repo from './reminder.repository.ts';
import type { DueRow } from './reminder.repository.ts';
import {
	digestSpan,
	nextDigestMoment,
	planningWindow,
	reminderKey,
	remindersToPlan,
	zoneOf,
	type ReminderKind
} from './reminder.rules.ts';
import { digestMail, reminderMail } from './reminder-mail.ts';

/**
 * Reminders are jobs. Every hour a `reminder-plan` job looks at what falls due around today
 * (check-ins, actions, the 100 days, coming sessions) and writes one `reminder` job per thing,
 * person and step of the ladder, at 09:00 on that person's clock, keyed so that planning again
 * writes nothing twice; people who want a weekly digest get one `reminder-digest` job per week
 * instead. A reminder checks again, when its moment comes, that it still applies (the action is
 * not done, the check-in not filled in, the date not moved, the person still a member who wants
 * reminders) and otherwise ends without a mail. The mail is a job written in the same
 * transaction that marks the reminder done: sent once, even when the server is killed.
 */

export interface ReminderPayload {
	kind: ReminderKind;
	subjectId: string;
	moment: 'start' | 'end' | null;
	day: string;
	offset: number;
	userId: string;
	networkId: string;
	commitmentId: string | null;
}

interface Preference {
	enabled: boolean;
	digest: boolean;
	zone: string;
}

async function preferencesOf(ctx: Ctx, userIds: string[]) {
	const rows = await repo.listPreferences(ctx.db, userIds);
	const out = new Map<string, Preference>();
	for (const id of userIds) out.set(id, { enabled: true, digest: false, zone: DEFAULT_TIME_ZONE });
	for (const r of rows)
		out.set(r.userId, {
			enabled: r.enabled === 1,
			digest: r.digest === 1,
			zone: zoneOf(r.timeZone)
		});
	return out;
}

/** Active members among each row's people, asked once per network. */
async function withMembers(ctx: Ctx, rows: DueRow[]) {
	const byNetwork = new Map<string, Set<string>>();
	for (const r of rows) {
		const set = byNetwork.get(r.networkId) ?? new Set<string>();
		r.userIds.forEach((u) => set.add(u));
		byNetwork.set(r.networkId, set);
	}
	const now = ctx.now().toISOString();
	const active = new Map<string, Set<string>>();
	for (const [networkId, users] of byNetwork)
		active.set(networkId, await repo.activeMembersAmong(ctx.db, networkId, [...users], now));
	return rows.map((r) => ({
		...r,
		userIds: r.userIds.filter((u) => active.get(r.networkId)!.has(u))
	}));
}

/** Writes the reminder jobs for everything due around now; returns how many were new. */
export async function planReminders(ctx: Ctx): Promise<{ planned: number; digests: number }> {
	const now = ctx.now();
	const rows = await withMembers(ctx, await repo.listDue(ctx.db, planningWindow(now)));
	const prefs = await preferencesOf(ctx, [...new Set(rows.flatMap((r) => r.userIds))]);
	const jobs: NewJob[] = [];
	const digestsPlanned = new Set<string>();
	for (const row of rows)
		for (const userId of row.userIds) {
			const pref = prefs.get(userId)!;
			if (!pref.enabled) continue;
			if (pref.digest) {
				if (digestsPlanned.has(userId)) continue;
				digestsPlanned.add(userId);
				const { day, at } = nextDigestMoment(now, pref.zone);
				jobs.push({
					kind: 'reminder-digest',
					key: `reminder-digest:${userId}:${day}`,
					payload: { userId, day },
					runAt: at
				});
				continue;
			}
			for (const { offset, at } of remindersToPlan(row.kind, row.day, pref.zone, now)) {
				const payload: ReminderPayload = {
					kind: row.kind,
					subjectId: row.subjectId,
					moment: row.moment,
					day: row.day,
					offset,
					userId,
					networkId: row.networkId,
					commitmentId: row.commitmentId
				};
				jobs.push({
					kind: 'reminder',
					key: reminderKey(payload),
					payload,
					runAt: at,
					networkId: row.networkId
				});
			}
		}
	// Only what is new is written, in small transactions with a turn of the event loop between
	// them: most rounds find everything planned already and write nothing (no disk sync), and a
	// morning's reminders never hold SQLite's only connection for long. Each job is keyed, so a
	// round cut short by a crash is completed by the next one.
	let planned = 0;
	let digests = 0;
	for (let i = 0; i < jobs.length; i += PLAN_CHUNK) {
		const chunk = jobs.slice(i, i + PLAN_CHUNK);
		const existing = await existingJobKeys(
			ctx.db,
			chunk.map((j) => j.key)
		);
		const fresh = chunk.filter((j) => !existing.has(j.key));
		if (fresh.length)
			await ctx.db.transaction().execute(async (trx) => {
				for (const job of fresh) {
					if (!(await enqueue(trx, job, now))) continue;
					if (job.kind === 'reminder') planned++;
					else digests++;
				}
			});
		await new Promise((r) => setImmediate(r));
	}
	return { planned, digests };
}

/** Reminder jobs written per transaction by the planner. */
const PLAN_CHUNK = 500;

/** The planner runs again at the start of the next hour (one job per hour, across instances). */
export async function planNextRound(ctx: Ctx) {
	const next = new Date(ctx.now());
	next.setUTCMinutes(0, 0, 0);
	next.setUTCHours(next.getUTCHours() + 1);
	await enqueue(
		ctx.db,
		{
			kind: 'reminder-plan',
			key: `reminder-plan:${next.toISOString()}`,
			payload: {},
			runAt: next
		},
		ctx.now()
	);
}

/** Starts the hourly planning (at start-up: one planner round now, whichever instance runs it). */
export async function startReminderPlanning(ctx: Ctx) {
	const hour = new Date(ctx.now());
	hour.setUTCMinutes(0, 0, 0);
	await enqueue(
		ctx.db,
		{ kind: 'reminder-plan', key: `reminder-plan:${hour.toISOString()}`, payload: {} },
		ctx.now()
	);
}

/** Why a reminder no longer goes out, or null when it still applies. */
async function stillApplies(ctx: Ctx, p: ReminderPayload): Promise<string | null> {
	const [row] = (
		await withMembers(
			ctx,
			await repo.listDue(ctx.db, { from: p.day, to: p.day, subjectId: p.subjectId }, [p.kind])
		)
	).filter((r) => r.moment === p.moment);
	if (!row) return 'no longer due';
	if (!row.userIds.includes(p.userId)) return 'not a member or keeper any more';
	const pref = (await preferencesOf(ctx, [p.userId])).get(p.userId)!;
	if (!pref.enabled) return 'reminders turned off';
	if (pref.digest) return 'weekly digest chosen';
	return null;
}

const localeOf = (l: string | null | undefined): AppLocale => (l === 'en' || l === 'fr' ? l : 'nl');

/** A `reminder` job: sends the mail if the reminder still applies, in one transaction with its done mark. */
export async function sendReminder(run: JobRun) {
	const { ctx } = run;
	const p = run.payload as ReminderPayload;
	const why = await stillApplies(ctx, p);
	if (why) return run.complete(ctx.db, `cancelled: ${why}`, { clearPayload: true });
	const [person] = await repo.listRecipients(ctx.db, [p.userId]);
	if (!person) return run.complete(ctx.db, 'cancelled: no such person', { clearPayload: true });
	const pref = (await preferencesOf(ctx, [p.userId])).get(p.userId)!;
	const titles = await repo.findReminderTitles(ctx.db, {
		commitmentId: p.commitmentId,
		actionId: p.kind === 'action' ? p.subjectId : undefined,
		sessionId: p.kind === 'session' ? p.subjectId : undefined
	});
	const mail = reminderMail({
		payload: p,
		locale: localeOf(person.locale),
		zone: pref.zone,
		titles,
		publicUrl: ctx.publicUrl
	});
	await ctx.db.transaction().execute(async (trx) => {
		await ctx.mailer.send(
			{
				...mail,
				to: person.email,
				key: `mail:${run.job.key}`,
				networkId: p.networkId,
				queueAt: new Date(run.job.runAt)
			},
			trx
		);
		await run.complete(trx, 'sent', { clearPayload: true });
	});
}

/** A `reminder-digest` job: one mail with the week's reminders of every network of the person. */
export async function sendDigest(run: JobRun) {
	const { ctx } = run;
	const { userId, day } = run.payload as { userId: string; day: string };
	const pref = (await preferencesOf(ctx, [userId])).get(userId)!;
	if (!pref.enabled || !pref.digest)
		return run.complete(ctx.db, 'cancelled: digest no longer chosen', { clearPayload: true });
	const rows = (await withMembers(ctx, await repo.listDue(ctx.db, digestSpan(day)))).filter((r) =>
		r.userIds.includes(userId)
	);
	const [person] = await repo.listRecipients(ctx.db, [userId]);
	if (!person || rows.length === 0)
		return run.complete(ctx.db, 'nothing due', { clearPayload: true });
	const groups = [];
	for (const networkId of [...new Set(rows.map((r) => r.networkId))]) {
		const network = await repo.findNetworkName(ctx.db, networkId);
		const items = [];
		for (const r of rows.filter((x) => x.networkId === networkId))
			items.push({
				row: r,
				titles: await repo.findReminderTitles(ctx.db, {
					commitmentId: r.commitmentId,
					actionId: r.kind === 'action' ? r.subjectId : undefined,
					sessionId: r.kind === 'session' ? r.subjectId : undefined
				})
			});
		groups.push({ networkId, network: network?.name ?? '', items });
	}
	const mail = digestMail({
		day,
		locale: localeOf(person.locale),
		groups,
		publicUrl: ctx.publicUrl
	});
	await ctx.db.transaction().execute(async (trx) => {
		await ctx.mailer.send({ ...mail, to: person.email, key: `mail:${run.job.key}` }, trx);
		await run.complete(trx, 'sent', { clearPayload: true });
	});
}

/** What a person wants of reminders (the defaults when they never chose). */
export async function reminderPreference(ctx: Ctx, userId: string) {
	return (await preferencesOf(ctx, [userId])).get(userId)!;
}

/** Saves what a person wants of reminders; a single mail they already have planned is checked again when it is due. */
export async function saveReminderPreference(ctx: Ctx, actor: Actor, raw: unknown) {
	const input = parseInput(reminderPreferenceInput, raw);
	await repo.savePreference(ctx.db, {
		userId: actor.userId,
		enabled: input.enabled ? 1 : 0,
		digest: input.mode === 'digest' ? 1 : 0,
		timeZone: input.timeZone || null,
		updatedAt: ctx.now().toISOString()
	});
}
