import { Kysely } from 'kysely';

// Progress conversations (issue 13): a coaching talk is about at most one commitment of the
// talk's member. The link lives with the commitments (the trajectory module knows nothing of
// them); it goes when the talk or the commitment goes.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('commitment_talk')
		.addColumn('talk_id', 'text', (c) =>
			c.primaryKey().references('coaching_talk.id').onDelete('cascade')
		)
		.addColumn('commitment_id', 'text', (c) =>
			c.notNull().references('commitment.id').onDelete('cascade')
		)
		.addColumn('linked_at', 'text', (c) => c.notNull())
		.addColumn('linked_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('commitment_talk_commitment_idx')
		.on('commitment_talk')
		.column('commitment_id')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('commitment_talk').execute();
}
