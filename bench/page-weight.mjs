#!/usr/bin/env node
// bench/page-weight: what a participant's phone downloads for /live (a dot vote on 20 post-its).
// Starts the server on a fresh database with a live session, joins as a participant, loads /live
// in Debian's Chromium (@playwright/test, /usr/bin/chromium) with the participant cookie, and
// sums the bytes on the wire per resource type (CDP Network.loadingFinished encodedDataLength,
// which includes headers; an open EventSource counts what it received so far).
// For every JavaScript file it also prints the raw size and the gzip/brotli size: the .gz/.br
// files adapter-node precompressed (what its static handler sends when the browser asks for
// them), or zlib's when there are none.
//   npm run bench:page [-- --app=/path/to/app] [--wait=3000]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
	BENCH_DIR,
	appEnv,
	appRequire,
	checkNode,
	ensureBuild,
	freePort,
	join,
	loadavg,
	machine,
	parseArgs,
	prepareDatabase,
	startNode,
	table,
	tmpDir
} from './lib.mjs';

checkNode();
const opts = parseArgs();
const WAIT = Number(opts.wait ?? 3000);
const JS_TARGET = 40 * 1024;
const TOTAL_TARGET = 100 * 1024;
const kB = (b) => (b / 1024).toFixed(1);

ensureBuild(opts.app);
const viteConfig = fs.readFileSync(path.join(opts.app, 'vite.config.ts'), 'utf8');
const precompressOff = /precompress\s*:\s*false/.test(viteConfig);
const clientDir = path.join(opts.app, 'build', 'client');

const dir = tmpDir('olv-bench-page-');
const port = await freePort();
const setup = await prepareDatabase(opts.app, dir);
const server = await startNode({
	cwd: opts.app,
	script: 'scripts/serve.js',
	env: appEnv(port, setup.dbFile),
	port,
	logFile: path.join(dir, 'server.log'),
	readyPath: '/healthz'
});

let browser;
try {
	const cookieHeader = await join(port, setup.joinCode, 'Page weight');
	const { chromium } = appRequire(opts.app)('@playwright/test');
	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true,
		deviceScaleFactor: 2,
		locale: 'nl-NL'
	});
	const origin = `http://localhost:${port}`;
	await context.addCookies(
		cookieHeader.split('; ').map((c) => {
			const i = c.indexOf('=');
			return { name: c.slice(0, i), value: c.slice(i + 1), url: origin };
		})
	);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	const reqs = new Map();
	const entry = (id) => {
		let e = reqs.get(id);
		if (!e) reqs.set(id, (e = { id, bytes: 0, streamed: 0, finished: false }));
		return e;
	};
	cdp.on('Network.requestWillBeSent', (p) => {
		const e = entry(p.requestId);
		e.url = p.request.url;
		e.type = p.type;
		e.acceptEncoding = p.request.headers['Accept-Encoding'] ?? p.request.headers['accept-encoding'];
	});
	cdp.on('Network.responseReceived', (p) => {
		const e = entry(p.requestId);
		e.type = p.type;
		e.status = p.response.status;
		e.mime = p.response.mimeType;
		const h = Object.fromEntries(
			Object.entries(p.response.headers).map(([k, v]) => [k.toLowerCase(), v])
		);
		e.encoding = h['content-encoding'] ?? 'identity';
		e.fromCache = p.response.fromDiskCache || p.response.fromServiceWorker;
	});
	cdp.on('Network.requestWillBeSentExtraInfo', (p) => {
		const e = entry(p.requestId);
		e.acceptEncoding ??= p.headers['Accept-Encoding'] ?? p.headers['accept-encoding'];
	});
	cdp.on('Network.dataReceived', (p) => (entry(p.requestId).streamed += p.encodedDataLength));
	cdp.on('Network.loadingFinished', (p) => {
		const e = entry(p.requestId);
		e.bytes = p.encodedDataLength;
		e.finished = true;
	});
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

	const response = await page.goto(`${origin}/live`, { waitUntil: 'load' });
	if (!response || response.status() !== 200 || !page.url().endsWith('/live')) {
		throw new Error(`/live answered ${response?.status()} at ${page.url()}`);
	}
	await page.waitForTimeout(WAIT);
	const buttons = await page.locator('form[action="?/dot"] button').count();

	const rows = [];
	const byType = {};
	let jsWire = 0;
	let jsRaw = 0;
	let jsGz = 0;
	let jsBr = 0;
	let total = 0;
	let documentRaw = 0;
	let documentGz = 0;
	let documentWire = 0;
	let acceptEncoding = '';
	for (const e of reqs.values()) {
		if (!e.url || e.url.startsWith('data:')) continue;
		const wire = e.finished ? e.bytes : e.streamed;
		total += wire;
		const type = e.type ?? 'Other';
		byType[type] = (byType[type] ?? 0) + wire;
		const u = new URL(e.url);
		let raw = '';
		let gz = '';
		let br = '';
		if (type === 'Script' || type === 'Stylesheet' || type === 'Font' || type === 'Image') {
			const file = path.join(clientDir, decodeURIComponent(u.pathname));
			if (fs.existsSync(file)) {
				const buf = fs.readFileSync(file);
				raw = buf.length;
				gz = fs.existsSync(file + '.gz')
					? fs.statSync(file + '.gz').size
					: zlib.gzipSync(buf, { level: 9 }).length;
				br = fs.existsSync(file + '.br')
					? fs.statSync(file + '.br').size
					: zlib.brotliCompressSync(buf).length;
				if (type === 'Script') {
					jsWire += wire;
					jsRaw += raw;
					jsGz += gz;
					jsBr += br;
				}
			}
		}
		if (type === 'Document') {
			acceptEncoding = e.acceptEncoding ?? '';
			documentWire = wire;
			const html = await (await fetch(e.url, { headers: { cookie: cookieHeader } })).arrayBuffer();
			documentRaw = html.byteLength;
			documentGz = zlib.gzipSync(Buffer.from(html), { level: 6 }).length;
			raw = documentRaw;
			gz = documentGz;
		}
		rows.push([type, u.pathname + u.search, e.status ?? '', e.encoding ?? '', wire, raw, gz, br]);
	}
	rows.sort((a, b) => a[0].localeCompare(b[0]) || b[4] - a[4]);

	const info = machine();
	console.log(
		`bench/page-weight — ${info.cores} cores, ${info.model}, Node ${info.node}; load average ${loadavg()}\n` +
			`app: ${opts.app}\npage: /live as a participant, current step a dot vote on 20 post-its ` +
			`(${buttons} vote buttons rendered); Chromium ${browser.version()}, 390×844 mobile viewport, cache disabled\n` +
			`Chromium's Accept-Encoding on http://localhost: ${acceptEncoding || '?'}\n` +
			`adapter-node precompress: ${precompressOff ? 'OFF in vite.config.ts' : 'on (adapter default; build/client has .gz and .br next to each asset)'}\n`
	);
	console.log(
		table(['type', 'url', 'status', 'encoding', 'wire B', 'raw B', 'gzip B', 'brotli B'], rows)
	);
	console.log('\nbytes on the wire by type (headers included):');
	console.log(
		table(
			['type', 'kB'],
			Object.entries(byType)
				.sort((a, b) => b[1] - a[1])
				.map(([t, b]) => [t, kB(b)])
		)
	);
	const scripts = rows.filter((r) => r[0] === 'Script').length;
	const totalIfDocGzip = total - documentWire + documentGz;
	console.log(
		`\nJavaScript (${scripts} files): ${kB(jsWire)} kB on the wire as served, raw ${kB(jsRaw)} kB, ` +
			`gzip ${kB(jsGz)} kB, brotli ${kB(jsBr)} kB — target ≤ 40 kB compressed: ` +
			`${Math.min(jsWire, jsBr) <= JS_TARGET ? 'OK' : 'MISSED'}` +
			` (wire ${jsWire <= JS_TARGET ? 'OK' : 'MISSED'}, gzip ${jsGz <= JS_TARGET ? 'OK' : 'MISSED'}, brotli ${jsBr <= JS_TARGET ? 'OK' : 'MISSED'})\n` +
			`Total transferred: ${kB(total)} kB — target ≤ 100 kB: ${total <= TOTAL_TARGET ? 'OK' : 'MISSED'}\n` +
			`HTML document: ${kB(documentWire)} kB on the wire (server-rendered, sent uncompressed by adapter-node), ` +
			`raw ${kB(documentRaw)} kB, gzip ${kB(documentGz)} kB; total with a gzip proxy in front of the HTML: ${kB(totalIfDocGzip)} kB`
	);
	const results = {
		date: new Date().toISOString(),
		machine: { ...info, loadavg: loadavg() },
		chromium: browser.version(),
		acceptEncoding,
		precompress: !precompressOff,
		js: { files: scripts, wire: jsWire, raw: jsRaw, gzip: jsGz, brotli: jsBr },
		totalWire: total,
		totalIfDocumentGzip: totalIfDocGzip,
		document: { wire: documentWire, raw: documentRaw, gzip: documentGz },
		byType,
		resources: rows.map(([type, url, status, encoding, wire, raw, gzip, brotli]) => ({
			type,
			url,
			status,
			encoding,
			wire,
			raw,
			gzip,
			brotli
		}))
	};
	const resultsDir = path.join(BENCH_DIR, 'results');
	fs.mkdirSync(resultsDir, { recursive: true });
	const file = path.join(
		resultsDir,
		`page-${new Date().toISOString().replace(/:/g, '').slice(0, 17)}.json`
	);
	fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
	console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
} finally {
	await browser?.close();
	await server.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}
