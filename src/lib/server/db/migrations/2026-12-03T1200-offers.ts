import { Kysely, sql } from 'kysely';

// Needs others can meet (issue 13): a member offers help with a need of a commitment shared with
// the network ("I can help", with a note to its owners); an owner accepts or thanks. One offer per
// person and commitment; offering again changes the note.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('commitment_offer')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('commitment_id', 'text', (c) =>
			c.notNull().references('commitment.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('offered', 'accepted', 'thanked')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('answered_at', 'text')
		.addUniqueConstraint('commitment_offer_uq', ['commitment_id', 'user_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('commitment_offer').execute();
}
