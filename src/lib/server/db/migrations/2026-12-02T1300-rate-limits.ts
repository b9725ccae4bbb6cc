import { Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

// On PostgreSQL the per-address limits live here, shared by every instance (rate-limiter-
// flexible's table shape: points used and when they expire, in ms). SQLite runs one instance
// and keeps its limits in memory, so it has no such table.
export async function up(db: Kysely<any>): Promise<void> {
	if (!isPostgres(db)) return;
	await db.schema
		.createTable('rate_limit')
		.addColumn('key', 'varchar(255)', (c) => c.primaryKey())
		.addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('expire', 'bigint')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	if (!isPostgres(db)) return;
	await db.schema.dropTable('rate_limit').execute();
}
