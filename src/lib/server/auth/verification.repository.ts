import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuthDatabase } from '../db/types.ts';

/**
 * How better-auth stores the identifiers in `verification` (reset links, sign-in links) and how
 * we store our undo tokens: a SHA-256 hash, so a copy of the database opens no account. The
 * kind before the first `:` stays readable, so one person's links of one kind can be voided. It
 * is followed by `#`, never `:`: better-auth also looks a token up unhashed (for rows written
 * before hashing), and a stored `reset-password:<hash>` would let the hash itself be the token.
 */
export async function hashIdentifier(identifier: string): Promise<string> {
	const i = identifier.indexOf(':');
	const kind = i > 0 ? identifier.slice(0, i) + '#' : '';
	return kind + createHash('sha256').update(identifier).digest('base64url');
}

/** Voids every reset link and sign-in link still open for this person. */
export async function voidLinksOf(db: Kysely<AuthDatabase>, user: { id: string; email: string }) {
	await db
		.deleteFrom('verification')
		.where('identifier', 'like', 'reset-password#%')
		.where('value', '=', user.id)
		.execute();
	// A sign-in link's value is JSON naming the address it signs in; they live 15 minutes, so
	// there are few to read.
	const magic = await db
		.selectFrom('verification')
		.select(['id', 'value'])
		.where('identifier', 'like', 'magic-link#%')
		.execute();
	const ids = magic.filter((r) => emailOf(r.value) === user.email.toLowerCase()).map((r) => r.id);
	if (ids.length) await db.deleteFrom('verification').where('id', 'in', ids).execute();
}

function emailOf(value: string): string | null {
	try {
		const parsed = JSON.parse(value) as { email?: unknown };
		return typeof parsed.email === 'string' ? parsed.email.toLowerCase() : null;
	} catch {
		return null;
	}
}
