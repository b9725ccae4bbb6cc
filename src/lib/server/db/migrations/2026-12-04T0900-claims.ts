import { Kysely, sql } from 'kysely';

// Claiming a commitment from a phone without an account (issue 13). In the room a participant
// writes their commitment on the phone: a claim, held against their place in the session (the
// participant row), never against an address. They leave an e-mail address to keep it: the
// address travels only inside the sealed link mailed to it, the claim stores the link's hash.
// Whoever opens that link signed in with that address confirms it; a person who is not yet a
// member of the network asks to join (a membership request the coordinators decide on), and the
// commitment is made when they are let in. Unconfirmed claims are deleted when they expire.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('commitment_claim')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('session_id', 'text', (c) =>
			c.notNull().references('network_session.id').onDelete('cascade')
		)
		// Set null when the session's participants are cleaned up: the link still finds the claim.
		.addColumn('participant_id', 'text', (c) => c.references('participant.id').onDelete('set null'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('first_step', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('needs', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('thresholds', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('draft', 'sent', 'waiting', 'claimed')`)
		)
		.addColumn('link_hash', 'text', (c) => c.unique())
		.addColumn('links_sent', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('cascade'))
		.addColumn('commitment_id', 'text', (c) => c.references('commitment.id').onDelete('set null'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('commitment_claim_participant_idx')
		.on('commitment_claim')
		.column('participant_id')
		.execute();
	await db.schema
		.createIndex('commitment_claim_user_idx')
		.on('commitment_claim')
		.columns(['user_id', 'network_id'])
		.execute();
	await db.schema
		.createIndex('commitment_claim_expires_idx')
		.on('commitment_claim')
		.column('expires_at')
		.execute();

	// Asking to join a network: from a claimed commitment today. The coordinators let the person
	// in or decline; the house rules were accepted when asking.
	await db.schema
		.createTable('membership_request')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('pending', 'admitted', 'declined')`)
		)
		.addColumn('rules_accepted_at', 'text', (c) => c.notNull())
		.addColumn('rules_version', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('decided_at', 'text')
		.addColumn('decided_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('membership_request_pending_uq')
		.on('membership_request')
		.columns(['network_id', 'user_id'])
		.unique()
		.where(sql.ref('state'), '=', 'pending')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('membership_request').execute();
	await db.schema.dropTable('commitment_claim').execute();
}
