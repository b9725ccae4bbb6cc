import { Kysely, sql } from 'kysely';
import { isPostgres } from './dialect.ts';

// Followed up in the next session (issue 13): a step kind `commitment_checkin`, where each member
// reports on their open commitments (kept / partly / not yet) with an optional line they may let
// the screen show. One report per participant, commitment and step; a repeat changes it.

// The kinds as written when this migration was (later kinds get migrations of their own).
const KINDS = `'checkin', 'recap', 'input_talk', 'exercise', 'group_exchange', 'postit_round', 'dot_vote', 'breakout', 'checkout', 'next_session'`;
const OLD = `${KINDS})`;
const NEW = `${KINDS}, 'commitment_checkin')`;
const TABLES = ['work_form', 'agenda_step'] as const;

/**
 * Widens the CHECK on `kind` of both tables. PostgreSQL alters the constraint; SQLite cannot,
 * so the table is rebuilt from its own stored definition with the new list (the procedure of
 * sqlite.org/lang_altertable.html#otheralter: foreign keys off, copy, drop, rename, check).
 * The migrator runs SQLite migrations outside a transaction, so the pragma takes effect.
 * Later migrations that widen the list again use it too.
 */
export async function setKinds(db: Kysely<any>, from: string, to: string) {
	if (isPostgres(db)) {
		for (const table of TABLES) {
			const checks = await sql<{ name: string }>`
				select conname as name from pg_constraint
				where conrelid = ${table}::regclass and contype = 'c'
				and pg_get_constraintdef(oid) like '%next_session%'`.execute(db);
			for (const c of checks.rows)
				await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(c.name)}`.execute(db);
			await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_kind_check`)}
				check (kind in (${sql.raw(to)})`.execute(db);
		}
		return;
	}
	await sql`pragma foreign_keys = off`.execute(db);
	try {
		await sql`begin`.execute(db);
		for (const table of TABLES) {
			const { rows } = await sql<{ type: string; sql: string | null }>`
				select type, sql from sqlite_master where tbl_name = ${table}`.execute(db);
			const create = rows.find((r) => r.type === 'table')?.sql ?? '';
			if (!create.includes(from)) throw new Error(`${table}: kind check not found`);
			const rebuilt = create
				.replace(/^CREATE TABLE "?\w+"?/i, `create table "${table}_new"`)
				.replaceAll(from, to);
			await sql.raw(rebuilt).execute(db);
			await sql.raw(`insert into "${table}_new" select * from "${table}"`).execute(db);
			await sql.raw(`drop table "${table}"`).execute(db);
			await sql.raw(`alter table "${table}_new" rename to "${table}"`).execute(db);
			for (const r of rows) if (r.type === 'index' && r.sql) await sql.raw(r.sql).execute(db);
		}
		const broken = await sql`pragma foreign_key_check`.execute(db);
		if (broken.rows.length) throw new Error('foreign keys broken by the rebuild');
		await sql`commit`.execute(db);
	} catch (e) {
		await sql`rollback`.execute(db);
		throw e;
	} finally {
		await sql`pragma foreign_keys = on`.execute(db);
	}
}

export async function up(db: Kysely<any>): Promise<void> {
	await setKinds(db, OLD, NEW);
	await db.schema
		.createTable('commitment_report')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		.addColumn('commitment_id', 'text', (c) =>
			c.notNull().references('commitment.id').onDelete('cascade')
		)
		.addColumn('participant_id', 'text', (c) =>
			c.notNull().references('participant.id').onDelete('cascade')
		)
		.addColumn('outcome', 'text', (c) =>
			c.notNull().check(sql`outcome in ('kept', 'partly', 'not_yet')`)
		)
		.addColumn('line', 'text', (c) => c.notNull().check(sql`length(line) <= 280`))
		.addColumn('show_line', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`show_line in (0, 1)`)
		)
		.addColumn('client_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('commitment_report_uq', ['step_id', 'commitment_id', 'participant_id'])
		.addUniqueConstraint('commitment_report_client_uq', ['client_id'])
		.execute();
	await db.schema
		.createIndex('commitment_report_commitment_idx')
		.on('commitment_report')
		.columns(['commitment_id', 'updated_at'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('commitment_report').execute();
	await db.deleteFrom('agenda_step').where('kind', '=', 'commitment_checkin').execute();
	await db.deleteFrom('work_form').where('kind', '=', 'commitment_checkin').execute();
	await setKinds(db, NEW, OLD);
}
