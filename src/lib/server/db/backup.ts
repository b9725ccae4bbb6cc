// Backup and restore of the SQLite database, shared by `npm run backup`, `npm run restore` and
// their test. Plain Node runs this file through its type stripping (scripts/*.mjs import it), so
// it uses erasable TypeScript only and imports no other file of the app.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const DEFAULT_DATABASE = './data/olievlek.db';

/** The tables whose counts `npm run backup` prints; `rows` in the results has all tables. */
export const MAIN_TABLES = [
	'user',
	'network',
	'organisation',
	'membership',
	'network_session',
	'participant',
	'postit',
	'dot',
	'answer',
	'outbox'
];

/** Pages per backup step: small steps keep each read short, see `backupSqlite`. */
const DEFAULT_PAGES_PER_STEP = 1000;
/** "All remaining pages": better-sqlite3 clamps the step to 0…2^31-1 and 0 would copy nothing. */
const ALL_PAGES = 0x7fffffff;

/** A refusal with a message meant for the person running the command. */
export class BackupError extends Error {
	problems: string[];
	constructor(message: string, problems: string[] = [message]) {
		super(message);
		this.name = 'BackupError';
		this.problems = problems;
	}
}

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

/** DATABASE_URL as the app reads it: postgres://… or a SQLite path, optionally `file:`-prefixed. */
export function databaseTarget(url: string | undefined): DatabaseTarget {
	const value = url && url.trim() ? url.trim() : DEFAULT_DATABASE;
	if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', url: value };
	const file = value.replace(/^file:/, '');
	if (file === ':memory:') throw new BackupError('DATABASE_URL is :memory:, there is no file');
	return { kind: 'sqlite', path: path.resolve(file) };
}

/** A UTC time stamp for file names: 2026-11-23T121138Z. */
export function fileStamp(now = new Date()): string {
	return now
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/:/g, '');
}

/** Migration names this code knows, in order, read from migrate.ts (or the migrations folder). */
export function knownMigrations(): string[] {
	const here = path.dirname(fileURLToPath(import.meta.url));
	try {
		const source = fs.readFileSync(path.join(here, 'migrate.ts'), 'utf8');
		const list = source.match(/const migrations[^{]*\{([^}]*)\}/)?.[1] ?? '';
		const names = [...list.matchAll(/['"]([^'"]+)['"]\s*:/g)].map((m) => m[1] as string);
		if (names.length) return names;
	} catch {
		// fall through to the folder
	}
	return fs
		.readdirSync(path.join(here, 'migrations'))
		.filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
		.map((f) => f.replace(/\.ts$/, ''))
		.sort();
}

/** Row counts of the app's tables (SQLite's and Kysely's own tables left out). */
export function countRows(db: Database.Database): Record<string, number> {
	const tables = db
		.prepare(
			`select name from sqlite_master where type = 'table'
			 and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'
			 order by name`
		)
		.pluck()
		.all() as string[];
	const rows: Record<string, number> = {};
	for (const t of tables) {
		rows[t] = db
			.prepare(`select count(*) from "${t.replaceAll('"', '""')}"`)
			.pluck()
			.get() as number;
	}
	return rows;
}

/** `PRAGMA integrity_check`: an empty list when the database is sound. */
function integrityProblems(db: Database.Database): string[] {
	const lines = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
	const messages = lines.map((l) => l.integrity_check);
	return messages.length === 1 && messages[0] === 'ok' ? [] : messages.slice(0, 10);
}

export interface BackupProgress {
	/** Pages copied so far and pages in the database. */
	done: number;
	total: number;
	/** How often the copy started over because the app wrote in between two steps. */
	restarts: number;
}

export interface BackupResult {
	rows: Record<string, number>;
	bytes: number;
	pages: number;
	restarts: number;
	migrations: string[];
}

/**
 * A consistent copy of a live SQLite database with SQLite's online backup API, checked with
 * `PRAGMA integrity_check` before it takes the name `destPath`.
 *
 * The copy goes in steps of `pagesPerStep` pages; each step reads one snapshot. When the app
 * writes between two steps SQLite starts the copy over (it never mixes snapshots), and we then
 * copy everything in one step: in WAL mode a reader does not hold up the app's writes, so this
 * ends even while the app keeps writing.
 */
export async function backupSqlite(
	srcPath: string,
	destPath: string,
	onProgress?: (p: BackupProgress) => void,
	options: { pagesPerStep?: number } = {}
): Promise<BackupResult> {
	const pagesPerStep = Math.max(1, options.pagesPerStep ?? DEFAULT_PAGES_PER_STEP);
	if (!isFile(srcPath)) throw new BackupError(`no database at ${srcPath}`);
	if (fs.existsSync(destPath)) throw new BackupError(`${destPath} exists already; not overwriting`);
	fs.mkdirSync(path.dirname(path.resolve(destPath)), { recursive: true });
	const partial = `${destPath}.partial-${process.pid}`;
	removeDatabaseFiles(partial);

	const source = new Database(srcPath, { fileMustExist: true, timeout: 5000 });
	let restarts = 0;
	let pages: number;
	try {
		let lastDone = 0;
		const meta = await source.backup(partial, {
			progress: ({ totalPages, remainingPages }) => {
				const done = totalPages - remainingPages;
				// Every step copies at least one page, so no headway means the copy started over.
				if (done > 0 && done <= lastDone) restarts += 1;
				lastDone = done;
				onProgress?.({ done, total: totalPages, restarts });
				return restarts > 0 ? ALL_PAGES : pagesPerStep;
			}
		});
		pages = meta.totalPages;
		onProgress?.({ done: pages, total: pages, restarts });
	} catch (e) {
		removeDatabaseFiles(partial);
		throw e;
	} finally {
		source.close();
	}

	let rows: Record<string, number>;
	let migrations: string[];
	try {
		const copy = new Database(partial, { fileMustExist: true });
		try {
			const problems = integrityProblems(copy);
			if (problems.length) {
				throw new BackupError(`the copy fails PRAGMA integrity_check: ${problems.join('; ')}`);
			}
			// One self-contained file (no -wal beside it); restore switches back to WAL.
			copy.pragma('journal_mode = DELETE');
			rows = countRows(copy);
			migrations = appliedMigrations(copy) ?? [];
		} finally {
			copy.close();
		}
		fs.renameSync(partial, destPath);
	} catch (e) {
		removeDatabaseFiles(partial);
		throw e;
	}
	return { rows, bytes: fs.statSync(destPath).size, pages, restarts, migrations };
}

export interface BackupCheck {
	ok: boolean;
	/** What is wrong, each to be read after the file's name: "is not a SQLite database". */
	problems: string[];
	/** Migrations recorded in the file, in order. */
	migrations: string[];
	/** Migrations this code has and the file lacks: the app applies them when it starts. */
	pending: string[];
	rows: Record<string, number>;
}

/** Whether `file` can be restored: a sound SQLite database of this app, not from newer code. */
export function checkBackup(file: string): BackupCheck {
	const result: BackupCheck = { ok: false, problems: [], migrations: [], pending: [], rows: {} };
	const refuse = (problem: string) => {
		result.problems.push(problem);
		return result;
	};
	if (!isFile(file)) return refuse('does not exist or is not a file');
	const header = Buffer.alloc(16);
	const fd = fs.openSync(file, 'r');
	try {
		fs.readSync(fd, header, 0, 16, 0);
	} finally {
		fs.closeSync(fd);
	}
	if (header.toString('latin1') !== 'SQLite format 3\0') {
		return refuse('is not a SQLite database');
	}
	let db: Database.Database | undefined;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
		const problems = integrityProblems(db);
		if (problems.length) return refuse(`fails PRAGMA integrity_check: ${problems.join('; ')}`);
		const applied = appliedMigrations(db);
		if (!applied) return refuse('has no kysely_migration table: not an Olievlek database');
		result.migrations = applied;
		const known = knownMigrations();
		const unknown = applied.filter((m) => !known.includes(m));
		if (unknown.length) {
			return refuse(
				`was made by a newer Olievlek (migrations unknown to this code: ${unknown.join(', ')})`
			);
		}
		result.pending = known.filter((m) => !applied.includes(m));
		result.rows = countRows(db);
	} catch (e) {
		const code = (e as { code?: string }).code;
		const reason = code ? `${code}: ${(e as Error).message}` : (e as Error).message;
		return refuse(`is damaged or not a database (${reason})`);
	} finally {
		db?.close();
	}
	result.ok = true;
	return result;
}

/** The applied migrations' names, or null when the table is missing. */
function appliedMigrations(db: Database.Database): string[] | null {
	const table = db
		.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`)
		.get();
	if (!table) return null;
	return db.prepare('select name from kysely_migration order by name').pluck().all() as string[];
}

/**
 * Throws when another connection has `file` open. In WAL mode every open connection holds a
 * shared lock on the file, so an exclusive lock (locking_mode = EXCLUSIVE plus BEGIN EXCLUSIVE,
 * no waiting) succeeds only when nobody else, such as a running Olievlek, has it open. A plain
 * BEGIN EXCLUSIVE would not do: in WAL mode it does not wait for readers.
 */
export function assertNotInUse(file: string): void {
	if (!fs.existsSync(file)) return;
	let db: Database.Database | undefined;
	try {
		db = new Database(file, { fileMustExist: true, timeout: 0 });
		db.pragma('locking_mode = EXCLUSIVE');
		db.exec('BEGIN EXCLUSIVE');
		db.prepare('select count(*) from sqlite_master').get();
		db.exec('ROLLBACK');
	} catch (e) {
		const code = (e as { code?: string }).code ?? '';
		if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
			throw new BackupError(`${file} is in use by another program: stop Olievlek first`);
		}
		throw new BackupError(`cannot open the current database ${file}: ${(e as Error).message}`);
	} finally {
		db?.close();
	}
}

/** Whether an Olievlek answers GET /healthz at `baseUrl` (e.g. http://127.0.0.1:3000). */
export async function instanceAnswers(baseUrl: string, timeoutMs = 1500): Promise<boolean> {
	try {
		const res = await fetch(new URL('/healthz', baseUrl), {
			signal: AbortSignal.timeout(timeoutMs)
		});
		const body = (await res.json().catch(() => null)) as { status?: unknown } | null;
		return typeof body?.status === 'string';
	} catch {
		return false;
	}
}

export interface RestoreResult {
	rows: Record<string, number>;
	migrations: string[];
	pending: string[];
	/** Where the database that was replaced went (its -wal/-shm beside it), or null if none. */
	movedAside: string | null;
}

/**
 * Restores `backupPath` into `targetPath` after `checkBackup`, refusing while the target is
 * open elsewhere. The current database (with -wal/-shm) is renamed to
 * `<target>.before-restore-<stamp>`, and the backup is copied with the backup API into a new
 * file that takes the target's name once it passes integrity_check.
 */
export async function restoreSqlite(
	backupPath: string,
	targetPath: string,
	options: { now?: Date } = {}
): Promise<RestoreResult> {
	const check = checkBackup(backupPath);
	if (!check.ok) {
		throw new BackupError(`${backupPath} ${check.problems.join('; ')}`, check.problems);
	}
	const target = path.resolve(targetPath);
	if (path.resolve(backupPath) === target) {
		throw new BackupError('the backup and the database are the same file');
	}
	assertNotInUse(target);
	fs.mkdirSync(path.dirname(target), { recursive: true });

	const incoming = `${target}.restoring-${process.pid}`;
	removeDatabaseFiles(incoming);
	let rows: Record<string, number>;
	try {
		const source = new Database(backupPath, { readonly: true, fileMustExist: true });
		try {
			await source.backup(incoming, { progress: () => ALL_PAGES });
		} finally {
			source.close();
		}
		const copy = new Database(incoming, { fileMustExist: true });
		try {
			const problems = integrityProblems(copy);
			if (problems.length) {
				throw new BackupError(`the restored copy fails integrity_check: ${problems.join('; ')}`);
			}
			copy.pragma('journal_mode = WAL');
			rows = countRows(copy);
		} finally {
			copy.close();
		}
	} catch (e) {
		removeDatabaseFiles(incoming);
		throw e;
	}

	let movedAside: string | null = null;
	try {
		assertNotInUse(target); // again: the copy may have taken a while
	} catch (e) {
		removeDatabaseFiles(incoming);
		throw e;
	}
	const suffixes = ['', '-wal', '-shm', '-journal'];
	if (suffixes.some((suffix) => fs.existsSync(target + suffix))) {
		const base = `${target}.before-restore-${fileStamp(options.now)}`;
		movedAside = base;
		for (let n = 2; suffixes.some((suffix) => fs.existsSync(movedAside + suffix)); n++) {
			movedAside = `${base}-${n}`;
		}
		for (const suffix of suffixes) {
			if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, movedAside + suffix);
		}
	}
	fs.renameSync(incoming, target);
	return { rows, migrations: check.migrations, pending: check.pending, movedAside };
}

function isFile(p: string): boolean {
	try {
		return fs.statSync(p).isFile();
	} catch {
		return false;
	}
}

function removeDatabaseFiles(p: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(p + suffix, { force: true });
}
