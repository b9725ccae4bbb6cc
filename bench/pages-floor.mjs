#!/usr/bin/env node
// The floor for bench/pages: a bare node:http server that renders the network home page and the
// session page from the app's SQLite file (opened read-only with better-sqlite3, while the app
// keeps writing to it) with template strings. No framework, no auth, no membership check, no
// compression; the same data queries as the app's load functions (network + regions, members
// with their organisation, organisations, pending invitations; session + agenda steps +
// facilitators + host organisation + work forms) and HTML of about the same size and shape
// (header, network navigation, page, footer, the page data as JSON for hydration).
// Env: PORT, DB_FILE, APP_DIR (where better-sqlite3 is installed).
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.APP_DIR ?? process.cwd(), 'package.json'));
const SQLite = require('better-sqlite3');
const db = new SQLite(process.env.DB_FILE, { readonly: true, fileMustExist: true });

const q = {
	network: db.prepare('select * from network where id = ?'),
	regions: db.prepare('select name from network_region where network_id = ? order by name'),
	members: db.prepare(
		`select m.id, m.role, m.status, m.guest_until, m.joined_at, m.user_id, m.organisation_id,
		        o.name as organisation_name, o.region, u.name, u.email
		   from membership m join "user" u on u.id = m.user_id
		   left join organisation o on o.id = m.organisation_id
		  where m.network_id = ? and m.status = 'active' and (m.guest_until is null or m.guest_until >= ?)
		  order by m.joined_at`
	),
	organisations: db.prepare('select * from organisation where network_id = ? order by name'),
	invitations: db.prepare(
		`select id, email, role, organisation_id, guest_until, created_at, sent_at, expires_at
		   from invitation where network_id = ? and status = 'pending' order by created_at desc`
	),
	session: db.prepare('select * from network_session where network_id = ? and id = ?'),
	steps: db.prepare('select * from agenda_step where session_id = ? order by position'),
	facilitators: db.prepare(
		`select m.id as membership_id, u.name, m.status from session_facilitator f
		   join membership m on m.id = f.membership_id join "user" u on u.id = m.user_id
		  where f.session_id = ?`
	),
	organisation: db.prepare('select * from organisation where network_id = ? and id = ?'),
	workForms: db.prepare('select id, name from work_form where network_id = ? order by name')
};

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const e = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
const ROLES = {
	coordinator: 'Coördinator',
	facilitator: 'Sessieleider',
	participant: 'Deelnemer',
	boundary_spanner: 'Gast'
};
const KINDS = { postit_round: 'Post-itronde', dot_vote: 'Stippen stemmen' };

function layout(title, network, current, main, data) {
	const base = `/networks/${network.id}`;
	const links = [
		[base, 'Overzicht'],
		[`${base}/sessions`, 'Sessies'],
		[`${base}/members`, 'Leden'],
		[`${base}/organisations`, 'Organisaties'],
		[`${base}/house-rules`, 'Huisregels'],
		[`${base}/invitations`, 'Uitnodigingen'],
		[`${base}/settings`, 'Instellingen']
	];
	return `<!doctype html>
<html lang="nl" dir="ltr">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width, initial-scale=1" />
		<link rel="icon" href="/favicon.svg" />
		<link rel="stylesheet" href="/app.css" />
		<title>${e(title)}</title>
	</head>
	<body>
		<a class="skip-link" href="#main">Direct naar de inhoud</a>
		<header class="site-header"><div class="wrap header-row"><a class="brand" href="/">Olievlek</a>
		<nav aria-label="Hoofdmenu"><ul><li><a href="/">Mijn netwerken</a></li><li><a href="/account">Mijn account</a></li>
		<li><form method="POST" action="/sign-out"><button type="submit" class="link-button">Uitloggen</button></form></li></ul></nav></div></header>
		<main id="main" tabindex="-1" class="wrap">
		<nav aria-label="Netwerk" class="subnav"><p class="subnav-title" dir="auto">${e(network.name)}</p><ul>
		${links.map(([href, label]) => `<li><a href="${e(href)}"${href === current ? ' aria-current="page"' : ''}>${label}</a></li>`).join('\n')}
		</ul></nav>
		${main}
		</main>
		<footer class="site-footer"><div class="wrap"><form method="POST" action="/language"><label for="lang">Taal</label>
		<select id="lang" name="locale"><option value="nl" selected>Nederlands</option><option value="en">English</option><option value="fr">Français</option></select>
		<button type="submit">Kiezen</button></form><p>Olievlek – samen leren in lerende netwerken</p></div></footer>
		<script type="application/json" id="data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>
	</body>
</html>
`;
}

function networkBase(id) {
	const network = q.network.get(id);
	if (!network) return null;
	return { network, regions: q.regions.all(id).map((r) => r.name) };
}

function homePage(id) {
	const base = networkBase(id);
	if (!base) return null;
	const { network } = base;
	const members = q.members.all(id, new Date().toISOString());
	const organisations = q.organisations.all(id);
	const pending = q.invitations.all(id).length;
	const href = `/networks/${id}`;
	const shown = members.slice(0, 12);
	const main = `<h1 dir="auto">${e(network.name)}</h1>
<p class="lead" dir="auto">${e(network.purpose)}</p>
<p><strong>Kernwaarde:</strong> <span dir="auto">${e(network.core_value)}</span></p>
<section aria-labelledby="next-title"><h2 id="next-title">Wat nu?</h2><p>Er is nog geen sessie gepland.</p>
<ul class="checklist"><li><span class="status-label">${organisations.length ? 'Gedaan' : 'Te doen'}:</span> <a href="${href}/organisations">Voeg de deelnemende organisaties toe</a></li>
<li><span class="status-label">${members.length > 1 || pending ? 'Gedaan' : 'Te doen'}:</span> <a href="${href}/invitations">Nodig leden uit</a></li></ul></section>
<section aria-labelledby="members-title"><h2 id="members-title">Leden (${members.length})</h2><ul class="plain">
${shown.map((m) => `<li><span dir="auto">${e(m.name)}</span> – ${ROLES[m.role] ?? e(m.role)}${m.organisation_name ? `<span>, <span dir="auto">${e(m.organisation_name)}</span></span>` : ''}</li>`).join('\n')}
</ul><p><a href="${href}/members">Alle leden bekijken</a></p></section>
<section aria-labelledby="orgs-title"><h2 id="orgs-title">Organisaties</h2><ul class="plain">
${organisations.map((o) => `<li><span dir="auto">${e(o.name)}</span>${o.sector ? ` (${e(o.sector)})` : ''}</li>`).join('\n')}
</ul></section>
<section aria-labelledby="rules-title"><h2 id="rules-title">Huisregels</h2><div class="rules" dir="auto" lang="${e(network.language)}">${e(network.house_rules)}</div></section>`;
	const data = {
		network: { id: network.id, name: network.name, language: network.language },
		regions: base.regions,
		home: {
			purpose: network.purpose,
			coreValue: network.core_value,
			houseRules: network.house_rules,
			members: shown.map((m) => ({
				id: m.id,
				name: m.name,
				role: m.role,
				organisationName: m.organisation_name
			})),
			memberCount: members.length,
			organisations: organisations.map((o) => ({ id: o.id, name: o.name, sector: o.sector })),
			pendingInvitations: pending
		}
	};
	return layout(`${network.name} – Olievlek`, network, href, main, data);
}

function sessionPage(id, sessionId) {
	const base = networkBase(id);
	if (!base) return null;
	const { network } = base;
	const s = q.session.get(id, sessionId);
	if (!s) return null;
	const steps = q.steps.all(sessionId);
	const facilitators = q.facilitators.all(sessionId);
	const host = s.host_organisation_id ? q.organisation.get(id, s.host_organisation_id) : null;
	const workForms = q.workForms.all(id);
	const href = `/networks/${id}/sessions/${sessionId}`;
	const main = `<p><a href="/networks/${id}/sessions">Terug naar de sessies</a></p>
<h1 dir="auto">${e(s.number ? `${s.number}. ${s.title}` : s.title)}</h1>
<dl class="facts"><div><dt>Datum</dt><dd>${s.starts_at ? e(new Date(s.starts_at).toLocaleString('nl-BE')) : 'Nog geen datum'}</dd></div>
${s.minutes ? `<div><dt>Duur</dt><dd>${s.minutes}</dd></div>` : ''}
<div><dt>Plaats</dt><dd dir="auto">${e([s.place, host?.name].filter(Boolean).join(', ') || '–')}</dd></div>
${s.theme ? `<div><dt>Thema</dt><dd dir="auto">${e(s.theme)}</dd></div>` : ''}
${facilitators.length ? `<div><dt>Sessieleiders</dt><dd dir="auto">${facilitators.map((f) => e(f.status === 'active' ? f.name : 'Voormalig lid')).join(', ')}</dd></div>` : ''}
</dl>
${s.objectives ? `<h2>Doelen</h2><div class="rules" dir="auto">${e(s.objectives)}</div>` : ''}
<p class="actions-row"><a href="${href}/edit">Sessie bewerken</a>${s.status !== 'closed' ? ` <a class="button" href="${href}/live">${s.status === 'live' ? 'Live console' : 'Live starten'}</a>` : ''}</p>
<h2 id="agenda-title">Agenda</h2>
<ol class="agenda" aria-labelledby="agenda-title">
${steps
	.map(
		(
			st,
			i
		) => `<li class="card"><h3 id="step-${e(st.id)}" tabindex="-1" dir="auto">${e(st.title)}</h3>
<p class="meta">${KINDS[st.kind] ?? e(st.kind)}${st.minutes ? ` · ${st.minutes} min` : ''}</p>
${st.prompt ? `<p dir="auto" class="prompt">${e(st.prompt)}</p>` : ''}
${
	st.questions
		? `<ul class="plain">${st.questions
				.split('\n')
				.filter(Boolean)
				.map((x) => `<li dir="auto">${e(x)}</li>`)
				.join('')}</ul>`
		: ''
}
<div class="inline-form"><a href="${href}/steps/${e(st.id)}">Bewerken<span class="visually-hidden"> – ${e(st.title)}</span></a>
${i > 0 ? `<form method="POST" action="?/move"><input type="hidden" name="stepId" value="${e(st.id)}" /><input type="hidden" name="title" value="${e(st.title)}" /><button type="submit" name="direction" value="up" class="secondary">Omhoog<span class="visually-hidden"> – ${e(st.title)}</span></button></form>` : ''}
${i < steps.length - 1 ? `<form method="POST" action="?/move"><input type="hidden" name="stepId" value="${e(st.id)}" /><input type="hidden" name="title" value="${e(st.title)}" /><button type="submit" name="direction" value="down" class="secondary">Omlaag<span class="visually-hidden"> – ${e(st.title)}</span></button></form>` : ''}
<form method="POST" action="?/remove"><input type="hidden" name="stepId" value="${e(st.id)}" /><button type="submit" class="secondary">Verwijderen<span class="visually-hidden"> – ${e(st.title)}</span></button></form></div></li>`
	)
	.join('\n')}
</ol>
<form method="POST" action="?/add" class="card"><label for="form">Stap toevoegen</label><select id="form" name="form">
${Object.entries(KINDS)
	.map(([k, label]) => `<option value="${k}">${label}</option>`)
	.join(
		''
	)}${workForms.map((w) => `<option value="custom:${e(w.id)}">${e(w.name)}</option>`).join('')}
</select><button type="submit">Toevoegen</button></form>`;
	const data = {
		network: { id: network.id, name: network.name, language: network.language },
		regions: base.regions,
		session: s,
		steps,
		facilitators: facilitators.map((f) => ({ name: f.name })),
		host: host ? { name: host.name } : null,
		workForms
	};
	return layout(`${s.title} – ${network.name} – Olievlek`, network, null, main, data);
}

const server = http.createServer((req, res) => {
	const url = req.url ?? '/';
	if (url === '/healthz') {
		res.writeHead(200, { 'content-type': 'text/plain' });
		res.end('ok');
		return;
	}
	const m = /^\/networks\/([^/?]+)(?:\/sessions\/([^/?]+))?\/?(?:\?.*)?$/.exec(url);
	let html = null;
	try {
		if (m) html = m[2] ? sessionPage(m[1], m[2]) : homePage(m[1]);
	} catch (err) {
		res.writeHead(500, { 'content-type': 'text/plain' });
		res.end(String(err));
		return;
	}
	if (html === null) {
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('Not found');
		return;
	}
	res.writeHead(200, {
		'content-type': 'text/html; charset=utf-8',
		'content-length': Buffer.byteLength(html),
		'cache-control': 'private, no-store'
	});
	res.end(html);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
process.on('SIGTERM', () => {
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 2000).unref();
});
