import type { Kysely } from 'kysely';

// The phone's goodbye offers to leave an e-mail address to receive the report (issue 17). The
// address is kept with the session only: no participant, so it ties nobody to what they wrote.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('report_subscriber')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('session_id', 'text', (c) =>
			c.notNull().references('network_session.id').onDelete('cascade')
		)
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('report_subscriber_uq', ['session_id', 'email'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('report_subscriber').execute();
}
