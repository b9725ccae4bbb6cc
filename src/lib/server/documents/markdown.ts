import { itemParts, type Block } from './blocks.ts';

/**
 * User text as Markdown that shows exactly that text: it cannot become a link, a heading, a list,
 * emphasis or HTML. Only what Markdown would read as syntax is escaped, so a report reads well as
 * plain text too: emphasis and code marks, brackets (so no link or image can form, and then
 * parentheses need nothing), `<` and `>` (HTML, autolinks, quotes), `|` (table cells), `~`
 * (strike-through), an entity's `&`, what would link a bare web or e-mail address, and at the start of a line a heading's `#`, a list's marker
 * or a line of `=` or `-` that would make the line above a heading.
 */
export function escapeMarkdown(t: string) {
	return (
		t
			.replace(/\r?\n/g, ' ')
			.replace(/([\\`*_[\]<>|~])/g, '\\$1')
			.replace(/&(?=#?\w+;)/g, '\\&')
			// GitHub's dialect links bare addresses: web addresses and e-mail addresses.
			.replace(/\b(https?|ftp|mailto|www)([:.])/gi, '$1\\$2')
			.replace(/@/g, '\\@')
			.replace(/^(\s*)([#+=-])/, '$1\\$2')
			.replace(/^(\s*\d+)([.)])/, '$1\\$2')
	);
}

/** Markdown: user text is escaped, so a post-it cannot become a link, a heading or HTML. */
export function toMarkdown(blocks: Block[]): string {
	const esc = escapeMarkdown;
	const out: string[] = [];
	for (const b of blocks) {
		if (b.type === 'heading') out.push(`${'#'.repeat(b.level)} ${esc(b.text)}`);
		else if (b.type === 'paragraph')
			out.push(
				b.text
					.split(/\r?\n/)
					.map((l) => esc(l))
					.join('  \n')
			);
		else if (b.type === 'facts')
			out.push(b.rows.map(([k, v]) => `- **${esc(k)}:** ${esc(v)}`).join('\n'));
		else if (b.type === 'list')
			out.push(
				b.items
					.map((item, i) => {
						const { text, items } = itemParts(item);
						const marker = b.ordered ? `${i + 1}.` : '-';
						// Sub-items sit under their item's text, indented as far as that text starts.
						const pad = ' '.repeat(marker.length + 1);
						return [`${marker} ${esc(text)}`, ...items.map((t) => `${pad}- ${esc(t)}`)].join('\n');
					})
					.join('\n')
			);
		else if (b.type === 'image') out.push(`![${esc(b.alt)}](<${b.url}>)`);
		else
			out.push(
				[
					`| ${esc(b.header[0])} | ${esc(b.header[1])} |`,
					'| --- | ---: |',
					...b.rows.map(([a, c]) => `| ${esc(a)} | ${esc(c)} |`)
				].join('\n')
			);
	}
	return out.join('\n\n') + '\n';
}
