// `npm run restore -- FILE [--force]`: puts a backup made by `npm run backup` back into place,
// in a stopped Olievlek, after checking it. The current database is kept beside it as
// <database>.before-restore-<UTC time>. See README, "Backups".
import path from 'node:path';
import { parseArgs } from 'node:util';

// backup.ts is TypeScript, which Node runs by stripping the types (Node 22.18+, here Node 24 from
// node_modules/.bin, which `npm run restore` puts first on PATH).
if (!process.features.typescript) {
	console.error(
		`This needs a Node that runs TypeScript (this is ${process.version}): use npm run restore.`
	);
	process.exit(1);
}
const { BackupError, MAIN_TABLES, checkBackup, databaseTarget, instanceAnswers, restoreSqlite } =
	await import('../src/lib/server/db/backup.ts');

const usage = `Usage: npm run restore -- FILE [--force]

Restores FILE (made by npm run backup) into the SQLite database DATABASE_URL (default
./data/olievlek.db). Olievlek must be stopped. FILE must pass PRAGMA integrity_check and come
from this version of Olievlek or an older one. The current database is moved aside to
<database>.before-restore-<UTC time>, not deleted.
  --force   restore even though something answers GET /healthz on PORT (default 3000);
            the database itself must still be free (no program may have it open)
PostgreSQL (DATABASE_URL=postgres://…): use pg_restore instead, see README.`;

let parsed;
try {
	parsed = parseArgs({
		allowPositionals: true,
		options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
	});
} catch (e) {
	console.error(`${e.message}\n\n${usage}`);
	process.exit(1);
}
if (parsed.values.help) {
	console.log(usage);
	process.exit(0);
}
const file = parsed.positionals[0];
if (!file || parsed.positionals.length > 1) {
	console.error(usage);
	process.exit(1);
}

function refuse(message) {
	console.error(`Restore refused: ${message}`);
	process.exit(1);
}

try {
	const target = databaseTarget(process.env.DATABASE_URL);
	if (target.kind === 'postgres') {
		console.error(
			'DATABASE_URL is PostgreSQL: restore with pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" olievlek.dump'
		);
		process.exit(2);
	}
	const check = checkBackup(file);
	if (!check.ok) refuse(`${file} ${check.problems.join('; ')}`);

	const host = !process.env.HOST || process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST;
	const base = `http://${host.includes(':') ? `[${host}]` : host}:${process.env.PORT || 3000}`;
	if (await instanceAnswers(base)) {
		if (!parsed.values.force) {
			refuse(
				`Olievlek answers at ${base}/healthz: stop Olievlek first (or --force if that is another instance with another database)`
			);
		}
		console.log(`Something answers at ${base}/healthz; --force given, going on`);
	}

	console.log(`Restoring ${path.resolve(file)} into ${target.path}`);
	const result = await restoreSqlite(file, target.path);
	if (result.movedAside) console.log(`The previous database is now ${result.movedAside}`);
	const counts = MAIN_TABLES.filter((t) => t in result.rows)
		.map((t) => `${t} ${result.rows[t]}`)
		.join(', ');
	const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
	console.log(`Restore ok (integrity_check ok): ${total} rows: ${counts}`);
	if (result.pending.length) {
		console.log(
			`Olievlek applies ${result.pending.length} newer migration(s) when it starts: ${result.pending.join(', ')}`
		);
	}
} catch (e) {
	if (e instanceof BackupError) refuse(e.message);
	console.error(`Restore FAILED: ${e?.stack ?? e}`);
	process.exit(1);
}
