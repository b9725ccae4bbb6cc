import { todayIn, wallClockToInstant } from '#lib/dates.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Ctx } from '../../context.ts';
import type { AppLocale } from '../../db/types.ts';
import { enqueue, existingJobKeys, type NewJob } from '../../jobs/index.ts';
import type { JobRun } from '../../jobs/worker.ts';
import { renderMail } from '../../mail/render.ts';
import { reminderPreference } from '../commitment/index.ts';
import * as repo from './partner.repository.ts';
import { dueOn } from './view.ts';

/**
 * A reminder when a partner's re-evaluation falls due (by default a year after the latest own
 * evaluation). The hourly reminder planner calls `planPartnerReviews`: one keyed job per partner
 * and due day, at 09:00 on that day (or now, when the day has passed without one). When the job
 * runs it checks again that the partner is still due on that day (not scored again, interval not
 * changed) and mails the member who scored it last, or the one who added it, if they still keep
 * the organisation's inventory and want reminders. The mail and the done mark are one transaction.
 */

export interface PartnerReviewPayload {
	partnerId: string;
	networkId: string;
	dueOn: string;
}

const SEND_AT = '09:00';

/** Writes a job for every partner whose re-evaluation falls due by tomorrow; returns how many were new. */
export async function planPartnerReviews(ctx: Ctx) {
	const now = ctx.now();
	const tomorrow = todayIn(new Date(now.getTime() + 86_400_000));
	const jobs: NewJob[] = [];
	for (const p of await repo.listLatestOwnEvaluations(ctx.db)) {
		if (!p.latestOn) continue;
		const due = dueOn(String(p.latestOn), p.reviewMonths);
		if (due > tomorrow) continue;
		const at = wallClockToInstant(`${due}T${SEND_AT}`);
		jobs.push({
			kind: 'partner-review',
			key: `partner-review:${p.id}:${due}`,
			payload: {
				partnerId: p.id,
				networkId: p.networkId,
				dueOn: due
			} satisfies PartnerReviewPayload,
			runAt: at < now ? now : at,
			networkId: p.networkId
		});
	}
	if (!jobs.length) return 0;
	const existing = await existingJobKeys(
		ctx.db,
		jobs.map((j) => j.key)
	);
	let planned = 0;
	for (const job of jobs.filter((j) => !existing.has(j.key)))
		if (await enqueue(ctx.db, job, now)) planned++;
	return planned;
}

const localeOf = (l: string | null | undefined): AppLocale => (l === 'en' || l === 'fr' ? l : 'nl');

/** A `partner-review` job: the mail, if the re-evaluation is still due and someone keeps the partner. */
export async function sendPartnerReview(run: JobRun) {
	const { ctx } = run;
	const p = run.payload as PartnerReviewPayload;
	const cancel = (why: string) => run.complete(ctx.db, `cancelled: ${why}`, { clearPayload: true });
	const partner = await repo.findPartner(ctx.db, p.networkId, p.partnerId);
	if (!partner || partner.isProspective) return cancel('no such partner');
	const latest = (await repo.listLatestOwnEvaluations(ctx.db)).find((r) => r.id === partner.id);
	if (!latest?.latestOn || dueOn(String(latest.latestOn), partner.reviewMonths) !== p.dueOn)
		return cancel('scored again or interval changed');
	const candidates = [await repo.latestEvaluator(ctx.db, partner.id), partner.createdBy].filter(
		(u): u is string => u !== null
	);
	const keepers = await repo.keepersAmong(
		ctx.db,
		partner.networkId,
		partner.organisationId,
		candidates,
		ctx.now().toISOString()
	);
	const person = candidates.map((id) => keepers.find((k) => k.id === id)).find((k) => k);
	if (!person) return cancel('nobody keeps this partner any more');
	if (!(await reminderPreference(ctx, person.id)).enabled) return cancel('reminders turned off');
	const locale = localeOf(person.locale);
	const o = { locale };
	const subject = m.mail_partner_review_subject({ partner: partner.name }, o);
	const { text, html } = renderMail({
		lang: locale,
		heading: subject,
		paragraphs: [m.mail_partner_review_body({ partner: partner.name }, o)],
		link: {
			href: `${ctx.publicUrl}/networks/${partner.networkId}/partners/${partner.id}#evaluate-title`,
			label: m.mail_partner_review_link({}, o)
		},
		more: [
			{ href: `${ctx.publicUrl}/account/reminders`, label: m.mail_reminder_settings_link({}, o) }
		]
	});
	await ctx.db.transaction().execute(async (trx) => {
		await ctx.mailer.send(
			{
				subject,
				text,
				html,
				kind: 'partner_review',
				to: person.email,
				key: `mail:${run.job.key}`,
				networkId: partner.networkId
			},
			trx
		);
		await run.complete(trx, 'sent', { clearPayload: true });
	});
}
