import { Kysely, sql } from 'kysely';

// Inclusive partnerships (issue 15, first part): an organisation's partner inventory (current and
// prospective partners) and evaluations along the step plan. An evaluation scores the four
// dimensions on a level of 1 to 4 with its evidence, and records the conversation to have with
// the partner; a later evaluation of the same partner is a new row, so the dated history stays.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('partner')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		// The organisation whose inventory this is; only its members see the partner.
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().references('organisation.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`kind in ('cultural', 'social', 'education', 'community', 'business', 'government', 'other')`
				)
		)
		.addColumn('together', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('since', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('is_prospective', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_prospective in (0, 1)`)
		)
		// For a prospective partner: why them (which communities they reach that we do not).
		.addColumn('why', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('review_months', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(12)
				.check(sql`review_months between 1 and 60`)
		)
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('partner_name_ck', sql`name <> ''`)
		.execute();
	await db.schema
		.createIndex('partner_organisation_idx')
		.on('partner')
		.columns(['network_id', 'organisation_id'])
		.execute();
	await db.schema
		.createTable('partner_evaluation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('partner_id', 'text', (c) =>
			c.notNull().references('partner.id').onDelete('cascade')
		)
		.addColumn('evaluated_on', 'text', (c) => c.notNull())
		.addColumn('evaluated_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('ask', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('offer', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('talk_on', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('partner_evaluation_partner_idx')
		.on('partner_evaluation')
		.columns(['partner_id', 'evaluated_on'])
		.execute();
	await db.schema
		.createTable('partner_score')
		.addColumn('evaluation_id', 'text', (c) =>
			c.notNull().references('partner_evaluation.id').onDelete('cascade')
		)
		.addColumn('dimension', 'text', (c) =>
			c
				.notNull()
				.check(sql`dimension in ('diversity', 'equal_opportunity', 'accessibility', 'inclusion')`)
		)
		.addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 4`))
		.addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('partner_score_pk', ['evaluation_id', 'dimension'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('partner_score').execute();
	await db.schema.dropTable('partner_evaluation').execute();
	await db.schema.dropTable('partner').execute();
}
