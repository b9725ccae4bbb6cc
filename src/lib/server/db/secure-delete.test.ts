import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './index.ts';
import { migrateToLatest } from './migrate.ts';

// SQLite only: PostgreSQL keeps deleted rows as dead tuples until VACUUM (see the README).
describe('deleted text does not stay readable in the SQLite file', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'olv-secure-delete-'));
	const file = path.join(dir, 'olievlek.db');
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	const bytes = () =>
		Buffer.concat(
			[file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f))
		);

	it('a deleted row is gone from the database file and its log after a checkpoint', async () => {
		const database = openDatabase(file);
		await migrateToLatest(database.authDb as never);
		const sqlite = database.sqlite!;
		// secure_delete is a property of the connection, so any table shows it; a small one keeps
		// the text on one page, the way a post-it sits among others.
		sqlite.exec('create table probe (id integer primary key, text text not null)');
		for (let i = 0; i < 20; i++)
			sqlite.prepare('insert into probe (text) values (?)').run(`buur ${i}`);
		const secret = `Ik ben als kind uitgescholden om mijn huidskleur ${crypto.randomUUID()}`;
		sqlite.prepare('insert into probe (text) values (?)').run(secret);
		sqlite.pragma('wal_checkpoint(TRUNCATE)');
		// The probe is findable while it exists: the search below can see text in the file.
		expect(bytes().includes(Buffer.from(secret))).toBe(true);
		sqlite.prepare('delete from probe where text = ?').run(secret);
		sqlite.pragma('wal_checkpoint(TRUNCATE)');
		expect(bytes().includes(Buffer.from(secret))).toBe(false);
		await database.close();
	});
});
