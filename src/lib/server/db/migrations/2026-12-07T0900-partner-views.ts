import { Kysely, sql } from 'kysely';
import { isPostgres } from './dialect.ts';

// Inclusive partnerships, second part: the partner's own view, evidence files, and sharing.
// - An evaluation is the organisation's own (`own`) or the partner's view (`partner`), filled in
//   by the partner's contact through a link without an account; the change over time is the
//   organisation's own scores only, the partner's view is shown beside them.
// - A partner link is single-use and expires; only its hash is kept.
// - Evidence files belong to one score of one evaluation and are kept apart from the network's
//   files, so only the organisation that keeps the partner can open them.
// - An organisation may share its partner-level scores with the network (a row while it does).
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);
	await db.schema
		.alterTable('partner_evaluation')
		.addColumn('source', 'text', (c) =>
			c
				.notNull()
				.defaultTo('own')
				.check(sql`source in ('own', 'partner')`)
		)
		.execute();
	await db.schema
		.alterTable('partner_evaluation')
		.addColumn('respondent', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema
		.createTable('partner_link')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('partner_id', 'text', (c) =>
			c.notNull().references('partner.id').onDelete('cascade')
		)
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		// Whom the link is for (the partner's contact), as the organisation wrote it.
		.addColumn('respondent', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addColumn('revoked_at', 'text')
		.addColumn('evaluation_id', 'text', (c) =>
			c.references('partner_evaluation.id').onDelete('set null')
		)
		.execute();
	await db.schema
		.createIndex('partner_link_partner_idx')
		.on('partner_link')
		.column('partner_id')
		.execute();
	await db.schema
		.createTable('partner_evidence_file')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('evaluation_id', 'text', (c) =>
			c.notNull().references('partner_evaluation.id').onDelete('cascade')
		)
		.addColumn('dimension', 'text', (c) =>
			c
				.notNull()
				.check(sql`dimension in ('diversity', 'equal_opportunity', 'accessibility', 'inclusion')`)
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('partner_evidence_file_score_uq', ['evaluation_id', 'dimension'])
		.execute();
	await db.schema
		.createTable('partnership_share')
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('organisation_id', 'text', (c) =>
			c.notNull().references('organisation.id').onDelete('cascade')
		)
		.addColumn('shared_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('shared_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('partnership_share_pk', ['network_id', 'organisation_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('partnership_share').execute();
	await db.schema.dropTable('partner_evidence_file').execute();
	await db.schema.dropTable('partner_link').execute();
	await db.deleteFrom('partner_evaluation').where('source', '=', 'partner').execute();
	await db.schema.alterTable('partner_evaluation').dropColumn('respondent').execute();
	await db.schema.alterTable('partner_evaluation').dropColumn('source').execute();
}
