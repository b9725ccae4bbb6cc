import * as m from '#lib/paraglide/messages.js';
import { formatDate } from '#lib/dates.ts';
import {
	actionStatusLabel,
	blockKindLabel,
	findingKindLabel,
	interviewRoleLabel,
	placeKindLabel,
	sourceKindLabel,
	stageLabel,
	tensionLabel
} from '#lib/locality.ts';
import type { Actor, Ctx } from '../../context.ts';
import { renderDocument, type Block, type DocumentFile } from '../../documents/index.ts';
import { withLocale } from '../../i18n/locale.ts';
import { findNetwork } from '../network/index.ts';
import { approachPage } from './view.ts';

type Plan = Awaited<ReturnType<typeof approachPage>>;

const facts = (rows: [string, string][]): Block => ({
	type: 'facts',
	rows: rows.filter(([, v]) => v.trim() !== '')
});

/**
 * The plan of approach as blocks: the place and people, the conclusions and improvement points
 * with what each rests on, and per building block its reason, its agreements and its actions.
 * A mediation's notes are never in it: the plan is shared, the notes are not.
 */
export function planBlocks(p: Plan): Block[] {
	const a = p.approach;
	const blocks: Block[] = [
		{ type: 'heading', level: 1, text: m.local_plan_document_title({ name: a.name }) },
		facts([
			[m.local_place_kind(), placeKindLabel(a.placeKind)],
			[m.local_stage(), stageLabel(a.stage)],
			[m.local_people(), a.people],
			[m.local_coordinator(), a.coordinator ?? ''],
			[m.local_team(), p.team.map((t) => t.name).join(', ')]
		])
	];
	const basisLine = (f: Plan['findings'][number]) =>
		[
			...f.interviews.map((i) => `${i.interviewee} (${interviewRoleLabel(i.role)})`),
			...f.sources.map((x) => `${x.title} (${sourceKindLabel(x.kind)})`)
		].join('; ');
	if (p.findings.length) {
		blocks.push({ type: 'heading', level: 2, text: m.local_findings_title() });
		for (const kind of ['conclusion', 'improvement'] as const) {
			const list = p.findings.filter((f) => f.kind === kind);
			if (!list.length) continue;
			blocks.push(
				{ type: 'heading', level: 3, text: findingKindLabel(kind) },
				{
					type: 'list',
					ordered: true,
					items: list.map((f) => ({
						text: f.text,
						items: basisLine(f) ? [m.local_rests_on({ basis: basisLine(f) })] : []
					}))
				}
			);
		}
	}
	blocks.push({ type: 'heading', level: 2, text: m.local_blocks_title() });
	if (!p.blocks.length) blocks.push({ type: 'paragraph', text: m.local_blocks_none() });
	for (const b of p.blocks) {
		blocks.push(
			{
				type: 'heading',
				level: 3,
				text: b.title ? `${blockKindLabel(b.kind)}: ${b.title}` : blockKindLabel(b.kind)
			},
			facts([
				[m.local_block_reason_label(), b.reason],
				[m.local_block_answers_label(), b.findings.map((f) => f.text).join(' · ')],
				[m.local_alliance_principles(), b.principles],
				[m.local_mediation_tension(), b.tension ? tensionLabel(b.tension) : ''],
				[m.local_mediation_parties(), b.parties],
				[m.local_mediation_outcome(), b.outcome],
				[m.local_mediator(), b.mediator ?? '']
			])
		);
		if (b.agreements.length)
			blocks.push({
				type: 'table',
				header: [m.local_agreement_what(), m.local_agreement_who()],
				rows: b.agreements.map((x) => [x.what, x.who || '–'])
			});
		blocks.push({ type: 'paragraph', text: m.local_actions_title() });
		blocks.push(
			b.actions.length
				? {
						type: 'list',
						ordered: false,
						items: b.actions.map((x) => ({
							text: `${x.title} – ${actionStatusLabel(x.status)}`,
							items: [
								x.owner ? `${m.local_action_owner()}: ${x.owner}` : '',
								x.stakeholders ? `${m.local_action_stakeholders()}: ${x.stakeholders}` : '',
								x.startsOn || x.dueOn
									? `${m.local_action_when()}: ${[x.startsOn, x.dueOn].map((d) => (d ? formatDate(d) : '…')).join(' – ')}`
									: ''
							].filter(Boolean)
						}))
					}
				: { type: 'paragraph', text: m.local_actions_none() }
		);
	}
	return blocks;
}

/** The plan of approach as Word or PDF, in the network's language. */
export async function exportPlan(
	ctx: Ctx,
	actor: Actor | null,
	networkId: string,
	approachId: string,
	format: 'docx' | 'pdf'
): Promise<DocumentFile> {
	const data = await approachPage(ctx, actor, networkId, approachId);
	const network = await findNetwork(ctx.db, networkId);
	const lang = network?.language ?? 'nl';
	const blocks = withLocale(lang, ctx.publicUrl, () => planBlocks(data));
	const title = withLocale(lang, ctx.publicUrl, () =>
		m.local_plan_document_title({ name: data.approach.name })
	);
	return renderDocument(format, { blocks, lang, title, fallback: 'plan' });
}
