import { Kysely, sql } from 'kysely';

// Our own tables: snake_case columns, ISO-8601 text timestamps on both databases.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('network')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('core_value', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('nl', 'en', 'fr')`))
		.addColumn('house_rules', 'text', (c) => c.notNull())
		.addColumn('house_rules_version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('network_region')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addUniqueConstraint('network_region_name_uq', ['network_id', 'name'])
		.execute();

	await db.schema
		.createTable('organisation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('sector', 'text', (c) => c.notNull())
		.addColumn('region', 'text', (c) => c.notNull())
		.addColumn('website', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('organisation_name_uq', ['network_id', 'name'])
		.execute();

	const roleCheck = sql`role in ('coordinator', 'facilitator', 'participant', 'boundary_spanner', 'experience_expert')`;

	await db.schema
		.createTable('membership')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(roleCheck))
		.addColumn('organisation_id', 'text', (c) =>
			c.references('organisation.id').onDelete('set null')
		)
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'removed')`))
		.addColumn('guest_until', 'text')
		.addColumn('rules_accepted_at', 'text', (c) => c.notNull())
		.addColumn('rules_version', 'integer', (c) => c.notNull())
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.addColumn('removed_at', 'text')
		.addUniqueConstraint('membership_person_uq', ['network_id', 'user_id'])
		.execute();
	await db.schema.createIndex('membership_user_idx').on('membership').column('user_id').execute();

	await db.schema
		.createTable('invitation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull().check(roleCheck))
		.addColumn('organisation_id', 'text', (c) =>
			c.references('organisation.id').onDelete('set null')
		)
		.addColumn('guest_until', 'text')
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('pending', 'accepted', 'revoked')`)
		)
		.addColumn('invited_by', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('sent_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('accepted_at', 'text')
		.addColumn('accepted_by', 'text', (c) => c.references('user.id'))
		.execute();
	// One pending invitation per e-mail per network.
	await db.schema
		.createIndex('invitation_pending_uq')
		.on('invitation')
		.columns(['network_id', 'email'])
		.unique()
		.where(sql.ref('status'), '=', 'pending')
		.execute();

	await db.schema
		.createTable('outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('html', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'outbox',
		'invitation',
		'membership',
		'organisation',
		'network_region',
		'network'
	]) {
		await db.schema.dropTable(t).execute();
	}
}
