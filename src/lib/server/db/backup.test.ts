import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../testing/db.ts';
import { openDatabase, type Db } from './index.ts';
import { migrateToLatest } from './migrate.ts';
import {
	assertNotInUse,
	backupSqlite,
	checkBackup,
	knownMigrations,
	restoreSqlite,
	type BackupResult
} from './backup.ts';

const require = createRequire(import.meta.url);

/** The app writing: pairs of outbox rows, one transaction each, until told to stop. */
const WRITER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const flags = new Int32Array(workerData.flags);
const db = new Database(workerData.file, { timeout: 5000 });
db.pragma('synchronous = FULL');
const row = db.prepare(
	"insert into outbox (id, to_address, subject, text, html, created_at) values (?, 'a@example.org', 'live', 'x', 'x', 'now')"
);
const pair = db.transaction((n) => { row.run('live-' + n + '-a'); row.run('live-' + n + '-b'); });
Atomics.wait(flags, 0, 0);
for (let n = 0; Atomics.load(flags, 1) === 0; n++) {
	pair(n);
	Atomics.store(flags, 2, n + 1);
	Atomics.notify(flags, 2);
}
db.close();
`;

// Backup and restore are for SQLite mode; PostgreSQL has pg_dump and pg_restore.
describe.skipIf(TEST_DB === 'postgres')('SQLite backup and restore', () => {
	let dir: string;
	let source: string;
	let database: Db;
	let backupFile: string;
	let backup: BackupResult;
	let before: number;
	let after: number;
	let writtenDuring: number;
	let steps = 0;

	const insert = (sqlite: Database.Database) =>
		sqlite.prepare(
			`insert into outbox (id, to_address, subject, text, html, created_at)
			 values (?, 'someone@example.org', ?, ?, '<p>hallo</p>', '2026-11-23T10:00:00.000Z')`
		);
	const count = (file: string, where = '') => {
		const db = new Database(file, { readonly: true, fileMustExist: true });
		try {
			return db.prepare(`select count(*) from outbox ${where}`).pluck().get() as number;
		} finally {
			db.close();
		}
	};

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'olievlek-backup-'));
		source = path.join(dir, 'live.db');
		database = openDatabase(`file:${source}`);
		await migrateToLatest(database.authDb as never);
		const sqlite = database.sqlite!;
		const row = insert(sqlite);
		const body = 'x'.repeat(200);
		sqlite.transaction(() => {
			for (let i = 0; i < 20_000; i++) row.run(`fill-${i}`, `mail ${i}`, body);
		})();

		before = count(source);

		// The app keeps writing, in another thread through its own connection, while the backup
		// reads through another. Each transaction adds a pair of rows, numbered: a torn copy would
		// show an odd number of them or a gap. Writing starts once the copy is 500 pages in, so the
		// backup goes in several steps first and then has to cope with the writes.
		const flags = new Int32Array(new SharedArrayBuffer(12)); // start, stop, pairs written
		const writer = new Worker(WRITER, {
			eval: true,
			workerData: { file: source, sqlite: require.resolve('better-sqlite3'), flags: flags.buffer }
		});
		const writerDone = new Promise((resolve, reject) => {
			writer.once('exit', resolve);
			writer.once('error', reject);
		});
		backupFile = path.join(dir, 'copy.db');
		try {
			backup = await backupSqlite(
				source,
				backupFile,
				({ done }) => {
					steps++;
					if (done >= 500 && Atomics.load(flags, 0) === 0) {
						Atomics.store(flags, 0, 1);
						Atomics.notify(flags, 0);
						Atomics.wait(flags, 2, 0, 5000); // until the first pair is committed
					}
				},
				{ pagesPerStep: 100 }
			);
			after = count(source);
			writtenDuring = Atomics.load(flags, 2);
		} finally {
			Atomics.store(flags, 0, 1);
			Atomics.store(flags, 1, 1);
			Atomics.notify(flags, 0);
			await writerDone;
		}
	});

	afterAll(async () => {
		await database?.close();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	it('copies a consistent snapshot while the app writes', () => {
		expect(steps).toBeGreaterThan(6);
		expect(backup.restarts).toBeGreaterThan(0);
		expect(writtenDuring).toBeGreaterThan(0);
		expect(after).toBeGreaterThan(before);
		const inCopy = backup.rows.outbox!;
		expect(inCopy).toBeGreaterThanOrEqual(before);
		expect(inCopy).toBeLessThanOrEqual(after);
		expect(count(backupFile)).toBe(inCopy);
		// Not torn: whole pairs only, and the first k of them without a gap.
		const live = count(backupFile, `where id like 'live-%'`);
		expect(live % 2).toBe(0);
		const pairs = live / 2;
		if (pairs > 0) expect(count(backupFile, `where id = 'live-${pairs - 1}-b'`)).toBe(1);
		expect(count(backupFile, `where id = 'live-${pairs}-a'`)).toBe(0);

		const check = checkBackup(backupFile);
		expect(check.problems).toEqual([]);
		expect(check.ok).toBe(true);
		expect(check.migrations).toEqual(knownMigrations());
		expect(check.pending).toEqual([]);
		expect(check.rows).toEqual(backup.rows);
		// One file, no WAL beside it.
		expect(fs.existsSync(`${backupFile}-wal`)).toBe(false);
	});

	it('restores into a fresh path with identical row counts', async () => {
		const target = path.join(dir, 'fresh', 'olievlek.db');
		const restored = await restoreSqlite(backupFile, target);
		expect(restored.movedAside).toBeNull();
		expect(restored.rows).toEqual(backup.rows);
		expect(count(target)).toBe(backup.rows.outbox);
		const db = new Database(target, { readonly: true });
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
		db.close();
	});

	it('moves the database it replaces aside instead of deleting it', async () => {
		const target = path.join(dir, 'replace.db');
		const old = openDatabase(target);
		await migrateToLatest(old.authDb as never);
		insert(old.sqlite!).run('old-1', 'old', 'old');
		await old.close();
		const now = new Date('2026-11-23T12:34:56.789Z');
		const restored = await restoreSqlite(backupFile, target, { now });
		expect(restored.movedAside).toBe(`${target}.before-restore-2026-11-23T123456Z`);
		expect(count(restored.movedAside!)).toBe(1);
		expect(count(target)).toBe(backup.rows.outbox);
	});

	it('refuses a damaged file, a file that is no database, and one of another app', async () => {
		const target = path.join(dir, 'untouched.db');
		const corrupt = path.join(dir, 'corrupt.db');
		fs.copyFileSync(backupFile, corrupt);
		const fd = fs.openSync(corrupt, 'r+');
		const garbage = Buffer.alloc(4096 * 8, 0xa5);
		for (const page of [3, 50, 400]) fs.writeSync(fd, garbage, 0, garbage.length, page * 4096);
		fs.closeSync(fd);
		expect(checkBackup(corrupt).ok).toBe(false);
		await expect(restoreSqlite(corrupt, target)).rejects.toThrow(/integrity_check|damaged/);

		const text = path.join(dir, 'notes.txt');
		fs.writeFileSync(text, 'This is not a database, just some notes.\n'.repeat(200));
		await expect(restoreSqlite(text, target)).rejects.toThrow(/not a SQLite database/);
		await expect(restoreSqlite(path.join(dir, 'missing.db'), target)).rejects.toThrow(
			/does not exist/
		);

		const other = path.join(dir, 'other.db');
		const db = new Database(other);
		db.exec('create table things (id integer primary key)');
		db.close();
		await expect(restoreSqlite(other, target)).rejects.toThrow(/kysely_migration/);
		expect(fs.existsSync(target)).toBe(false);
	});

	it('refuses a backup made by a newer version', async () => {
		const newer = path.join(dir, 'newer.db');
		fs.copyFileSync(backupFile, newer);
		const db = new Database(newer);
		db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
			'2099-01-01T0000-future',
			new Date().toISOString()
		);
		db.close();
		await expect(restoreSqlite(newer, path.join(dir, 'x.db'))).rejects.toThrow(
			/newer Olievlek.*2099-01-01T0000-future/
		);
	});

	it('refuses while the database is open in a read transaction, then restores', async () => {
		const target = path.join(dir, 'busy.db');
		fs.copyFileSync(backupFile, target);
		const holder = new Database(target);
		holder.pragma('journal_mode = WAL');
		holder.exec('BEGIN');
		holder.prepare('select count(*) from outbox').get();
		await expect(restoreSqlite(backupFile, target)).rejects.toThrow(/stop Olievlek first/);
		holder.exec('COMMIT');
		// Merely open (as an idle server is) is still in use.
		expect(() => assertNotInUse(target)).toThrow(/stop Olievlek first/);
		expect(fs.readdirSync(dir).filter((f) => f.startsWith('busy.db.'))).toEqual([]);
		holder.close();
		const restored = await restoreSqlite(backupFile, target);
		expect(restored.movedAside).toMatch(/busy\.db\.before-restore-/);
		expect(count(target)).toBe(backup.rows.outbox);
	});
});
