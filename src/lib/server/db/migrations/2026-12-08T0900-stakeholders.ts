import { Kysely, sql } from 'kysely';

// The stakeholder map (issue 15, seed 002): the contacts and organisations a network's members
// know, each with "the win" (what is in it for them), their influence and interest on a scale of
// 1 to 5 (the map's four quadrants), the relation (who knows them, in words and optionally the
// member), and the next move. A next move can become an action of a commitment; the stakeholder
// then remembers which (cleared when that action or commitment goes).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('stakeholder')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'organisation')`))
		.addColumn('win', 'text', (c) => c.notNull())
		.addColumn('influence', 'integer', (c) => c.notNull().check(sql`influence between 1 and 5`))
		.addColumn('interest', 'integer', (c) => c.notNull().check(sql`interest between 1 and 5`))
		.addColumn('relation', 'text', (c) => c.notNull().defaultTo(''))
		// The member who knows them, if one is named; the line above says how.
		.addColumn('known_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('next_move', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('next_move_on', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('commitment_id', 'text', (c) => c.references('commitment.id').onDelete('set null'))
		.addColumn('action_id', 'text', (c) =>
			c.references('commitment_action.id').onDelete('set null')
		)
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addCheckConstraint('stakeholder_name_ck', sql`name <> ''`)
		.addCheckConstraint('stakeholder_win_ck', sql`win <> ''`)
		.execute();
	await db.schema
		.createIndex('stakeholder_network_idx')
		.on('stakeholder')
		.columns(['network_id', 'name'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('stakeholder').execute();
}
