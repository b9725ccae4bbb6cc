import type { Kysely } from 'kysely';
import { newId } from '../context.ts';
import type { Database, Role } from '../db/types.ts';

/**
 * The two writes the demo makes without a use case: the demo people are members from the start
 * (a real network invites them, and they accept by mail).
 */

export async function setDemoOrganisation(
	db: Kysely<Database>,
	networkId: string,
	userId: string,
	organisationId: string
) {
	await db
		.updateTable('membership')
		.set({ organisationId })
		.where('networkId', '=', networkId)
		.where('userId', '=', userId)
		.execute();
}

export async function addDemoMember(
	db: Kysely<Database>,
	m: {
		networkId: string;
		userId: string;
		role: Role;
		organisationId: string | null;
		now: string;
		guestUntil?: string | null;
	}
) {
	await db
		.insertInto('membership')
		.values({
			id: newId(),
			networkId: m.networkId,
			userId: m.userId,
			role: m.role,
			organisationId: m.organisationId,
			status: 'active',
			guestUntil: m.guestUntil ?? null,
			rulesAcceptedAt: m.now,
			rulesVersion: 1,
			joinedAt: m.now,
			removedAt: null
		})
		.execute();
}

/** Whether the demo ran before: its first person exists. */
export async function demoUserExists(db: Kysely<Database>, email: string) {
	const row = await db
		.selectFrom('user')
		.select('id')
		.where('email', '=', email)
		.executeTakeFirst();
	return row !== undefined;
}
