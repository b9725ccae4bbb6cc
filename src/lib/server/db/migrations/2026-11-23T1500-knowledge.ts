import { Kysely, sql } from 'kysely';
import { isPostgres } from './dialect.ts';

// The harvest's second half: files (report images, resources' attachments), the network's
// knowledge base of resources, who is editing a report right now, and the search index.
//
// Search: one row per findable thing (a report, a post-it, an answer, a resource) in
// `search_doc`. SQLite finds words through an FTS5 table over their Snowball stems (Dutch,
// French or English after the network's language), PostgreSQL through a `tsvector` made with
// the matching text search configuration; the rows themselves are the same on both.
export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);
	await db.schema
		.createTable('stored_file')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('resource')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('set null'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		// Themes as ",theme one,theme two," (lower case), so one theme is a LIKE '%,x,%' away.
		.addColumn('themes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('file_id', 'text', (c) => c.references('stored_file.id').onDelete('set null'))
		.addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('added_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('resource_network_idx')
		.on('resource')
		.columns(['network_id', 'created_at'])
		.execute();
	await db.schema
		.createTable('report_editor')
		.addColumn('session_id', 'text', (c) =>
			c.notNull().references('network_session.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('seen_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('report_editor_pk', ['session_id', 'user_id'])
		.execute();
	// An autosaved version can be replaced by the same person's next autosave.
	await db.schema
		.alterTable('report_version')
		.addColumn('autosaved', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	let doc = db.schema
		.createTable('search_doc')
		.addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
			pg ? c.primaryKey() : c.primaryKey().autoIncrement()
		)
		.addColumn('network_id', 'text', (c) =>
			c.notNull().references('network.id').onDelete('cascade')
		)
		.addColumn('session_id', 'text', (c) => c.references('network_session.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('source_id', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('themes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('link', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull());
	if (pg) doc = doc.addColumn('tsv', sql`tsvector`, (c) => c.notNull());
	await doc.execute();
	await db.schema
		.createIndex('search_doc_network_idx')
		.on('search_doc')
		.columns(['network_id', 'kind'])
		.execute();
	await db.schema
		.createIndex('search_doc_source_idx')
		.on('search_doc')
		.columns(['kind', 'source_id'])
		.execute();
	await db.schema
		.createIndex('search_doc_session_idx')
		.on('search_doc')
		.column('session_id')
		.execute();
	if (pg) await sql`CREATE INDEX search_doc_tsv_idx ON search_doc USING gin (tsv)`.execute(db);
	else
		await sql`CREATE VIRTUAL TABLE search_fts USING fts5(stems, tokenize = 'unicode61 remove_diacritics 2')`.execute(
			db
		);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (!isPostgres(db)) await sql`DROP TABLE search_fts`.execute(db);
	await db.schema.dropTable('search_doc').execute();
	await db.schema.dropTable('report_editor').execute();
	await db.schema.alterTable('report_version').dropColumn('autosaved').execute();
	await db.schema.dropTable('resource').execute();
	await db.schema.dropTable('stored_file').execute();
}
