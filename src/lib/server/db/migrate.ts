import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as auth from './migrations/2026-11-23T0900-auth.ts';
import * as networks from './migrations/2026-11-23T0910-networks.ts';
import * as sessions from './migrations/2026-11-23T1000-sessions.ts';
import * as live from './migrations/2026-11-23T1100-live.ts';
import * as groups from './migrations/2026-11-23T1200-groups.ts';
import * as liveEvents from './migrations/2026-11-23T1300-live-events.ts';
import * as reports from './migrations/2026-11-23T1400-reports.ts';
import * as knowledge from './migrations/2026-11-23T1500-knowledge.ts';
import * as trajectories from './migrations/2026-11-23T1600-trajectories.ts';
import * as anonymousSlots from './migrations/2026-12-01T0900-anonymous-slots.ts';
import * as invitationSends from './migrations/2026-12-01T1000-invitation-sends.ts';
import * as coachingRelations from './migrations/2026-12-01T1600-coaching-relations.ts';
import * as jobs from './migrations/2026-12-02T0900-jobs.ts';
import * as rateLimits from './migrations/2026-12-02T1300-rate-limits.ts';
import * as commitments from './migrations/2026-12-03T0900-commitments.ts';
import * as reminders from './migrations/2026-12-03T1100-reminders.ts';
import * as offers from './migrations/2026-12-03T1200-offers.ts';
import * as claims from './migrations/2026-12-04T0900-claims.ts';
import * as commitmentTalks from './migrations/2026-12-03T1400-commitment-talks.ts';
import * as commitmentCheckin from './migrations/2026-12-04T0900-commitment-checkin.ts';
import * as learning from './migrations/2026-12-05T0900-learning.ts';
import * as partnerships from './migrations/2026-12-06T0900-partnerships.ts';
import * as partnerViews from './migrations/2026-12-07T0900-partner-views.ts';
import * as stakeholders from './migrations/2026-12-08T0900-stakeholders.ts';
import * as locality from './migrations/2026-12-09T0900-locality.ts';
import * as dotTally from './migrations/2026-12-10T0900-dot-tally-index.ts';
import * as pairTalk from './migrations/2026-12-11T0900-pair-talk.ts';
import * as reportSubscribers from './migrations/2026-12-12T0900-report-subscribers.ts';
import * as qnaPoll from './migrations/2026-12-13T0900-qna-poll.ts';

// Listed here, not read from disk, so the bundled server carries its migrations with it.
const migrations: Record<string, Migration> = {
	'2026-11-23T0900-auth': auth,
	'2026-11-23T0910-networks': networks,
	'2026-11-23T1000-sessions': sessions,
	'2026-11-23T1100-live': live,
	'2026-11-23T1200-groups': groups,
	'2026-11-23T1300-live-events': liveEvents,
	'2026-11-23T1400-reports': reports,
	'2026-11-23T1500-knowledge': knowledge,
	'2026-11-23T1600-trajectories': trajectories,
	'2026-12-01T0900-anonymous-slots': anonymousSlots,
	'2026-12-01T1000-invitation-sends': invitationSends,
	'2026-12-01T1600-coaching-relations': coachingRelations,
	'2026-12-02T0900-jobs': jobs,
	'2026-12-02T1300-rate-limits': rateLimits,
	'2026-12-03T0900-commitments': commitments,
	'2026-12-03T1100-reminders': reminders,
	'2026-12-03T1200-offers': offers,
	'2026-12-03T1400-commitment-talks': commitmentTalks,
	'2026-12-04T0900-claims': claims,
	'2026-12-04T0900-commitment-checkin': commitmentCheckin,
	'2026-12-05T0900-learning': learning,
	'2026-12-06T0900-partnerships': partnerships,
	'2026-12-07T0900-partner-views': partnerViews,
	'2026-12-08T0900-stakeholders': stakeholders,
	'2026-12-09T0900-locality': locality,
	'2026-12-10T0900-dot-tally-index': dotTally,
	'2026-12-11T0900-pair-talk': pairTalk,
	'2026-12-12T0900-report-subscribers': reportSubscribers,
	'2026-12-13T0900-qna-poll': qnaPoll
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Takes migrations back until `name` is undone, the one before it then the newest (tests of a
 * migration's way down and up again).
 */
export async function migrateDownTo(db: Kysely<unknown>, name: string): Promise<void> {
	const names = Object.keys(migrations);
	const at = names.indexOf(name);
	if (at < 1) throw new Error(`no migration before ${name}`);
	const { error } = await new Migrator({ db, provider }).migrateTo(names[at - 1]!);
	if (error) throw error;
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
	const migrator = new Migrator({ db, provider });
	const { error, results } = await migrator.migrateToLatest();
	if (error) {
		const reason = error instanceof Error ? error.message : String(error);
		const failed = results?.find((r) => r.status === 'Error')?.migrationName;
		throw new Error(
			failed ? `migration ${failed} failed: ${reason}` : `cannot reach the database (${reason})`
		);
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
