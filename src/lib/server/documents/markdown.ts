import { itemParts, type Block } from './blocks.ts';

/** Markdown: user text is escaped, so a post-it cannot become a link, a heading or HTML. */
export function toMarkdown(blocks: Block[]): string {
	const esc = (t: string) =>
		t
			.replace(/\r?\n/g, ' ')
			.replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1')
			.replace(/^(\s*)(-|\d+\.)/, '$1\\$2');
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
