import { Kysely, sql } from 'kysely';

// Learning questions (issue 14): the chain from a challenge a region brings, through the theme it
// was clustered into, to a learning question, its tips (one level of sub-tips) and the curated
// insights, published in collections. Provenance is kept in columns, not copied text: a
// challenge knows the post-it it came from, a question its theme, session and breakout group, an
// insight the tips it was made of (`learning_insight_tip`, a tip in at most one insight) and every
// wording it had (`learning_insight_revision`). An anonymous challenge has no author, no
// organisation and no region, and its time is the day only.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('learning_collection')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('introduction', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		.addColumn('published_at', 'text')
		.addColumn('public_at', 'text')
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addCheckConstraint(
			'learning_collection_public_ck',
			sql`public_at is null or published_at is not null`
		)
		.execute();
	await db.schema
		.createTable('learning_theme')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		// The dots the room gave it (null when it was not voted on) and whether it was chosen.
		.addColumn('votes', 'integer')
		.addColumn('is_chosen', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_chosen in (0, 1)`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('learning_theme_network_idx')
		.on('learning_theme')
		.columns(['network_id', 'session_id'])
		.execute();
	await db.schema
		.createTable('learning_challenge')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('theme_id', 'text', (c) => c.references('learning_theme.id').onDelete('set null'))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('author_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('organisation_id', 'text', (c) =>
			c.references('organisation.id').onDelete('set null')
		)
		.addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('is_anonymous', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_anonymous in (0, 1)`)
		)
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		// The post-it it was taken from: taken once, however often the session is harvested.
		.addColumn('postit_id', 'text', (c) => c.unique().references('postit.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addCheckConstraint(
			'learning_challenge_anonymous_ck',
			sql`is_anonymous = 0 or (author_id is null and organisation_id is null and region = '')`
		)
		.execute();
	await db.schema
		.createIndex('learning_challenge_network_idx')
		.on('learning_challenge')
		.columns(['network_id', 'theme_id'])
		.execute();
	await db.schema
		.createTable('learning_question')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('theme_id', 'text', (c) => c.notNull().references('learning_theme.id'))
		.addColumn('wording', 'text', (c) => c.notNull())
		.addColumn('is_settled', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_settled in (0, 1)`)
		)
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		.addColumn('group_id', 'text', (c) => c.references('breakout_group.id').onDelete('set null'))
		.addColumn('group_title', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('collection_id', 'text', (c) =>
			c.references('learning_collection.id').onDelete('set null')
		)
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('introduction', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('closing', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('learning_question_wording_ck', sql`wording <> ''`)
		.execute();
	await db.schema
		.createIndex('learning_question_network_idx')
		.on('learning_question')
		.columns(['network_id', 'theme_id'])
		.execute();
	// The guests (boundary spanners) asked to give tips on a question.
	await db.schema
		.createTable('learning_question_guest')
		.addColumn('question_id', 'text', (c) =>
			c.notNull().references('learning_question.id').onDelete('cascade')
		)
		.addColumn('membership_id', 'text', (c) =>
			c.notNull().references('membership.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('learning_question_guest_pk', ['question_id', 'membership_id'])
		.execute();
	await db.schema
		.createTable('learning_tip')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('question_id', 'text', (c) =>
			c.notNull().references('learning_question.id').onDelete('cascade')
		)
		.addColumn('parent_id', 'text', (c) => c.references('learning_tip.id').onDelete('cascade'))
		// The giver stays linked whatever their credit choice, so that they (and only they) can
		// change it later; the credit decides what every output shows.
		.addColumn('giver_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('giver_role', 'text', (c) =>
			c
				.notNull()
				.check(sql`giver_role in ('peer', 'boundary_spanner', 'experience_expert', 'facilitator')`)
		)
		.addColumn('credit', 'text', (c) =>
			c.notNull().check(sql`credit in ('name', 'members', 'role', 'anonymous')`)
		)
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('practice', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('resource_id', 'text', (c) => c.references('resource.id').onDelete('set null'))
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('learning_tip_text_ck', sql`text <> ''`)
		.execute();
	await db.schema
		.createIndex('learning_tip_question_idx')
		.on('learning_tip')
		.columns(['question_id', 'parent_id'])
		.execute();
	await db.schema
		.createTable('learning_section')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('question_id', 'text', (c) =>
			c.notNull().references('learning_question.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('learning_insight')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('question_id', 'text', (c) =>
			c.notNull().references('learning_question.id').onDelete('cascade')
		)
		.addColumn('section_id', 'text', (c) =>
			c.references('learning_section.id').onDelete('set null')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('learning_insight_text_ck', sql`text <> ''`)
		.execute();
	await db.schema
		.createIndex('learning_insight_question_idx')
		.on('learning_insight')
		.columns(['question_id', 'position'])
		.execute();
	await db.schema
		.createTable('learning_insight_tip')
		.addColumn('tip_id', 'text', (c) =>
			c.primaryKey().references('learning_tip.id').onDelete('cascade')
		)
		.addColumn('insight_id', 'text', (c) =>
			c.notNull().references('learning_insight.id').onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('learning_insight_tip_insight_idx')
		.on('learning_insight_tip')
		.column('insight_id')
		.execute();
	await db.schema
		.createTable('learning_insight_revision')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('insight_id', 'text', (c) =>
			c.notNull().references('learning_insight.id').onDelete('cascade')
		)
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('change', 'text', (c) =>
			c.notNull().check(sql`change in ('created', 'edited', 'merged')`)
		)
		.addColumn('edited_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('edited_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('learning_insight_revision_idx')
		.on('learning_insight_revision')
		.columns(['insight_id', 'edited_at'])
		.execute();
	// That an experience expert was thanked or compensated: a line and a day, for the leaders only.
	await db.schema
		.createTable('learning_thanks')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('on_day', 'text', (c) => c.notNull())
		.addColumn('recorded_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'learning_thanks',
		'learning_insight_revision',
		'learning_insight_tip',
		'learning_insight',
		'learning_section',
		'learning_tip',
		'learning_question_guest',
		'learning_question',
		'learning_challenge',
		'learning_theme',
		'learning_collection'
	])
		await db.schema.dropTable(t).execute();
}
