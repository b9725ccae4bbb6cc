import { Kysely, sql } from 'kysely';
import { isPostgres } from './dialect.ts';

// PostgreSQL mode: the live "this changed" events, so any instance can replay what a
// reconnecting screen missed from Last-Event-ID. Rows are small (ids and topic names, never
// content) and pruned after a few hours. SQLite mode (one instance) keeps them in memory.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('live_event')
		.addColumn('id', isPostgres(db) ? 'bigserial' : 'integer', (c) =>
			isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement()
		)
		.addColumn('session_id', 'text', (c) => c.notNull())
		.addColumn('topics', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
		.execute();
	await db.schema
		.createIndex('live_event_session_idx')
		.on('live_event')
		.columns(['session_id', 'id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('live_event').execute();
}
