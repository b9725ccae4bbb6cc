// `npm run backup [-- --out FILE]`: a consistent copy of the SQLite database while Olievlek runs
// (SQLite's online backup API), checked with PRAGMA integrity_check. See README, "Backups".
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	BackupError,
	MAIN_TABLES,
	backupSqlite,
	databaseTarget,
	fileStamp
} from '../src/lib/server/db/backup.ts';

const usage = `Usage: npm run backup [-- --out FILE]

Copies the SQLite database (DATABASE_URL, default ./data/olievlek.db) while Olievlek keeps
running, with SQLite's online backup, and checks the copy with PRAGMA integrity_check.
  --out FILE   where to write the copy (default ./backups/olievlek-<UTC time>.db)
PostgreSQL (DATABASE_URL=postgres://…): use pg_dump instead, see README.`;

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
	console.log(`Backing up ${target.path} to ${out}`);
	const started = Date.now();
	let lastPrint = started;
	const result = await backupSqlite(target.path, out, ({ done, total, restarts }) => {
		const now = Date.now();
		if (now - lastPrint < 1000 || done === total) return;
		lastPrint = now;
		const again = restarts ? ` (started over ${restarts}× as the app wrote)` : '';
		console.log(`  ${done}/${total} pages (${Math.floor((done / total) * 100)}%)${again}`);
	});
	const counts = MAIN_TABLES.filter((t) => t in result.rows)
		.map((t) => `${t} ${result.rows[t]}`)
		.join(', ');
	const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
	const mb = (result.bytes / 1024 / 1024).toFixed(1);
	console.log(
		`Backup ok (integrity_check ok, ${((Date.now() - started) / 1000).toFixed(1)} s): ` +
			`${path.relative(process.cwd(), out) || out}, ${mb} MB, ${total} rows: ${counts}`
	);
	fs.chmodSync(out, 0o600);
} catch (e) {
	console.error(`Backup FAILED: ${e instanceof BackupError ? e.message : (e?.stack ?? e)}`);
	process.exit(1);
}
