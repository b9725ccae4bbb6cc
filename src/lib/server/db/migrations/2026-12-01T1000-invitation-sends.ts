import type { Kysely } from 'kysely';

// Every invitation mail a network sends (a first one or a resend), so the daily limit per
// network is counted from the database: it holds across instances and restarts.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('invitation_send')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('invitation_id', 'text', (c) =>
			c.notNull().references('invitation.id').onDelete('cascade')
		)
		.addColumn('sent_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('invitation_send_network_idx')
		.on('invitation_send')
		.columns(['network_id', 'sent_at'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('invitation_send').execute();
}
