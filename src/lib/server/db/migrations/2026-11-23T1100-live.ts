import { Kysely, sql } from 'kysely';

// Live participation: who joined, what they wrote, where they put their dots. Invariants that a
// room full of phones must not break live here: one use per client id, dots and post-its per
// person counted in rows the services lock, never below zero.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('network_session').addColumn('join_code', 'text').execute();
	await db.schema.alterTable('network_session').addColumn('current_step_id', 'text').execute();
	await db.schema
		.createIndex('network_session_join_code_uq')
		.on('network_session')
		.column('join_code')
		.unique()
		.where(sql.ref('join_code'), 'is not', null)
		.execute();
	await db.schema
		.alterTable('agenda_step')
		.addColumn('state', 'text', (c) =>
			c
				.notNull()
				.defaultTo('pending')
				.check(sql`state in ('pending', 'open', 'closed')`)
		)
		.execute();
	await db.schema.alterTable('agenda_step').addColumn('source_step_id', 'text').execute();

	await db.schema
		.createTable('participant')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('session_id', 'text', (c) =>
			c.notNull().references('network_session.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('participant_session_idx')
		.on('participant')
		.column('session_id')
		.execute();

	await db.schema
		.createTable('postit')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		// Null in an anonymous round: no person id is stored with the post-it at all.
		.addColumn('participant_id', 'text', (c) => c.references('participant.id').onDelete('set null'))
		// Lets the writer of an anonymous post-it edit it without linking it to them.
		.addColumn('author_secret_hash', 'text')
		.addColumn('client_id', 'text', (c) => c.notNull().unique())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('is_hidden', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_hidden in (0, 1)`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('postit_step_idx').on('postit').column('step_id').execute();

	// How many post-its a participant has in a round, kept apart from the post-its themselves.
	await db.schema
		.createTable('postit_quota')
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		.addColumn('participant_id', 'text', (c) =>
			c.notNull().references('participant.id').onDelete('cascade')
		)
		.addColumn('used', 'integer', (c) => c.notNull().check(sql`used >= 0`))
		.addPrimaryKeyConstraint('postit_quota_pk', ['step_id', 'participant_id'])
		.execute();

	await db.schema
		.createTable('dot')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		.addColumn('postit_id', 'text', (c) => c.notNull().references('postit.id').onDelete('cascade'))
		.addColumn('participant_id', 'text', (c) =>
			c.notNull().references('participant.id').onDelete('cascade')
		)
		.addColumn('client_id', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('dot_step_participant_idx')
		.on('dot')
		.columns(['step_id', 'participant_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['dot', 'postit_quota', 'postit', 'participant'])
		await db.schema.dropTable(t).execute();
}
