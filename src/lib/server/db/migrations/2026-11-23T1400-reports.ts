import { Kysely } from 'kysely';

// The facilitator's edits of a session report, with every saved version kept: who, when, what.
// The captured data itself is never changed by editing; the report is assembled from it and the
// edits are laid over it (an introduction, a closing, sections left out, a note per section).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('report')
		.addColumn('session_id', 'text', (c) =>
			c.primaryKey().references('network_session.id').onDelete('cascade')
		)
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('published_version', 'integer')
		.addColumn('published_at', 'text')
		.addColumn('updated_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('report_version')
		.addColumn('session_id', 'text', (c) =>
			c.notNull().references('network_session.id').onDelete('cascade')
		)
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('report_version_pk', ['session_id', 'version'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('report_version').execute();
	await db.schema.dropTable('report').execute();
}
