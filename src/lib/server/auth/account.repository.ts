import type { Kysely } from 'kysely';
import type { AppLocale, AuthDatabase } from '../db/types.ts';

/** The language a person chose, kept with their account (better-auth's `user` table). */
export async function setUserLocale(db: Kysely<AuthDatabase>, userId: string, locale: AppLocale) {
	await db.updateTable('user').set({ locale }).where('id', '=', userId).execute();
}

/** The language stored with an address, for mail to someone who is not signed in. */
export async function findLocaleByEmail(db: Kysely<AuthDatabase>, email: string) {
	const row = await db
		.selectFrom('user')
		.select('locale')
		.where('email', '=', email.toLowerCase())
		.executeTakeFirst();
	return row?.locale;
}
