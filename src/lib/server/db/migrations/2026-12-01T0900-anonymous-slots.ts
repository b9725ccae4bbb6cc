import { Kysely } from 'kysely';

// `postit_quota` kept one row per person and round, written with that person's first post-it
// and counting theirs: its row order and counts tied anonymous post-its to their writers. A
// round's allowance is now a set of slots, each keyed by an HMAC of the phone's own secret
// (only its hash is stored in `participant`), so a slot row names nobody, in any order or count.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('postit_quota').execute();
	await db.schema
		.createTable('postit_slot')
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		.addColumn('slot_key', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('postit_slot_pk', ['step_id', 'slot_key'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('postit_slot').execute();
	await db.schema
		.createTable('postit_quota')
		.addColumn('step_id', 'text', (c) => c.notNull())
		.addColumn('participant_id', 'text', (c) => c.notNull())
		.addColumn('used', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('postit_quota_pk', ['step_id', 'participant_id'])
		.execute();
}
