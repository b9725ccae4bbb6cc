import { Kysely, sql } from 'kysely';

// Commitments (issue 13, first half): what a member commits to, with co-owners, a dated history
// of its state, and its action plan: the 100-day question, roles, sprints with actions, the
// five-point check-ins at the start and end of each sprint, and funding scenarios. Every date a
// reminder will look for is a plain YYYY-MM-DD column with an index: the 100 days reached
// (`hundred_days_on`), a check-in falling due (a sprint's `starts_on` / `ends_on`), an action due
// (`due_on`). States, scores and choices are CHECK constraints, on SQLite and PostgreSQL alike.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('commitment')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('why', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('goal_id', 'text', (c) => c.references('goal.id').onDelete('set null'))
		.addColumn('first_step', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('needs', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('thresholds', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('proposed', 'active', 'paused', 'kept', 'let_go')`)
		)
		.addColumn('visibility', 'text', (c) =>
			c
				.notNull()
				.defaultTo('private')
				.check(sql`visibility in ('private', 'coach', 'network')`)
		)
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		// The action plan, one per commitment.
		.addColumn('hundred_days', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('hundred_days_on', 'text')
		.addColumn('roles_other', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('values_text', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('superpowers', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('council', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('commitment_network_idx')
		.on('commitment')
		.columns(['network_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('commitment_hundred_days_idx')
		.on('commitment')
		.column('hundred_days_on')
		.execute();
	await db.schema
		.createTable('commitment_owner')
		.addColumn('commitment_id', 'text', (c) =>
			c.notNull().references('commitment.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('commitment_owner_pk', ['commitment_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('commitment_owner_user_idx')
		.on('commitment_owner')
		.column('user_id')
		.execute();
	await db.schema
		.createTable('commitment_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('commitment_id', 'text', (c) =>
			c.notNull().references('commitment.id').onDelete('cascade')
		)
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('proposed', 'active', 'paused', 'kept', 'let_go')`)
		)
		.addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('by_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('commitment_event_idx')
		.on('commitment_event')
		.columns(['commitment_id', 'at'])
		.execute();
	await db.schema
		.createTable('commitment_role')
		.addColumn('commitment_id', 'text', (c) =>
			c.notNull().references('commitment.id').onDelete('cascade')
		)
		.addColumn('role', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`role in ('connecting', 'advocating', 'initiating', 'facilitating', 'informing', 'supporting', 'guarding')`
				)
		)
		.addPrimaryKeyConstraint('commitment_role_pk', ['commitment_id', 'role'])
		.execute();
	await db.schema
		.createTable('commitment_sprint')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('commitment_id', 'text', (c) =>
			c.notNull().references('commitment.id').onDelete('cascade')
		)
		.addColumn('starts_on', 'text', (c) => c.notNull())
		.addColumn('ends_on', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addCheckConstraint('commitment_sprint_dates', sql`ends_on >= starts_on`)
		.execute();
	await db.schema
		.createIndex('commitment_sprint_idx')
		.on('commitment_sprint')
		.columns(['commitment_id', 'starts_on'])
		.execute();
	await db.schema
		.createIndex('commitment_sprint_start_idx')
		.on('commitment_sprint')
		.column('starts_on')
		.execute();
	await db.schema
		.createIndex('commitment_sprint_end_idx')
		.on('commitment_sprint')
		.column('ends_on')
		.execute();
	await db.schema
		.createTable('commitment_action')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('sprint_id', 'text', (c) =>
			c.notNull().references('commitment_sprint.id').onDelete('cascade')
		)
		.addColumn('owner_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('due_on', 'text')
		.addColumn('recurrence', 'text', (c) =>
			c
				.notNull()
				.defaultTo('none')
				.check(sql`recurrence in ('none', 'weeks', 'session')`)
		)
		.addColumn('every_weeks', 'integer')
		.addColumn('attempts', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`attempts >= 0`)
		)
		.addColumn('done_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addCheckConstraint(
			'commitment_action_every',
			sql`(recurrence = 'weeks' and every_weeks between 1 and 52)
				or (recurrence <> 'weeks' and every_weeks is null)`
		)
		.execute();
	await db.schema
		.createIndex('commitment_action_sprint_idx')
		.on('commitment_action')
		.columns(['sprint_id', 'created_at'])
		.execute();
	await db.schema
		.createIndex('commitment_action_due_idx')
		.on('commitment_action')
		.column('due_on')
		.execute();
	await db.schema
		.createTable('commitment_checkin')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('sprint_id', 'text', (c) =>
			c.notNull().references('commitment_sprint.id').onDelete('cascade')
		)
		.addColumn('moment', 'text', (c) => c.notNull().check(sql`moment in ('start', 'end')`))
		.addColumn('by_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('at', 'text', (c) => c.notNull())
		.addUniqueConstraint('commitment_checkin_uq', ['sprint_id', 'moment'])
		.execute();
	await db.schema
		.createTable('commitment_checkin_point')
		.addColumn('checkin_id', 'text', (c) =>
			c.notNull().references('commitment_checkin.id').onDelete('cascade')
		)
		.addColumn('point', 'text', (c) =>
			c.notNull().check(sql`point in ('time', 'money', 'information', 'organisation', 'quality')`)
		)
		.addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 1 and 5`))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('commitment_checkin_point_pk', ['checkin_id', 'point'])
		.execute();
	await db.schema
		.createTable('commitment_funding')
		.addColumn('commitment_id', 'text', (c) =>
			c.notNull().references('commitment.id').onDelete('cascade')
		)
		.addColumn('size', 'text', (c) => c.notNull().check(sql`size in ('small', 'medium', 'large')`))
		.addColumn('funds', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('commitment_funding_pk', ['commitment_id', 'size'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'commitment_funding',
		'commitment_checkin_point',
		'commitment_checkin',
		'commitment_action',
		'commitment_sprint',
		'commitment_role',
		'commitment_event',
		'commitment_owner',
		'commitment'
	])
		await db.schema.dropTable(t).execute();
}
