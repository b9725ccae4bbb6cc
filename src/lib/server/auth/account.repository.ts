import type { Kysely } from 'kysely';
import type { AppLocale, AuthDatabase } from '../db/types.ts';

/** The language a person chose, kept with their account (better-auth's `user` table). */
export async function setUserLocale(db: Kysely<AuthDatabase>, userId: string, locale: AppLocale) {
	await db.updateTable('user').set({ locale }).where('id', '=', userId).execute();
}
