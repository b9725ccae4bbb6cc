import type { Kysely } from 'kysely';
import type { AuthDatabase, Database } from './db/types.ts';
import type { Mailer } from './mail/mailer.ts';

/** What a use case needs from the outside world; routes and tests build one. */
export interface Ctx {
	db: Kysely<Database>;
	authDb: Kysely<AuthDatabase>;
	mailer: Mailer;
	publicUrl: string;
	/** The server's secret (AUTH_SECRET): seals what a link must carry but the database must not. */
	secret: string;
	now: () => Date;
	/** Invitation mails a network may send in 24 hours (INVITES_PER_DAY); 50 when unset. */
	invitesPerDay?: number;
	/** SQLite mode: the raw handle, for writes that are committed in groups (see dot.service). */
	sqlite?: import('better-sqlite3').Database;
}

/** The person acting. Services never see the HTTP request. */
export interface Actor {
	userId: string;
	email: string;
	name: string;
}

export const iso = (d: Date) => d.toISOString();
export const newId = () => crypto.randomUUID();
