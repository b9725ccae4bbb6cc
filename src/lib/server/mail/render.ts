/** Escapes text for the HTML part of a mail; every mail also has a plain-text part. */
export function escapeHtml(s: string): string {
	return s
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/**
 * A plain, accessible mail: a heading, paragraphs, and one link as a button-like anchor (and
 * `more` links after it, when a mail also asks for an answer); a mail that carries what it is
 * about (a report sent to the room) has none.
 */
export function renderMail(opts: {
	lang: string;
	heading: string;
	paragraphs: string[];
	link?: { href: string; label: string };
	more?: { href: string; label: string }[];
}) {
	const links = [...(opts.link ? [opts.link] : []), ...(opts.more ?? [])];
	const text = [
		opts.heading,
		'',
		...opts.paragraphs,
		'',
		...links.map((l) => `${l.label}: ${l.href}`)
	].join('\n');
	const html = `<!doctype html><html lang="${escapeHtml(opts.lang)}"><body style="font-family:sans-serif;line-height:1.5">
<h1 style="font-size:1.4em">${escapeHtml(opts.heading)}</h1>
${opts.paragraphs.map((p) => `<p dir="auto" style="white-space:pre-line">${escapeHtml(p)}</p>`).join('\n')}
${links.map((l) => `<p><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></p>`).join('\n')}
</body></html>`;
	return { text, html };
}
