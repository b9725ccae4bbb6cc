import { sql, type Kysely } from 'kysely';
import { setKinds } from './2026-12-04T0900-commitment-checkin.ts';

// Two work forms of issue 17. A Q&A (`qna`) for an input talk: phones send questions (named, or
// with no person id at all in an anonymous step), everyone upvotes the ones they want answered,
// the facilitator marks them answered or hides them. A quick poll (`poll`): one choice among the
// step's lines, or a 1 to 5 scale without lines, one vote per phone that it may change.
//
// Upvotes and poll votes are kept under a voter key that the phone's own secret derives
// (`slotSeed`, never stored): it keeps one vote per phone, and the database alone cannot tell
// whose a vote is. Neither table has a time column, so not even when someone voted is kept.

// The kinds as written when this migration was (later kinds get migrations of their own).
const KINDS = `'checkin', 'recap', 'input_talk', 'exercise', 'group_exchange', 'postit_round', 'dot_vote', 'breakout', 'checkout', 'next_session', 'commitment_checkin', 'pair_talk'`;
const OLD = `${KINDS})`;
const NEW = `${KINDS}, 'qna', 'poll')`;

export async function up(db: Kysely<any>): Promise<void> {
	await setKinds(db, OLD, NEW);
	await db.schema
		.createTable('qna_question')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		// Null in an anonymous step.
		.addColumn('participant_id', 'text', (c) => c.references('participant.id').onDelete('set null'))
		.addColumn('client_id', 'text', (c) => c.notNull().unique())
		.addColumn('text', 'text', (c) => c.notNull().check(sql`length(text) <= 1000`))
		.addColumn('is_hidden', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_hidden in (0, 1)`)
		)
		.addColumn('is_answered', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_answered in (0, 1)`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('qna_question_step_idx')
		.on('qna_question')
		.columns(['step_id'])
		.execute();
	await db.schema
		.createTable('qna_vote')
		.addColumn('question_id', 'text', (c) =>
			c.notNull().references('qna_question.id').onDelete('cascade')
		)
		.addColumn('voter_key', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('qna_vote_pk', ['question_id', 'voter_key'])
		.execute();
	await db.schema
		.createTable('poll_vote')
		.addColumn('step_id', 'text', (c) =>
			c.notNull().references('agenda_step.id').onDelete('cascade')
		)
		.addColumn('voter_key', 'text', (c) => c.notNull())
		.addColumn('choice', 'integer', (c) => c.notNull().check(sql`choice >= 0 and choice < 50`))
		.addPrimaryKeyConstraint('poll_vote_pk', ['step_id', 'voter_key'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('poll_vote').execute();
	await db.schema.dropTable('qna_vote').execute();
	await db.schema.dropTable('qna_question').execute();
	await db.deleteFrom('agenda_step').where('kind', 'in', ['qna', 'poll']).execute();
	await db.deleteFrom('work_form').where('kind', 'in', ['qna', 'poll']).execute();
	await setKinds(db, NEW, OLD);
}
