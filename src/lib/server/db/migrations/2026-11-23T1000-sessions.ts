import { Kysely, sql } from 'kysely';

const KINDS = sql`kind in ('checkin', 'recap', 'input_talk', 'exercise', 'group_exchange', 'postit_round', 'dot_vote', 'breakout', 'checkout', 'next_session')`;

// `network_session`, because better-auth's login sessions already own the name `session`.
export async function up(db: Kysely<any>): Promise<void> {
	// A network's own work forms; the built-in ones live in code with their texts in messages/.
	await db.schema
		.createTable('work_form')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull().check(KINDS))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('instructions', 'text', (c) => c.notNull())
		.addColumn('default_minutes', 'integer', (c) => c.check(sql`default_minutes between 1 and 600`))
		.addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('work_form_name_uq', ['network_id', 'name'])
		.execute();

	await db.schema
		.createTable('network_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('number', 'integer', (c) => c.check(sql`number between 1 and 999`))
		.addColumn('starts_at', 'text')
		.addColumn('minutes', 'integer', (c) => c.check(sql`minutes between 1 and 1440`))
		.addColumn('place', 'text', (c) => c.notNull())
		.addColumn('host_organisation_id', 'text', (c) =>
			c.references('organisation.id').onDelete('set null')
		)
		.addColumn('theme', 'text', (c) => c.notNull())
		.addColumn('objectives', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('planned', 'live', 'closed')`)
		)
		.addColumn('calendar_sequence', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('session_network_idx')
		.on('network_session')
		.columns(['network_id', 'starts_at'])
		.execute();

	await db.schema
		.createTable('session_facilitator')
		.addColumn('session_id', 'text', (c) =>
			c.notNull().references('network_session.id').onDelete('cascade')
		)
		.addColumn('membership_id', 'text', (c) =>
			c.notNull().references('membership.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('session_facilitator_pk', ['session_id', 'membership_id'])
		.execute();

	await db.schema
		.createTable('agenda_step')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('session_id', 'text', (c) =>
			c.notNull().references('network_session.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(KINDS))
		.addColumn('work_form_id', 'text', (c) => c.references('work_form.id').onDelete('set null'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('minutes', 'integer', (c) => c.check(sql`minutes between 1 and 600`))
		.addColumn('prompt', 'text', (c) => c.notNull())
		.addColumn('questions', 'text', (c) => c.notNull())
		.addColumn('max_per_person', 'integer', (c) => c.check(sql`max_per_person between 1 and 50`))
		.addColumn('max_length', 'integer', (c) => c.check(sql`max_length between 10 and 2000`))
		.addColumn('is_anonymous', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_anonymous in (0, 1)`)
		)
		.addColumn('dots', 'integer', (c) => c.check(sql`dots between 1 and 50`))
		.addColumn('max_dots_per_item', 'integer', (c) =>
			c.check(sql`max_dots_per_item between 1 and 50`)
		)
		.addColumn('tally', 'text', (c) => c.check(sql`tally in ('live', 'hidden')`))
		.addColumn('top_items', 'integer', (c) => c.check(sql`top_items between 1 and 20`))
		.addUniqueConstraint('agenda_step_position_uq', ['session_id', 'position'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['agenda_step', 'session_facilitator', 'network_session', 'work_form']) {
		await db.schema.dropTable(t).execute();
	}
}
