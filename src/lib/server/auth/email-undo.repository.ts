import type { Kysely, Transaction } from 'kysely';
import type { AuthDatabase } from '../db/types.ts';

type Db = Kysely<AuthDatabase> | Transaction<AuthDatabase>;

export interface UndoRecord {
	userId: string;
	oldEmail: string;
	newEmail: string;
}

const parse = (value: string): UndoRecord | null => {
	try {
		const v = JSON.parse(value) as Partial<UndoRecord>;
		return typeof v.userId === 'string' &&
			typeof v.oldEmail === 'string' &&
			typeof v.newEmail === 'string'
			? { userId: v.userId, oldEmail: v.oldEmail, newEmail: v.newEmail }
			: null;
	} catch {
		return null;
	}
};

/** Timestamps as better-auth writes them: native on PostgreSQL, ISO text on SQLite. */
export const stamp = (dialect: 'sqlite' | 'postgres', d: Date) =>
	dialect === 'postgres' ? d : d.toISOString();

export async function insertVerification(
	db: Db,
	row: { identifier: string; value: string; expiresAt: Date | string; now: Date | string }
) {
	await db
		.insertInto('verification')
		.values({
			id: crypto.randomUUID(),
			identifier: row.identifier,
			value: row.value,
			expiresAt: row.expiresAt,
			createdAt: row.now,
			updatedAt: row.now
		})
		.execute();
}

export async function findUndo(db: Db, identifier: string, now: Date) {
	const row = await db
		.selectFrom('verification')
		.select(['id', 'value', 'expiresAt'])
		.where('identifier', '=', identifier)
		.executeTakeFirst();
	if (!row || new Date(row.expiresAt).getTime() <= now.getTime()) return null;
	const record = parse(row.value);
	return record ? { id: row.id, ...record } : null;
}

export async function hasVerification(db: Db, identifier: string, now: Date) {
	const row = await db
		.selectFrom('verification')
		.select('expiresAt')
		.where('identifier', '=', identifier)
		.executeTakeFirst();
	return !!row && new Date(row.expiresAt).getTime() > now.getTime();
}

/** Every undo link of this person: after one is used, the others (for later changes) go too. */
export async function deleteUndosOf(db: Db, userId: string) {
	const rows = await db
		.selectFrom('verification')
		.select(['id', 'value'])
		.where('identifier', 'like', 'email-undo#%')
		.execute();
	const ids = rows.filter((r) => parse(r.value)?.userId === userId).map((r) => r.id);
	if (ids.length) await db.deleteFrom('verification').where('id', 'in', ids).execute();
}

export async function findUserById(db: Db, id: string) {
	return db.selectFrom('user').select(['id', 'email']).where('id', '=', id).executeTakeFirst();
}

export async function isEmailTakenByOther(db: Db, email: string, userId: string) {
	const row = await db
		.selectFrom('user')
		.select('id')
		.where('email', '=', email)
		.where('id', '!=', userId)
		.executeTakeFirst();
	return !!row;
}

/**
 * The address back, confirmed; every session gone; the password gone, as better-auth does for an
 * unproven account (a reset through the address sets a new one).
 */
export async function restoreEmail(
	db: Db,
	user: { id: string; email: string; verified: boolean | number; now: Date | string }
) {
	await db
		.updateTable('user')
		.set({ email: user.email, emailVerified: user.verified, updatedAt: user.now })
		.where('id', '=', user.id)
		.execute();
	await db.deleteFrom('session').where('userId', '=', user.id).execute();
	await db
		.deleteFrom('account')
		.where('userId', '=', user.id)
		.where('providerId', '=', 'credential')
		.execute();
}
