import * as m from '#lib/paraglide/messages.js';
import {
	changeLabel,
	CHECKIN_POINTS,
	commitmentStateLabel,
	fundingLabel,
	pointLabel,
	roleLabel
} from '#lib/commitment.ts';
import { formatDate } from '#lib/dates.ts';
import type { Actor, Ctx } from '../../context.ts';
import type { AppLocale } from '../../db/types.ts';
import { renderDocument, type Block, type DocumentFile } from '../../documents/index.ts';
import { withLocale } from '../../i18n/locale.ts';
import { getCommitment } from './commitment.read.ts';
import { findOwnerLocale } from './commitment.repository.ts';

type Commitment = Awaited<ReturnType<typeof getCommitment>>;

const facts = (rows: [string, string][]): Block => ({
	type: 'facts',
	rows: rows.filter(([, v]) => v.trim() !== '')
});

/** The commitment and its plan as blocks: what it is, the plan, funding, each sprint with its check-ins. */
export function commitmentBlocks(d: Commitment): Block[] {
	const c = d.commitment;
	const owners = d.owners.map((o) => o.name).join(', ');
	const blocks: Block[] = [
		{ type: 'heading', level: 1, text: c.title },
		facts([
			[m.commitment_owner(), owners],
			[m.commitment_state_label(), commitmentStateLabel(c.state)],
			[m.field_commitment_why(), c.why],
			[m.field_commitment_first_step(), c.firstStep],
			[m.field_commitment_needs(), c.needs],
			[m.field_commitment_thresholds(), c.thresholds]
		]),
		{ type: 'heading', level: 2, text: m.plan_title() },
		facts([
			[m.field_plan_hundred_days(), d.plan.hundredDays],
			[
				m.field_plan_hundred_days_on(),
				d.plan.hundredDaysOn ? formatDate(d.plan.hundredDaysOn) : ''
			],
			[
				m.plan_roles_legend(),
				[...d.plan.roles.map(roleLabel), d.plan.rolesOther].filter(Boolean).join(', ')
			],
			[m.field_plan_values(), d.plan.valuesText],
			[m.field_plan_superpowers(), d.plan.superpowers],
			[m.field_plan_council(), d.plan.council]
		]),
		{ type: 'heading', level: 2, text: m.funding_title() },
		{
			type: 'table',
			header: [m.funding_title(), `${m.field_funding_funds()} / ${m.field_funding_source()}`],
			rows: d.funding.map((f) => [
				fundingLabel(f.size),
				[f.funds, f.source].filter(Boolean).join(' – ') || '–'
			])
		},
		{ type: 'heading', level: 2, text: m.sprints_title() }
	];
	d.sprints.forEach((s, i) => {
		blocks.push({
			type: 'heading',
			level: 3,
			text: m.sprint_heading({
				number: i + 1,
				start: formatDate(s.startsOn),
				end: formatDate(s.endsOn)
			})
		});
		if (s.actions.length)
			blocks.push({
				type: 'list',
				ordered: false,
				items: s.actions.map((a) =>
					[
						a.title,
						a.doneAt
							? m.action_done_on({ date: formatDate(a.doneAt) })
							: a.dueOn
								? m.action_due({ date: formatDate(a.dueOn) })
								: ''
					]
						.filter(Boolean)
						.join(' – ')
				)
			});
		for (const [title, ck] of [
			[m.checkin_title_start(), s.start],
			[m.checkin_title_end(), s.end]
		] as const)
			if (ck)
				blocks.push(
					{ type: 'paragraph', text: title },
					facts(
						CHECKIN_POINTS.map((p) => [
							pointLabel(p),
							ck.points[p]
								? `${m.checkin_score({ score: ck.points[p].score })}${ck.points[p].note ? ` – ${ck.points[p].note}` : ''}`
								: '–'
						])
					)
				);
		if (s.comparison)
			blocks.push({
				type: 'table',
				header: [m.comparison_point(), m.comparison_change()],
				rows: s.comparison.map((r) => [pointLabel(r.point), changeLabel(r.change)])
			});
	});
	return blocks;
}

/** The blocks of a commitment's document, in its owner's language, for whoever may see it. */
export async function commitmentDocument(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	commitmentId: string
) {
	const data = await getCommitment(ctx, actor, networkId, commitmentId);
	const locale: AppLocale = await findOwnerLocale(ctx.db, data.commitment.ownerId);
	const blocks = withLocale(locale, ctx.publicUrl, () => commitmentBlocks(data));
	return { blocks, locale, title: data.commitment.title };
}

/** The commitment with its plan as Word or PDF (made in the documents worker). */
export async function exportCommitment(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	commitmentId: string,
	format: 'docx' | 'pdf'
): Promise<DocumentFile> {
	const doc = await commitmentDocument(ctx, actor, networkId, commitmentId);
	return renderDocument(format, {
		blocks: doc.blocks,
		lang: doc.locale,
		title: doc.title,
		fallback: 'engagement'
	});
}
