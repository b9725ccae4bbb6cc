import { Kysely, sql } from 'kysely';

// The local approach (issue 15, module `locality`): a municipality's or community's approach to
// inclusion, with one evidence trail from a baseline snapshot through conclusions to building
// blocks and a plan of approach.
// - A snapshot holds desk-research sources and interviews; interview notes are coded with themes,
//   and a note can be marked as a quote only when the interviewee consented to being quoted.
// - Conclusions and improvement points (findings) rest on interviews and sources (`basis`).
// - A network may define its own indicator framework (indicators scored on its own levels), so
//   that a later snapshot scores the same way; a later snapshot also says, per improvement point of
//   an earlier one, whether it was addressed.
// - Building blocks (re-bubbling, alliance, mediation, a new snapshot) each with their reason and
//   the findings it answers; an alliance's agreements; a mediation's private notes, which only
//   its mediator and the approach's coordinator read.
// - The plan of approach: actions per building block.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('local_framework')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		// The levels' labels, lowest first, as a JSON array of 2 to 5 strings.
		.addColumn('levels', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_indicator')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('framework_id', 'text', (c) =>
			c.notNull().references('local_framework.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_approach')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('place_kind', 'text', (c) =>
			c.notNull().check(sql`place_kind in ('municipality', 'community', 'neighbourhood')`)
		)
		.addColumn('people', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('stage', 'text', (c) =>
			c
				.notNull()
				.defaultTo('baseline')
				.check(sql`stage in ('baseline', 'blocks', 'plan', 'under_way', 'review')`)
		)
		.addColumn('framework_id', 'text', (c) =>
			c.references('local_framework.id').onDelete('restrict')
		)
		// The person who leads the approach: with the mediator, the only reader of mediation notes.
		.addColumn('coordinator_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_team')
		.addColumn('approach_id', 'text', (c) =>
			c.notNull().references('local_approach.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('local_team_pk', ['approach_id', 'user_id'])
		.execute();
	await db.schema
		.createTable('local_snapshot')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('approach_id', 'text', (c) =>
			c.notNull().references('local_approach.id').onDelete('cascade')
		)
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('taken_on', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('local_snapshot_number_uq', ['approach_id', 'number'])
		.execute();
	await db.schema
		.createTable('local_source')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('snapshot_id', 'text', (c) =>
			c.notNull().references('local_snapshot.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('policy', 'figures', 'study', 'other')`)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('line', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('link', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_interview')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('snapshot_id', 'text', (c) =>
			c.notNull().references('local_snapshot.id').onDelete('cascade')
		)
		.addColumn('interviewee', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('municipality', 'community', 'resident', 'other')`)
		)
		.addColumn('held_on', 'text', (c) => c.notNull())
		.addColumn('interviewer_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		// What the interviewee agreed to: nothing kept but the talk itself, notes, or notes and quotes.
		.addColumn('consent', 'text', (c) =>
			c.notNull().check(sql`consent in ('none', 'notes', 'quotes')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_interview_note')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('interview_id', 'text', (c) =>
			c.notNull().references('local_interview.id').onDelete('cascade')
		)
		.addColumn('text', 'text', (c) => c.notNull())
		// The interviewer's codes, as a JSON array of theme names.
		.addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('is_quote', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_quote in (0, 1)`)
		)
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_finding')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('snapshot_id', 'text', (c) =>
			c.notNull().references('local_snapshot.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('conclusion', 'improvement')`))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_finding_basis')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('finding_id', 'text', (c) =>
			c.notNull().references('local_finding.id').onDelete('cascade')
		)
		.addColumn('interview_id', 'text', (c) =>
			c.references('local_interview.id').onDelete('cascade')
		)
		.addColumn('source_id', 'text', (c) => c.references('local_source.id').onDelete('cascade'))
		.addCheckConstraint(
			'local_finding_basis_one_ck',
			sql`(interview_id is null) <> (source_id is null)`
		)
		.execute();
	await db.schema
		.createTable('local_indicator_score')
		.addColumn('snapshot_id', 'text', (c) =>
			c.notNull().references('local_snapshot.id').onDelete('cascade')
		)
		.addColumn('indicator_id', 'text', (c) =>
			c.notNull().references('local_indicator.id').onDelete('cascade')
		)
		.addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 5`))
		.addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('local_indicator_score_pk', ['snapshot_id', 'indicator_id'])
		.execute();
	await db.schema
		.createTable('local_point_review')
		.addColumn('snapshot_id', 'text', (c) =>
			c.notNull().references('local_snapshot.id').onDelete('cascade')
		)
		.addColumn('finding_id', 'text', (c) =>
			c.notNull().references('local_finding.id').onDelete('cascade')
		)
		.addColumn('addressed', 'text', (c) =>
			c.notNull().check(sql`addressed in ('yes', 'partly', 'no')`)
		)
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('local_point_review_pk', ['snapshot_id', 'finding_id'])
		.execute();
	await db.schema
		.createTable('local_block')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('approach_id', 'text', (c) =>
			c.notNull().references('local_approach.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('rebubbling', 'alliance', 'mediation', 'snapshot')`)
		)
		.addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('principles', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('tension', 'text', (c) => c.check(sql`tension in ('horizontal', 'vertical')`))
		.addColumn('parties', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('mediator_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_block_basis')
		.addColumn('block_id', 'text', (c) =>
			c.notNull().references('local_block.id').onDelete('cascade')
		)
		.addColumn('finding_id', 'text', (c) =>
			c.notNull().references('local_finding.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('local_block_basis_pk', ['block_id', 'finding_id'])
		.execute();
	await db.schema
		.createTable('local_agreement')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('block_id', 'text', (c) =>
			c.notNull().references('local_block.id').onDelete('cascade')
		)
		.addColumn('what', 'text', (c) => c.notNull())
		.addColumn('who', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_mediation_note')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('block_id', 'text', (c) =>
			c.notNull().references('local_block.id').onDelete('cascade')
		)
		.addColumn('author_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('local_action')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('approach_id', 'text', (c) =>
			c.notNull().references('local_approach.id').onDelete('cascade')
		)
		.addColumn('block_id', 'text', (c) =>
			c.notNull().references('local_block.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('stakeholders', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('starts_on', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('due_on', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('planned')
				.check(sql`status in ('planned', 'doing', 'done', 'dropped')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	for (const [table, columns] of [
		['local_approach', ['network_id']],
		['local_snapshot', ['approach_id']],
		['local_source', ['snapshot_id']],
		['local_interview', ['snapshot_id']],
		['local_interview_note', ['interview_id']],
		['local_finding', ['snapshot_id']],
		['local_finding_basis', ['finding_id']],
		['local_block', ['approach_id']],
		['local_agreement', ['block_id']],
		['local_mediation_note', ['block_id']],
		['local_action', ['approach_id', 'block_id']],
		['local_indicator', ['framework_id']]
	] as const)
		await db.schema
			.createIndex(`${table}_${columns[0]}_idx`)
			.on(table)
			.columns([...columns])
			.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'local_action',
		'local_mediation_note',
		'local_agreement',
		'local_block_basis',
		'local_block',
		'local_point_review',
		'local_indicator_score',
		'local_finding_basis',
		'local_finding',
		'local_interview_note',
		'local_interview',
		'local_source',
		'local_snapshot',
		'local_team',
		'local_approach',
		'local_indicator',
		'local_framework'
	])
		await db.schema.dropTable(t).execute();
}
