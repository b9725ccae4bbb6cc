import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, toMarkdown } from './markdown.ts';

const html = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a Markdown reader makes of the text: rendered by a real parser (GitHub's dialect). */
const rendered = (md: string) => marked.parse(md, { gfm: true, async: false }).trim();

describe('Markdown of user text', () => {
	// Text people write in a room, and text written to break a report.
	const texts = [
		'Taal (en) toegang voor iedereen!',
		'Wat kost het? 2 + 2 = 4, 50% korting #1',
		'<script>alert(1)</script>',
		'[klik](http://x) en ![beeld](http://x/a.png)',
		'*vet* _schuin_ `code` ~~weg~~',
		'# geen kop',
		'- geen lijst',
		'+ ook geen lijst',
		'1. geen genummerde lijst',
		'3) ook niet',
		'> geen citaat',
		'===',
		'---',
		'a | b | c',
		'&copy; &#169; en Jansen & Zonen',
		'C:\\pad\\naar',
		'zie www.olievlek.nl of mail info@olievlek.nl',
		'Naïma’s idee: “samen” — écht'
	];

	it.each(texts)('shows %s exactly as written, and nothing else', (text) => {
		expect(rendered(escapeMarkdown(text))).toBe(`<p>${html(text)}</p>`);
	});

	it('escapes only what Markdown would read: plain sentences keep no backslash', () => {
		for (const text of [texts[0]!, texts[1]!, texts.at(-1)!])
			expect(escapeMarkdown(text)).toBe(text);
	});

	it('a table cell and a list item stay one cell and one item', () => {
		const md = toMarkdown([
			{ type: 'table', header: ['Post-it', 'Stippen'], rows: [['a | b', '3']] },
			{ type: 'list', ordered: false, items: ['- x', '1. y'] }
		]);
		const out = rendered(md);
		expect(out.match(/<td[ >]/g)).toHaveLength(2);
		expect(out).toContain('<td>a | b</td>');
		expect(out.match(/<li>/g)).toHaveLength(2);
		expect(out).toContain('<li>- x</li>');
		expect(out).toContain('<li>1. y</li>');
	});
});
