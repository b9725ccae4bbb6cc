import { PostgresAdapter, type Kysely } from 'kysely';

/** Migrations are shared; the few column types that differ are chosen here. */
export function isPostgres(db: Kysely<any>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}
