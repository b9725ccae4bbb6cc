import type { StepResults } from './live-results.ts';

/**
 * The projector's pages. The projector never scrolls: what came in on a step is cut into pages
 * that each fit one screen, and the page turns by itself or by the facilitator. How much goes
 * on a page depends on the density: the screen starts at 0 and, when even its smallest type does
 * not fit (long post-its, a small TV), asks for the next density, with less on each page.
 */
export const DENSITIES = 4;

/** One line in a column: a post-it card, an answer, a question heading, or "no answers yet". */
export type WallLine =
	| { kind: 'card'; id: string; text: string; merged: number }
	| { kind: 'line'; id: string; text: string }
	| { kind: 'sub'; id: string; text: string }
	| { kind: 'none'; id: string };

/** A theme, a group or a question on a page: its heading, and "continued" when it began before. */
export interface WallBlock {
	key: string;
	heading: string | null;
	continued: boolean;
	lines: WallLine[];
}

export type ProjectorPage =
	/** A step that collects nothing (a talk, a pair talk): its prompt is all the screen shows. */
	| { kind: 'nothing' }
	/** Nothing came in yet. */
	| { kind: 'empty' }
	/** Post-its without themes: a grid laid out from their number. */
	| {
			kind: 'grid';
			cols: number;
			rows: number;
			cards: { id: string; text: string; merged: number }[];
	  }
	/** Themes, groups or questions: columns of blocks; a check-in's counts above them. */
	| { kind: 'columns'; columns: { key: string; blocks: WallBlock[] }[]; counts?: CheckinCounts }
	| {
			kind: 'tally';
			hidden: boolean;
			voters: number;
			top: number;
			/** What is counted: dots of a vote, upvotes of a Q&A's questions, choices of a poll. */
			measure?: 'dots' | 'upvotes' | 'choices';
			rows: { id: string; text: string; dots: number; rank: number; answered?: boolean }[];
	  };

/** A commitment check-in's counts, on every page of its lines. */
export interface CheckinCounts {
	counts: { kept: number; partly: number; notYet: number };
	reported: number;
	open: number;
}

/** What fits on one page at each density. */
const GRID_CARDS = [12, 6, 3, 1];
const CARD_COLUMNS = { cols: [4, 3, 2, 1], rows: [6, 5, 4, 2] };
const LINE_COLUMNS = { cols: [3, 3, 2, 1], rows: [14, 10, 7, 4] };
const TALLY_ROWS = [8, 6, 4, 2];

/** Columns × rows for n cards on a wide screen (16:9) or a squarer one. */
export function gridShape(n: number, wide = true): { cols: number; rows: number } {
	if (n <= 0) return { cols: 1, rows: 1 };
	const table: [number, number][] = wide
		? [
				[1, 1],
				[2, 1],
				[3, 1],
				[2, 2],
				[3, 2],
				[3, 2],
				[4, 2],
				[4, 2],
				[3, 3],
				[4, 3],
				[4, 3],
				[4, 3]
			]
		: [];
	const hit = table[n - 1];
	if (hit) return { cols: hit[0], rows: hit[1] };
	const cols = wide ? Math.ceil(Math.sqrt((n * 16) / 9)) : Math.ceil(Math.sqrt(n));
	return { cols, rows: Math.ceil(n / cols) };
}

const level = (density: number) => Math.max(0, Math.min(DENSITIES - 1, Math.floor(density)));

function chunk<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/**
 * Packs blocks into columns of at most `rows` rows (a heading counts as a row), splitting a block
 * that is too long into parts marked "continued", and letting small blocks share a column; then
 * the columns into pages of at most `cols`.
 */
function packColumns(
	blocks: { key: string; heading: string | null; lines: WallLine[] }[],
	cols: number,
	rows: number
): ProjectorPage[] {
	// Everything fits on one page: spread it over the columns, evenly (the smallest column
	// height that fits the blocks, in order, in as many columns as the page has), rather than
	// stacking small blocks in one column beside empty ones.
	const sizes = blocks.map((b) => (b.heading === null ? 0 : 1) + b.lines.length);
	const total = sizes.reduce((a, b) => a + b, 0);
	const tallest = Math.max(0, ...sizes);
	if (blocks.length > 1 && total <= cols * rows && tallest <= rows) {
		const k = Math.min(cols, blocks.length);
		const columnsAt = (cap: number) => {
			let n = 1;
			let used = 0;
			for (const size of sizes) {
				if (used + size > cap) {
					n += 1;
					used = size;
				} else used += size;
			}
			return n;
		};
		let lo = tallest;
		let hi = total;
		while (lo < hi) {
			const mid = Math.floor((lo + hi) / 2);
			if (columnsAt(mid) <= k) hi = mid;
			else lo = mid + 1;
		}
		rows = lo;
	}
	const columns: { key: string; blocks: WallBlock[] }[] = [];
	let column: WallBlock[] = [];
	let used = 0;
	const close = () => {
		if (column.length) columns.push({ key: column.map((b) => b.key).join('|'), blocks: column });
		column = [];
		used = 0;
	};
	for (const b of blocks) {
		const head = b.heading === null ? 0 : 1;
		// A block that fits in what is left of the column shares it; otherwise it starts a new one.
		if (used > 0 && used + head + b.lines.length > rows) close();
		let lines = b.lines;
		let part = 0;
		let question: WallLine | undefined;
		do {
			// A part that goes on in the middle of a question starts with that question again.
			if (part > 0 && question && lines[0]?.kind !== 'sub')
				lines = [{ ...question, id: `${question.id}#${part}` }, ...lines];
			const room = Math.max(1, rows - used - head);
			let take = Math.min(room, lines.length);
			// A question heading is not left alone at the foot of a column.
			if (take < lines.length && take > 1 && lines[take - 1]?.kind === 'sub') take -= 1;
			column.push({
				key: `${b.key}#${part}`,
				heading: b.heading,
				continued: part > 0,
				lines: lines.slice(0, take)
			});
			used += head + take;
			question = lines.slice(0, take).findLast((l) => l.kind === 'sub') ?? question;
			lines = lines.slice(take);
			part += 1;
			if (lines.length) close();
		} while (lines.length);
	}
	close();
	return chunk(columns, cols).map((c) => ({ kind: 'columns', columns: c }));
}

/** The pages for a step's results at a density (0 is the most on a page). */
export function projectorPages(
	results: StepResults,
	options: {
		density?: number;
		wide?: boolean;
		/** A group's heading, in the screen's language. */
		groupTitle?: (g: { number: number; title: string }) => string;
		/** The heading of a question without words of its own. */
		answerLabel?: string;
	} = {}
): ProjectorPage[] {
	const d = level(options.density ?? 0);
	const wide = options.wide ?? true;
	const groupTitle = options.groupTitle ?? ((g) => [g.number, g.title].filter(Boolean).join('. '));
	const answerLabel = options.answerLabel ?? '';
	switch (results.kind) {
		case 'none':
			return [{ kind: 'nothing' }];
		case 'postits': {
			if (results.total === 0) return [{ kind: 'empty' }];
			const card = (i: { id: string; text: string; merged: string[] }) => ({
				id: i.id,
				text: i.text,
				merged: i.merged.length
			});
			const themed = results.clusters.some((c) => c.name);
			if (!themed) {
				const cards = results.clusters.flatMap((c) => c.items.map(card));
				const size = GRID_CARDS[d]!;
				// Even pages: 13 cards become 7 + 6, not 12 + 1.
				const pages = Math.ceil(cards.length / size);
				const per = Math.ceil(cards.length / pages);
				return chunk(cards, per).map((c) => ({
					kind: 'grid',
					...gridShape(c.length, wide),
					cards: c
				}));
			}
			return packColumns(
				results.clusters.map((c) => ({
					key: c.name ?? '',
					heading: c.name,
					lines: c.items.map((i) => ({ kind: 'card' as const, ...card(i) }))
				})),
				CARD_COLUMNS.cols[d]!,
				CARD_COLUMNS.rows[d]!
			);
		}
		case 'tally': {
			const top = Math.max(1, ...results.rows.map((r) => r.dots));
			const ranked = results.rows.map((r, i) => ({ ...r, rank: i + 1 }));
			const base = { kind: 'tally' as const, hidden: results.hidden, voters: results.voters, top };
			if (results.hidden || !ranked.length) return [{ ...base, rows: [] }];
			return chunk(ranked, TALLY_ROWS[d]!).map((rows) => ({ ...base, rows }));
		}
		case 'qna': {
			// The most wanted questions first; answered ones keep their place at the end.
			const rows = results.questions.map((q, i) => ({
				id: q.id,
				text: q.text,
				dots: q.votes,
				rank: i + 1,
				answered: q.answered
			}));
			const base = {
				kind: 'tally' as const,
				hidden: false,
				voters: 0,
				top: Math.max(1, ...rows.map((r) => r.dots)),
				measure: 'upvotes' as const
			};
			if (!rows.length) return [{ kind: 'empty' }];
			return chunk(rows, TALLY_ROWS[d]!).map((r) => ({ ...base, rows: r }));
		}
		case 'poll': {
			// The choices in their own order (a scale stays a scale), each with its count.
			const rows = results.choices.map((c) => ({
				id: `c${c.index}`,
				text: c.text,
				dots: c.count,
				rank: c.index + 1
			}));
			const base = {
				kind: 'tally' as const,
				hidden: false,
				voters: results.voters,
				top: Math.max(1, ...rows.map((r) => r.dots)),
				measure: 'choices' as const
			};
			return chunk(rows, TALLY_ROWS[d]!).map((r) => ({ ...base, rows: r }));
		}
		case 'answers': {
			const lines = (q: { index: number; answers: { id: string; text: string }[] }, key: string) =>
				q.answers.length
					? q.answers.map((a) => ({ kind: 'line' as const, id: a.id, text: a.text }))
					: [{ kind: 'none' as const, id: `${key}-none` }];
			const blocks = results.groups.length
				? results.groups.map((g) => ({
						key: g.id,
						heading: groupTitle(g),
						lines: g.questions.flatMap((q) => [
							...(g.questions.length > 1 || q.text
								? [{ kind: 'sub' as const, id: `${g.id}-q${q.index}`, text: q.text || answerLabel }]
								: []),
							...lines(q, `${g.id}-q${q.index}`)
						])
					}))
				: results.questions.map((q) => ({
						key: `q${q.index}`,
						heading: q.text || answerLabel,
						lines: lines(q, `q${q.index}`)
					}));
			if (!blocks.length) return [{ kind: 'empty' }];
			return packColumns(blocks, LINE_COLUMNS.cols[d]!, LINE_COLUMNS.rows[d]!);
		}
		case 'checkin': {
			const counts: CheckinCounts = {
				counts: results.counts,
				reported: results.reported,
				open: results.open
			};
			// Fewer lines on a page: the counts take the top of it.
			const pages = !results.lines.length
				? []
				: packColumns(
						[
							{
								key: 'lines',
								heading: null,
								lines: results.lines.map((l) => ({ kind: 'line' as const, ...l }))
							}
						],
						LINE_COLUMNS.cols[d]!,
						Math.max(2, LINE_COLUMNS.rows[d]! - 4)
					);
			return (pages.length ? pages : [{ kind: 'columns' as const, columns: [] }]).map((p) => ({
				...(p as Extract<ProjectorPage, { kind: 'columns' }>),
				counts
			}));
		}
	}
}
