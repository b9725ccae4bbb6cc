import type { Kysely } from 'kysely';
import { setKinds } from './2026-12-04T0900-commitment-checkin.ts';

// A pair or table talk (issue 17): a step where people talk with their neighbour and nothing is
// collected, so the report shows it as part of the agenda without "no answers yet".

// The kinds as written when this migration was (later kinds get migrations of their own).
const KINDS = `'checkin', 'recap', 'input_talk', 'exercise', 'group_exchange', 'postit_round', 'dot_vote', 'breakout', 'checkout', 'next_session', 'commitment_checkin'`;
const OLD = `${KINDS})`;
const NEW = `${KINDS}, 'pair_talk')`;

export async function up(db: Kysely<any>): Promise<void> {
	await setKinds(db, OLD, NEW);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.deleteFrom('agenda_step').where('kind', '=', 'pair_talk').execute();
	await db.deleteFrom('work_form').where('kind', '=', 'pair_talk').execute();
	await setKinds(db, NEW, OLD);
}
