import { Kysely, sql } from 'kysely';

// The rest of a live session: moderation of post-its (hide, merge, cluster), a timer, answers to
// guiding questions (for all, or per group), and breakout groups on the top items.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('postit').addColumn('cluster', 'text').execute();
	// A merged post-it is hidden and points at the one it was merged into; its dots count there.
	await db.schema
		.alterTable('postit')
		.addColumn('merged_into_id', 'text', (c) => c.references('postit.id').onDelete('set null'))
		.execute();
	await db.schema.alterTable('network_session').addColumn('timer_ends_at', 'text').execute();
	await db.schema.alterTable('network_session').addColumn('timer_seconds', 'integer').execute();
	// The calendar sequence members were last mailed about: a later change of date mails them again.
	await db.schema.alterTable('network_session').addColumn('invited_sequence', 'integer').execute();
	// Attachments (a calendar file) of mails kept in the development outbox, as JSON.
	await db.schema.alterTable('outbox').addColumn('attachments', 'text').execute();
	await db.schema
		.alterTable('agenda_step')
		.addColumn('group_mode', 'text', (c) => c.check(sql`group_mode in ('assign', 'choose')`))
		.execute();

	await db.schema
		.createTable('breakout_group')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('postit_id', 'text', (c) => c.references('postit.id').onDelete('set null'))
		.addColumn('title', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('breakout_group_step_idx')
		.on('breakout_group')
		.column('step_id')
		.execute();

	// One group per person per step: the primary key says so.
	await db.schema
		.createTable('breakout_member')
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		.addColumn('group_id', 'text', (c) =>
			c.notNull().references('breakout_group.id').onDelete('cascade')
		)
		.addColumn('participant_id', 'text', (c) =>
			c.notNull().references('participant.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('breakout_member_pk', ['step_id', 'participant_id'])
		.execute();

	await db.schema
		.createTable('answer')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		.addColumn('group_id', 'text', (c) => c.references('breakout_group.id').onDelete('cascade'))
		.addColumn('question_index', 'integer', (c) =>
			c.notNull().check(sql`question_index between 0 and 49`)
		)
		// Null when the step is anonymous: no person id is stored with the answer.
		.addColumn('participant_id', 'text', (c) => c.references('participant.id').onDelete('set null'))
		.addColumn('client_id', 'text', (c) => c.notNull().unique())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('is_hidden', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_hidden in (0, 1)`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('answer_step_idx').on('answer').column('step_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['answer', 'breakout_member', 'breakout_group'])
		await db.schema.dropTable(t).execute();
	await db.schema.alterTable('agenda_step').dropColumn('group_mode').execute();
	await db.schema.alterTable('network_session').dropColumn('timer_seconds').execute();
	await db.schema.alterTable('network_session').dropColumn('invited_sequence').execute();
	await db.schema.alterTable('outbox').dropColumn('attachments').execute();
	await db.schema.alterTable('network_session').dropColumn('timer_ends_at').execute();
	await db.schema.alterTable('postit').dropColumn('merged_into_id').execute();
	await db.schema.alterTable('postit').dropColumn('cluster').execute();
}
