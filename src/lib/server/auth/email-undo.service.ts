import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/index.ts';
import type { AuthDatabase } from '../db/types.ts';
import { DomainError } from '../errors.ts';
import {
	deleteUndosOf,
	findUndo,
	findUserById,
	hasVerification,
	insertVerification,
	isEmailTakenByOther,
	restoreEmail,
	stamp
} from './email-undo.repository.ts';
import { hashIdentifier, voidLinksOf } from './verification.repository.ts';

/** How long the old address can undo a change of e-mail address. */
export const UNDO_DAYS = 7;
/** After an undo, the confirmation link the new address got (valid an hour) is refused. */
const BLOCK_HOURS = 24;

export interface AuthStore {
	db: Kysely<AuthDatabase>;
	dialect: DialectName;
}

const undoId = (token: string) => hashIdentifier(`email-undo:${token}`);
const blockId = (userId: string, email: string) =>
	hashIdentifier(`email-undone:${userId}:${email.toLowerCase()}`);
const linkExpired = () => new DomainError('expired', 'error_undo_link');

/**
 * An address was changed: the old address gets a link that puts it back. Returns the token for
 * that link; only its hash is stored.
 */
export async function issueEmailUndo(
	store: AuthStore,
	change: { userId: string; oldEmail: string; newEmail: string },
	now: Date
): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await insertVerification(store.db, {
		identifier: await undoId(token),
		value: JSON.stringify({
			userId: change.userId,
			oldEmail: change.oldEmail.toLowerCase(),
			newEmail: change.newEmail.toLowerCase()
		}),
		expiresAt: stamp(store.dialect, new Date(now.getTime() + UNDO_DAYS * 86_400_000)),
		now: stamp(store.dialect, now)
	});
	return token;
}

/** What an undo link would do, for the page that asks "put it back?"; null when it no longer works. */
export async function previewEmailUndo(store: AuthStore, token: string, now: Date) {
	if (!token) return null;
	const undo = await findUndo(store.db, await undoId(token), now);
	return undo ? { oldEmail: undo.oldEmail, newEmail: undo.newEmail } : null;
}

/**
 * The old address puts itself back: it is the account's address again (confirmed, since its
 * owner clicked the link), every session ends, the password is cleared so whoever changed it
 * cannot sign in with it, and every open reset, sign-in and undo link of the person is voided.
 */
export async function undoEmailChange(store: AuthStore, token: string, now: Date) {
	if (!token) throw linkExpired();
	const id = await undoId(token);
	return store.db.transaction().execute(async (trx) => {
		const undo = await findUndo(trx, id, now);
		if (!undo) throw linkExpired();
		const user = await findUserById(trx, undo.userId);
		if (!user) throw linkExpired();
		if (await isEmailTakenByOther(trx, undo.oldEmail, user.id))
			throw new DomainError('conflict', 'error_undo_email_taken');
		const at = stamp(store.dialect, now);
		await restoreEmail(trx, {
			id: user.id,
			email: undo.oldEmail,
			verified: store.dialect === 'postgres' ? true : 1,
			now: at
		});
		await voidLinksOf(trx, { id: user.id, email: undo.newEmail });
		await voidLinksOf(trx, { id: user.id, email: user.email });
		await deleteUndosOf(trx, user.id);
		await insertVerification(trx, {
			identifier: await blockId(user.id, undo.newEmail),
			value: user.id,
			expiresAt: stamp(store.dialect, new Date(now.getTime() + BLOCK_HOURS * 3_600_000)),
			now: at
		});
		return { email: undo.oldEmail };
	});
}

/** Whether a change to this address was undone lately, so its confirmation link must not count. */
export async function isEmailChangeBlocked(
	store: AuthStore,
	userId: string,
	email: string,
	now: Date
) {
	return hasVerification(store.db, await blockId(userId, email), now);
}
