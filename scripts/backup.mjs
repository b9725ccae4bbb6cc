// `npm run backup [-- --out FILE]`: a consistent copy of the SQLite database while Olievlek runs
// (SQLite's online backup API), checked with PRAGMA integrity_check. See README, "Backups".
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

// backup.ts is TypeScript, which Node runs by stripping the types (Node 22.18+, here Node 24 from
// node_modules/.bin, which `npm run backup` puts first on PATH).
if (!process.features.typescript) {
	console.error(
		`This needs a Node that runs TypeScript (this is ${process.version}): use npm run backup.`
	);
	process.exit(1);
}
const { BackupError, MAIN_TABLES, backupSqlite, databaseTarget, fileStamp } =
	await import('../src/lib/server/db/backup.ts');

const usage = `Usage: npm run backup [-- --out FILE]

Copies the SQLite database (DATABASE_URL, default ./data/olievlek.db) while Olievlek keeps
running, with SQLite's online backup, and checks the copy with PRAGMA integrity_check.
  --out FILE   where to write the copy (default ./backups/olievlek-<UTC time>.db)
PostgreSQL (DATABASE_URL=postgres://…): use pg_dump instead, see README.`;

/** A path relative to the working directory when it lies inside it. */
const shown = (p) => {
	const rel = path.relative(process.cwd(), p);
	return rel && !rel.startsWith('..') ? rel : p;
};

let args;
try {
	args = parseArgs({
		options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } }
	}).values;
} catch (e) {
	console.error(`${e.message}\n\n${usage}`);
	process.exit(1);
}
if (args.help) {
	console.log(usage);
	process.exit(0);
}

try {
	const target = databaseTarget(process.env.DATABASE_URL);
	if (target.kind === 'postgres') {
		console.error(
			'DATABASE_URL is PostgreSQL: back up with pg_dump --format=custom --file=olievlek.dump "$DATABASE_URL"'
		);
		process.exit(2);
	}
	const out = path.resolve(args.out ?? path.join('backups', `olievlek-${fileStamp()}.db`));
	console.log(`Backing up ${shown(target.path)} to ${shown(out)}`);
	const started = Date.now();
	let lastPrint = started;
	let restartsSeen = 0;
	const result = await backupSqlite(target.path, out, ({ done, total, restarts }) => {
		if (restarts > restartsSeen) {
			restartsSeen = restarts;
			console.log(
				'  the app wrote meanwhile: copying the rest in one step (the app keeps running)'
			);
		}
		const now = Date.now();
		if (now - lastPrint < 1000 || done === total) return;
		lastPrint = now;
		console.log(`  ${done}/${total} pages (${Math.floor((done / total) * 100)}%)`);
	});
	fs.chmodSync(out, 0o600); // it holds personal data
	const counts = MAIN_TABLES.filter((t) => t in result.rows)
		.map((t) => `${t} ${result.rows[t]}`)
		.join(', ');
	const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
	const mb = (result.bytes / 1024 / 1024).toFixed(1);
	console.log(
		`Backup ok (integrity_check ok, ${((Date.now() - started) / 1000).toFixed(1)} s): ` +
			`${shown(out)}, ${mb} MB, ${total} rows: ${counts}`
	);
} catch (e) {
	console.error(`Backup FAILED: ${e instanceof BackupError ? e.message : (e?.stack ?? e)}`);
	process.exit(1);
}
