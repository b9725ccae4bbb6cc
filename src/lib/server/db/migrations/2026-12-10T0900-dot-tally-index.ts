import type { Kysely } from 'kysely';

// The live tally is counted for every change a room's screens receive (issue 16: the stream
// carries the state), so it must not read every dot's row: an index on (step, post-it) answers
// "dots per post-it of this vote" from the index alone.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('dot_step_postit_idx')
		.on('dot')
		.columns(['step_id', 'postit_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('dot_step_postit_idx').execute();
}
