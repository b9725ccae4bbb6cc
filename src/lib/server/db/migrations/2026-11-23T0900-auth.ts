import { Kysely, sql } from 'kysely';
import { isPostgres } from './dialect.ts';

// better-auth's tables, written by hand so one migration set serves both databases.
// Dates are real timestamps on PostgreSQL and ISO text on SQLite (better-auth converts).
export async function up(db: Kysely<any>): Promise<void> {
	const isPg = isPostgres(db);
	const ts = isPg ? 'timestamptz' : 'text';
	const bool = isPg ? 'boolean' : 'integer';

	await db.schema
		.createTable('user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('emailVerified', bool, (c) => c.notNull())
		.addColumn('image', 'text')
		.addColumn('locale', 'text', (c) => c.check(sql`"locale" in ('nl', 'en', 'fr')`))
		.addColumn('createdAt', ts, (c) => c.notNull())
		.addColumn('updatedAt', ts, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('expiresAt', ts, (c) => c.notNull())
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('createdAt', ts, (c) => c.notNull())
		.addColumn('updatedAt', ts, (c) => c.notNull())
		.addColumn('ipAddress', 'text')
		.addColumn('userAgent', 'text')
		.addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.execute();
	await db.schema.createIndex('session_user_idx').on('session').column('userId').execute();

	await db.schema
		.createTable('account')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('accountId', 'text', (c) => c.notNull())
		.addColumn('providerId', 'text', (c) => c.notNull())
		.addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('accessToken', 'text')
		.addColumn('refreshToken', 'text')
		.addColumn('idToken', 'text')
		.addColumn('accessTokenExpiresAt', ts)
		.addColumn('refreshTokenExpiresAt', ts)
		.addColumn('scope', 'text')
		.addColumn('password', 'text')
		.addColumn('createdAt', ts, (c) => c.notNull())
		.addColumn('updatedAt', ts, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('account_user_idx').on('account').column('userId').execute();

	await db.schema
		.createTable('verification')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('identifier', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('expiresAt', ts, (c) => c.notNull())
		.addColumn('createdAt', ts, (c) => c.notNull())
		.addColumn('updatedAt', ts, (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('verification_identifier_idx')
		.on('verification')
		.column('identifier')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['verification', 'account', 'session', 'user']) {
		await db.schema.dropTable(t).execute();
	}
}
