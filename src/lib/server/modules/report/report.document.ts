import { formatSessionDate } from '#lib/dates.ts';
import * as m from '#lib/paraglide/messages.js';
import { kindLabel } from '#lib/step-kinds.ts';
import type { QuestionBlock } from '#lib/live-results.ts';
import type { Report } from './report.service.ts';
import type { Block } from '../../documents/index.ts';
import type { ReportImage } from './report.schema.ts';
import { resourceKindLabel } from '#lib/resource-kinds.ts';

/**
 * The report as document blocks in the network's language: the page, the Markdown, Word and
 * PDF exports are all written from these, so they always say the same.
 */
export type { Block };

const formatWhen = (startsAt: string, locale: string) => formatSessionDate(startsAt, { locale });

export function reportBlocks(r: Report, publicUrl = ''): Block[] {
	const o = { locale: r.lang };
	const b: Block[] = [];
	const files = `${publicUrl}/networks/${r.networkId}/files/`;
	const images = (list: ReportImage[]) => {
		for (const i of list)
			b.push({
				type: 'image',
				fileId: i.fileId,
				alt: i.alt,
				width: i.width,
				height: i.height,
				url: files + i.fileId
			});
	};
	const title = r.session.number
		? m.report_title_numbered({ number: r.session.number, title: r.session.title }, o)
		: r.session.title;
	b.push({ type: 'heading', level: 1, text: title });
	const facts: [string, string][] = [[m.report_network({}, o), r.network]];
	if (r.session.startsAt)
		facts.push([m.report_when({}, o), formatWhen(r.session.startsAt, r.lang)]);
	const where = [r.session.place, r.session.host].filter(Boolean).join(', ');
	if (where) facts.push([m.report_where({}, o), where]);
	if (r.session.facilitators.length)
		facts.push([m.report_facilitators({}, o), r.session.facilitators.join(', ')]);
	facts.push([
		m.report_participants({}, o),
		r.participants.count
			? `${r.participants.count}: ${r.participants.names.join(', ')}`
			: String(r.participants.count)
	]);
	if (r.session.theme) facts.push([m.report_theme({}, o), r.session.theme]);
	b.push({ type: 'facts', rows: facts });
	if (r.houseRules.trim()) {
		b.push({ type: 'heading', level: 2, text: m.report_house_rules({}, o) });
		b.push({ type: 'paragraph', text: r.houseRules.trim() });
	}
	if (r.intro) b.push({ type: 'paragraph', text: r.intro });
	images(r.images);
	if (r.session.objectives) {
		b.push({ type: 'heading', level: 2, text: m.report_objectives({}, o) });
		b.push({ type: 'paragraph', text: r.session.objectives });
	}
	if (r.agenda.length) {
		b.push({ type: 'heading', level: 2, text: m.report_agenda({}, o) });
		b.push({
			type: 'list',
			ordered: true,
			items: r.agenda.map(
				(s) =>
					`${s.title} (${kindLabel(s.kind, r.lang)}${s.minutes ? `, ${m.report_minutes({ minutes: s.minutes }, o)}` : ''})`
			)
		});
	}
	const questions = (qs: QuestionBlock[]) => {
		for (const q of qs) {
			if (q.text) b.push({ type: 'heading', level: 3, text: q.text });
			b.push(
				q.answers.length
					? { type: 'list', ordered: false, items: q.answers.map((a) => a.text) }
					: { type: 'paragraph', text: m.answers_none({}, o) }
			);
		}
	};
	// Post-its voted on are listed once, ranked in their vote with their theme and what was merged
	// into them; their round then says where to find them.
	const rankedIn = new Map<string, string>();
	for (const s of r.sections)
		if (s.results.kind === 'tally' && !s.results.hidden)
			for (const row of s.results.rows) if (!rankedIn.has(row.id)) rankedIn.set(row.id, s.title);
	const postitNotes = new Map<string, { theme: string | null; merged: string[] }>();
	for (const s of r.sections)
		if (s.results.kind === 'postits')
			for (const c of s.results.clusters)
				for (const i of c.items) postitNotes.set(i.id, { theme: c.name, merged: i.merged });
	const rankedText = (id: string, text: string) => {
		const n = postitNotes.get(id);
		const extra = [
			n?.merged.length ? n.merged.join('; ') : '',
			n?.theme ? m.report_theme_of({ theme: n.theme }, o) : ''
		].filter(Boolean);
		return extra.length ? `${text} (${extra.join('; ')})` : text;
	};
	for (const s of r.sections) {
		b.push({ type: 'heading', level: 2, text: s.title, anchor: `step-${s.id}` });
		if (s.prompt) b.push({ type: 'paragraph', text: s.prompt });
		if (s.anonymous) b.push({ type: 'paragraph', text: m.report_anonymous({}, o) });
		if (s.note) b.push({ type: 'paragraph', text: s.note });
		images(s.images);
		const res = s.results;
		const items = res.kind === 'postits' ? res.clusters.flatMap((c) => c.items) : [];
		const votedIn =
			items.length && items.every((i) => rankedIn.has(i.id)) ? rankedIn.get(items[0]!.id) : null;
		if (res.kind === 'postits' && votedIn) {
			b.push({
				type: 'paragraph',
				text: m.report_postits_ranked_in({ count: items.length, vote: votedIn }, o)
			});
		} else if (res.kind === 'postits') {
			for (const c of res.clusters) {
				if (c.name) b.push({ type: 'heading', level: 3, text: c.name });
				else if (res.clusters.length > 1)
					b.push({ type: 'heading', level: 3, text: m.report_other_postits({}, o) });
				b.push({
					type: 'list',
					ordered: false,
					items: c.items.map((i) =>
						i.merged.length ? `${i.text} (${i.merged.join('; ')})` : i.text
					)
				});
			}
		} else if (res.kind === 'tally') {
			b.push({ type: 'paragraph', text: m.vote_voters({ count: res.voters }, o) });
			if (res.hidden) b.push({ type: 'paragraph', text: m.vote_tally_hidden({}, o) });
			else
				b.push({
					type: 'table',
					header: [m.report_postit({}, o), m.report_dots({}, o)],
					rows: res.rows.map((row) => [rankedText(row.id, row.text), String(row.dots)])
				});
		} else if (res.kind === 'qna') {
			// The questions the room asked, the most wanted first; never who asked.
			b.push({
				type: 'table',
				header: [m.report_question({}, o), m.report_upvotes({}, o)],
				rows: res.questions.map((q) => [
					q.answered ? `${q.text} (${m.qna_answered({}, o).toLowerCase()})` : q.text,
					String(q.votes)
				])
			});
		} else if (res.kind === 'poll') {
			b.push({ type: 'paragraph', text: m.poll_voters({ count: res.voters }, o) });
			b.push({
				type: 'table',
				header: [m.report_choice({}, o), m.report_times_chosen({}, o)],
				rows: res.choices.map((c) => [
					res.scale ? m.poll_scale_label({ point: c.text }, o) : c.text,
					String(c.count)
				])
			});
		} else if (res.kind === 'checkin') {
			b.push({
				type: 'paragraph',
				text: m.checkback_counts(
					{ kept: res.counts.kept, partly: res.counts.partly, notYet: res.counts.notYet },
					o
				)
			});
			b.push({
				type: 'paragraph',
				text: m.checkback_reported_of({ reported: res.reported, open: res.open }, o)
			});
			if (res.lines.length) {
				b.push({ type: 'heading', level: 3, text: m.checkback_lines_title({}, o) });
				b.push({ type: 'list', ordered: false, items: res.lines.map((l) => l.text) });
			}
		} else if (res.kind === 'answers') {
			if (res.groups.length)
				for (const g of res.groups) {
					b.push({
						type: 'heading',
						level: 3,
						text: g.title
							? m.group_title({ number: g.number, title: g.title }, o)
							: m.group_numbered({ number: g.number }, o)
					});
					b.push({
						type: 'paragraph',
						text: `${m.group_members({ count: g.memberCount }, o)}${g.members.length ? `: ${g.members.map((x) => x.name).join(', ')}` : ''}`
					});
					questions(g.questions);
				}
			else questions(res.questions);
		}
	}
	if (r.resources.length) {
		b.push({ type: 'heading', level: 2, text: m.report_resources({}, o) });
		b.push({
			type: 'list',
			ordered: false,
			items: r.resources.map((x) =>
				[
					`${x.title} (${resourceKindLabel(x.kind, r.lang)})`,
					x.url,
					x.fileId ? `${x.fileName} – ${files}${x.fileId}` : '',
					x.description
				]
					.filter(Boolean)
					.join(' – ')
			)
		});
	}
	if (r.closing) {
		b.push({ type: 'heading', level: 2, text: m.report_closing({}, o) });
		b.push({ type: 'paragraph', text: r.closing });
	}
	if (r.next) {
		b.push({ type: 'heading', level: 2, text: m.report_next({}, o) });
		b.push({ type: 'paragraph', text: r.next });
	}
	return b;
}
