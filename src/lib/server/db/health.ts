import { sql, type Kysely } from 'kysely';

/** True when the database answers a query (the health check of a load balancer). */
export async function databaseAnswers<DB>(db: Kysely<DB>): Promise<boolean> {
	try {
		await sql`select 1`.execute(db);
		return true;
	} catch {
		return false;
	}
}
