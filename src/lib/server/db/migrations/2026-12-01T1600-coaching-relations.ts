import { Kysely, sql } from 'kysely';

// Becoming someone's coach needs their yes. A coaching relation is one row per member and coach
// in a network, dated at each step: the first talk a coordinator or facilitator plans *proposes*
// it; the member accepts (a link in the talk's e-mail, its token stored hashed, or a button on
// their coaching page) or declines, and may later end it. Only an accepted relation lets the
// coach read what the member shared "with me and my coach". At most one relation per member is
// open (proposed or accepted) at a time.
//
// The earlier `coach` table recorded a coach without asking the member; its rows come over as
// proposals, so nothing shared with a coach is readable until the member says yes.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('coaching_relation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('member_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('coach_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('proposed', 'accepted', 'declined', 'ended')`)
		)
		.addColumn('token_hash', 'text', (c) => c.unique())
		.addColumn('proposed_at', 'text', (c) => c.notNull())
		.addColumn('answered_at', 'text')
		.addColumn('ended_at', 'text')
		.addUniqueConstraint('coaching_relation_pair_uq', ['network_id', 'member_id', 'coach_id'])
		.addCheckConstraint('coaching_relation_member_not_coach', sql`member_id <> coach_id`)
		.addCheckConstraint(
			'coaching_relation_dates',
			sql`(state = 'proposed' and answered_at is null and ended_at is null)
				or (state in ('accepted', 'declined') and answered_at is not null and ended_at is null)
				or (state = 'ended' and ended_at is not null)`
		)
		.execute();
	await db.schema
		.createIndex('coaching_relation_open_uq')
		.on('coaching_relation')
		.columns(['network_id', 'member_id'])
		.unique()
		.where(sql.ref('state'), 'in', sql`('proposed', 'accepted')`)
		.execute();
	await db.schema
		.createIndex('coaching_relation_coach_idx')
		.on('coaching_relation')
		.columns(['network_id', 'coach_id'])
		.execute();
	await sql`insert into coaching_relation (id, network_id, member_id, coach_id, state, proposed_at)
		select network_id || ':' || member_id || ':' || coach_id, network_id, member_id, coach_id,
			'proposed', since
		from coach where member_id <> coach_id`.execute(db);
	await db.schema.dropTable('coach').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
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
	await sql`insert into coach (network_id, member_id, coach_id, since)
		select network_id, member_id, coach_id, coalesce(answered_at, proposed_at)
		from coaching_relation where state = 'accepted'`.execute(db);
	await db.schema.dropTable('coaching_relation').execute();
}
