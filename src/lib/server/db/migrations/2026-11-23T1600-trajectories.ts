import { Kysely, sql } from 'kysely';

// Personal trajectories (issue 5): what a member keeps between sessions, each item with a
// visibility (private, coach, network; private by default), and the 1-on-1 coaching between
// a coach and a member. The owner column is nullable: when a member leaves, their private items
// are deleted and their shared items stay without a name ("a former member").
export async function up(db: Kysely<any>): Promise<void> {
	const VIS = sql`CHECK (visibility IN ('private', 'coach', 'network'))`;
	const owned = (name: string) =>
		db.schema
			.createTable(name)
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('network_id', 'text', (c) =>
				c.notNull().references('network.id').onDelete('cascade')
			)
			.addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
			.addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private').modifyEnd(VIS));
	await owned('intent')
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('intent_owner_idx')
		.on('intent')
		.columns(['network_id', 'user_id'])
		.unique()
		.execute();
	await owned('goal')
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('why', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('who', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('theme', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('state', 'text', (c) =>
			c
				.notNull()
				.modifyEnd(sql`CHECK (state IN ('forming', 'set', 'in_progress', 'reached', 'let_go'))`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('goal_owner_idx')
		.on('goal')
		.columns(['network_id', 'user_id'])
		.unique()
		.execute();
	await db.schema
		.createTable('goal_event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('goal_id', 'text', (c) => c.notNull().references('goal.id').onDelete('cascade'))
		.addColumn('state', 'text', (c) => c.notNull())
		.addColumn('change', 'text', (c) => c.notNull())
		.addColumn('at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('goal_event_goal_idx')
		.on('goal_event')
		.columns(['goal_id', 'at'])
		.execute();
	await owned('canvas')
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('canvas_owner_idx')
		.on('canvas')
		.columns(['network_id', 'user_id'])
		.execute();
	await db.schema
		.createTable('canvas_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('canvas_id', 'text', (c) => c.notNull().references('canvas.id').onDelete('cascade'))
		.addColumn('section', 'text', (c) =>
			c
				.notNull()
				.modifyEnd(
					sql`CHECK (section IN ('jobs', 'pains', 'gains', 'products', 'relievers', 'creators'))`
				)
		)
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('canvas_item_canvas_idx')
		.on('canvas_item')
		.columns(['canvas_id', 'section', 'position'])
		.execute();
	await db.schema
		.createTable('canvas_fit')
		.addColumn('canvas_id', 'text', (c) => c.notNull().references('canvas.id').onDelete('cascade'))
		.addColumn('from_id', 'text', (c) =>
			c.notNull().references('canvas_item.id').onDelete('cascade')
		)
		.addColumn('to_id', 'text', (c) => c.notNull().references('canvas_item.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('canvas_fit_pk', ['from_id', 'to_id'])
		.execute();
	await owned('conversation')
		.addColumn('kind', 'text', (c) =>
			c.notNull().modifyEnd(sql`CHECK (kind IN ('planned', 'practised', 'real'))`)
		)
		.addColumn('held_on', 'text')
		.addColumn('with_whom', 'text', (c) => c.notNull())
		.addColumn('how_it_went', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('learned', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('next_step', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('conversation_owner_idx')
		.on('conversation')
		.columns(['network_id', 'user_id'])
		.execute();
	await owned('reflection')
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		.addColumn('stayed', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('will_try', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('reflection_owner_idx')
		.on('reflection')
		.columns(['network_id', 'user_id'])
		.execute();

	// Coaching: who coaches whom (one coach per member per network), the talks, their shared
	// agenda, and the coach's own notes in a table of their own (only the coach ever reads it).
	await db.schema
		.createTable('coach')
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('member_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('coach_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('since', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('coach_pk', ['network_id', 'member_id'])
		.execute();
	await db.schema
		.createTable('coaching_talk')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('member_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('coach_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('starts_at', 'text', (c) => c.notNull())
		.addColumn('minutes', 'integer', (c) => c.notNull())
		.addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('planned')
				.modifyEnd(sql`CHECK (status IN ('planned', 'held', 'cancelled'))`)
		)
		.addColumn('shared_notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('next_steps', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('coaching_talk_member_idx')
		.on('coaching_talk')
		.columns(['network_id', 'member_id', 'starts_at'])
		.execute();
	await db.schema
		.createIndex('coaching_talk_coach_idx')
		.on('coaching_talk')
		.columns(['network_id', 'coach_id', 'starts_at'])
		.execute();
	await db.schema
		.createTable('coaching_agenda_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('talk_id', 'text', (c) =>
			c.notNull().references('coaching_talk.id').onDelete('cascade')
		)
		.addColumn('author_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('coach_note')
		.addColumn('talk_id', 'text', (c) =>
			c.primaryKey().references('coaching_talk.id').onDelete('cascade')
		)
		.addColumn('coach_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'coach_note',
		'coaching_agenda_item',
		'coaching_talk',
		'coach',
		'reflection',
		'conversation',
		'canvas_fit',
		'canvas_item',
		'canvas',
		'goal_event',
		'goal',
		'intent'
	])
		await db.schema.dropTable(t).execute();
}
