import { sql, type Kysely } from 'kysely';

// The durable job queue (a transactional outbox): a job is written in the same transaction as
// the change that causes it, and a worker in each instance runs it after the commit, with
// retries. `key` is the idempotency key: the same mail enqueued twice is one job. A coalesced
// job (search indexing) holds its bare key only while it waits; the worker renames the key when
// it claims the job, so the next save queues one follow-up instead of nothing.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('job')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull().unique())
		.addColumn('coalesce_key', 'text')
		.addColumn('network_id', 'text', (c) => c.references('network.id').onDelete('cascade'))
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('run_at', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(8))
		.addColumn('last_error', 'text')
		.addColumn('state', 'text', (c) =>
			c.notNull().check(sql`state in ('queued', 'running', 'done', 'failed')`)
		)
		.addColumn('locked_until', 'text')
		.addColumn('result', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('done_at', 'text')
		.execute();
	await db.schema.createIndex('job_due_idx').on('job').columns(['state', 'run_at']).execute();
	await db.schema
		.createIndex('job_network_idx')
		.on('job')
		.columns(['network_id', 'kind', 'state'])
		.execute();
	await db.schema.createIndex('job_coalesce_idx').on('job').column('coalesce_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('job').execute();
}
