/** Escapes text for the HTML part of a mail; every mail also has a plain-text part. */
export function escapeHtml(s: string): string {
	return s
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/** A plain, accessible mail: a heading, paragraphs, and one link as a button-like anchor. */
export function renderMail(opts: {
	lang: string;
	heading: string;
	paragraphs: string[];
	link: { href: string; label: string };
}) {
	const text = [
		opts.heading,
		'',
		...opts.paragraphs,
		'',
		`${opts.link.label}: ${opts.link.href}`
	].join('\n');
	const html = `<!doctype html><html lang="${escapeHtml(opts.lang)}"><body style="font-family:sans-serif;line-height:1.5">
<h1 style="font-size:1.4em">${escapeHtml(opts.heading)}</h1>
${opts.paragraphs.map((p) => `<p dir="auto" style="white-space:pre-line">${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(opts.link.href)}">${escapeHtml(opts.link.label)}</a></p>
</body></html>`;
	return { text, html };
}
