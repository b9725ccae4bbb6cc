import { Kysely, sql } from 'kysely';

// Reminders (issue 13): what each person wants of them. No row means the defaults: reminders on,
// one mail each, in the network's time zone. Reminders themselves are jobs (kind `reminder`).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('reminder_preference')
		.addColumn('user_id', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
		.addColumn('enabled', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(1)
				.check(sql`enabled in (0, 1)`)
		)
		.addColumn('digest', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`digest in (0, 1)`)
		)
		.addColumn('time_zone', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('reminder_preference').execute();
}
