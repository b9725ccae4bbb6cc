import { describe, expect, it } from 'vitest';
import type { StepResults } from './live-results.ts';
import { gridShape, projectorPages, type ProjectorPage } from './projector-pages.ts';

const postits = (themes: number, total: number): StepResults => {
	const clusters = Array.from({ length: themes }, (_, t) => ({
		name: themes > 1 ? `Thema ${t + 1}` : null,
		items: [] as { id: string; text: string; merged: string[] }[]
	}));
	for (let i = 0; i < total; i++)
		clusters[i % themes]!.items.push({ id: `p${i}`, text: `Post-it ${i}`, merged: [] });
	return { kind: 'postits', clusters, total };
};
const cardsOn = (p: ProjectorPage) =>
	p.kind === 'grid'
		? p.cards.map((c) => c.id)
		: p.kind === 'columns'
			? p.columns.flatMap((c) => c.blocks.flatMap((b) => b.lines.map((l) => l.id)))
			: [];

describe('the projector pages', () => {
	it('lays out a wall without themes from its count', () => {
		expect(gridShape(1)).toEqual({ cols: 1, rows: 1 });
		expect(gridShape(4)).toEqual({ cols: 2, rows: 2 });
		expect(gridShape(7)).toEqual({ cols: 4, rows: 2 });
		expect(gridShape(12)).toEqual({ cols: 4, rows: 3 });
		const [page] = projectorPages(postits(1, 5));
		expect(page).toMatchObject({ kind: 'grid', cols: 3, rows: 2 });
	});

	it('spreads a long wall evenly over pages, and each post-it is on exactly one page', () => {
		const pages = projectorPages(postits(1, 13));
		expect(pages.map((p) => cardsOn(p).length)).toEqual([7, 6]);
		const all = pages.flatMap(cardsOn);
		expect(new Set(all).size).toBe(13);
		expect(all).toHaveLength(13);
	});

	it('puts less on a page at each density, down to one post-it', () => {
		const counts = [0, 1, 2, 3].map((d) => projectorPages(postits(1, 24), { density: d }).length);
		expect(counts).toEqual([2, 4, 8, 24]);
	});

	it('shows 40 post-its in 12 themes as labelled columns, a long theme continued', () => {
		const r = postits(12, 40);
		// One theme gets many more post-its than fit in a column.
		const extra = Array.from({ length: 9 }, (_, i) => ({
			id: `x${i}`,
			text: `Extra ${i}`,
			merged: []
		}));
		if (r.kind === 'postits') r.clusters[0]!.items.push(...extra);
		const pages = projectorPages(r);
		const blocks = pages
			.flatMap((p) => (p.kind === 'columns' ? p.columns : []))
			.flatMap((c) => c.blocks);
		expect(pages.every((p) => p.kind === 'columns' && p.columns.length <= 4)).toBe(true);
		const first = blocks.filter((b) => b.heading === 'Thema 1');
		expect(first.length).toBeGreaterThan(1);
		expect(first.map((b) => b.continued)).toEqual([false, ...first.slice(1).map(() => true)]);
		// Nothing lost, nothing twice, and no column over its rows (a heading counts as a row).
		const all = pages.flatMap(cardsOn);
		expect(new Set(all).size).toBe(49);
		expect(all).toHaveLength(49);
		for (const p of pages)
			if (p.kind === 'columns')
				for (const c of p.columns)
					expect(c.blocks.reduce((n, b) => n + 1 + b.lines.length, 0)).toBeLessThanOrEqual(6);
	});

	it('pages a vote of 40 items and keeps the rank across pages; a hidden tally shows no rows', () => {
		const rows = Array.from({ length: 40 }, (_, i) => ({
			id: `r${i}`,
			text: `Idee ${i}`,
			dots: 40 - i
		}));
		const pages = projectorPages({ kind: 'tally', hidden: false, rows, voters: 12 });
		expect(pages).toHaveLength(5);
		const ranks = pages.flatMap((p) => (p.kind === 'tally' ? p.rows.map((r) => r.rank) : []));
		expect(ranks).toEqual(rows.map((_, i) => i + 1));
		const hidden = projectorPages({ kind: 'tally', hidden: true, rows, voters: 12 });
		expect(hidden).toEqual([{ kind: 'tally', hidden: true, voters: 12, top: 40, rows: [] }]);
	});

	it('shows 6 groups × 4 questions × 5 lines as titled columns without a question heading left alone', () => {
		const groups = Array.from({ length: 6 }, (_, g) => ({
			id: `g${g}`,
			number: g + 1,
			title: `Groep ${g + 1}`,
			members: [],
			memberCount: 2,
			questions: Array.from({ length: 4 }, (_, q) => ({
				index: q,
				text: `Vraag ${q + 1}`,
				answers: Array.from({ length: 5 }, (_, a) => ({
					id: `g${g}q${q}a${a}`,
					text: `Antwoord ${a}`,
					mine: false
				}))
			}))
		}));
		const pages = projectorPages(
			{ kind: 'answers', anonymous: false, questions: [], groups },
			{ groupTitle: (g) => `${g.number}: ${g.title}` }
		);
		const columns = pages.flatMap((p) => (p.kind === 'columns' ? p.columns : []));
		expect(pages.every((p) => p.kind === 'columns' && p.columns.length <= 3)).toBe(true);
		expect(columns[0]!.blocks[0]!.heading).toBe('1: Groep 1');
		const lines = columns.flatMap((c) => c.blocks.flatMap((b) => b.lines));
		expect(lines.filter((l) => l.kind === 'line')).toHaveLength(120);
		for (const c of columns)
			for (const b of c.blocks) {
				expect(b.lines.at(-1)?.kind).not.toBe('sub');
				// A part that goes on with a question's answers says which question they answer.
				expect(b.lines[0]?.kind).toBe('sub');
			}
	});

	it('spreads what fits on one page over its columns instead of stacking it in one', () => {
		const questions = ['racisme', 'dekolonisering', 'stereotypen', 'vooroordelen'].map(
			(text, index) => ({
				index,
				text,
				answers:
					index % 2
						? []
						: [
								{ id: `a${index}`, text: 'x', mine: false },
								{ id: `b${index}`, text: 'y', mine: false }
							]
			})
		);
		const pages = projectorPages({ kind: 'answers', anonymous: true, groups: [], questions });
		expect(pages).toHaveLength(1);
		const page = pages[0]!;
		if (page.kind !== 'columns') throw new Error('columns expected');
		// Rows 3, 2, 3, 2 over at most three columns: the lowest columns are two of five.
		expect(page.columns.map((c) => c.blocks.map((b) => b.heading))).toEqual([
			['racisme', 'dekolonisering'],
			['stereotypen', 'vooroordelen']
		]);
	});

	it('starts a column that goes on in the middle of a question with that question again', () => {
		const answers = Array.from({ length: 20 }, (_, a) => ({
			id: `a${a}`,
			text: `A ${a}`,
			mine: false
		}));
		const group = { id: 'g', number: 1, title: '', members: [], memberCount: 1 };
		const pages = projectorPages({
			kind: 'answers',
			anonymous: false,
			questions: [],
			groups: [{ ...group, questions: [{ index: 0, text: 'Vraag', answers }] }]
		});
		const blocks = pages
			.flatMap((p) => (p.kind === 'columns' ? p.columns : []))
			.flatMap((c) => c.blocks);
		expect(blocks.length).toBeGreaterThan(1);
		expect(blocks.map((b) => b.lines[0])).toEqual(
			blocks.map((_, i) => ({ kind: 'sub', id: i ? `g-q0#${i}` : 'g-q0', text: 'Vraag' }))
		);
		expect(blocks.flatMap((b) => b.lines).filter((l) => l.kind === 'line')).toHaveLength(20);
	});

	it('says "no answers yet" under a question nobody answered, and nothing came in is one page', () => {
		const pages = projectorPages(
			{
				kind: 'answers',
				anonymous: false,
				groups: [],
				questions: [{ index: 0, text: '', answers: [] }]
			},
			{ answerLabel: 'Antwoord' }
		);
		expect(pages).toEqual([
			{
				kind: 'columns',
				columns: [
					{
						key: 'q0#0',
						blocks: [
							{
								key: 'q0#0',
								heading: 'Antwoord',
								continued: false,
								lines: [{ kind: 'none', id: 'q0-none' }]
							}
						]
					}
				]
			}
		]);
		expect(projectorPages({ kind: 'none' })).toEqual([{ kind: 'nothing' }]);
		const counts = { kept: 1, partly: 0, notYet: 0 };
		expect(projectorPages({ kind: 'checkin', counts, open: 2, reported: 1, lines: [] })).toEqual([
			{ kind: 'columns', columns: [], counts: { counts, open: 2, reported: 1 } }
		]);
		expect(projectorPages(postits(1, 0))).toEqual([{ kind: 'empty' }]);
	});
});
