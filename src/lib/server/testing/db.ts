import pg from 'pg';
import { openDatabase, type Db } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Ctx } from '../context.ts';
import type { Mail, Mailer } from '../mail/mailer.ts';

export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';

/** A mailer fake that keeps what was sent, for reading links out of mails. */
export function fakeMailer(): Mailer & { sent: Mail[] } {
	const sent: Mail[] = [];
	return { usesOutbox: false, sent, send: async (m) => void sent.push(m) };
}

/**
 * A fresh, migrated database for one test file: an in-memory SQLite database, or a new
 * PostgreSQL database on the cluster that TEST_PG_URL points to (dropped afterwards).
 */
export async function freshDatabase(): Promise<{ database: Db; drop: () => Promise<void> }> {
	if (TEST_DB === 'sqlite') {
		const database = openDatabase(':memory:');
		await migrateToLatest(database.authDb as never);
		return { database, drop: () => database.close() };
	}
	const admin = process.env.TEST_PG_URL;
	if (!admin) throw new Error('TEST_PG_URL is not set: run the suite through `npm test`');
	const name = `olv_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
	const client = new pg.Client({ connectionString: admin });
	await client.connect();
	await client.query(`create database ${name}`);
	await client.end();
	const url = new URL(admin);
	url.pathname = `/${name}`;
	const database = openDatabase(url.toString());
	await migrateToLatest(database.authDb as never);
	return {
		database,
		drop: async () => {
			await database.close();
			const c = new pg.Client({ connectionString: admin });
			await c.connect();
			await c.query(`drop database if exists ${name} with (force)`);
			await c.end();
		}
	};
}

export interface TestWorld {
	ctx: Ctx;
	mailer: ReturnType<typeof fakeMailer>;
	database: Db;
	clock: { now: Date };
	drop: () => Promise<void>;
}

export async function makeWorld(): Promise<TestWorld> {
	const { database, drop } = await freshDatabase();
	const mailer = fakeMailer();
	const clock = { now: new Date('2026-11-23T10:00:00.000Z') };
	const ctx: Ctx = {
		db: database.db,
		authDb: database.authDb,
		mailer,
		publicUrl: 'http://olievlek.test',
		secret: 'olievlek-test-secret-of-at-least-32-characters',
		// Each reading moves the clock on by a millisecond, so rows written one after another have
		// distinct times and lists ordered by time are deterministic, as they are in real use.
		now: () => (clock.now = new Date(clock.now.getTime() + 1)),
		sqlite: database.sqlite
	};
	return { ctx, mailer, database, clock, drop };
}

let counter = 0;

/** A person with an account, written straight into better-auth's user table. */
export async function createPerson(world: TestWorld, name = 'Person') {
	counter += 1;
	const id = `user-${counter}-${crypto.randomUUID().slice(0, 8)}`;
	const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${counter}@example.org`;
	const now = new Date().toISOString();
	await world.database.authDb
		.insertInto('user')
		.values({
			id,
			name,
			email,
			emailVerified: world.database.dialect === 'postgres' ? false : 0,
			image: null,
			locale: 'nl',
			createdAt: now,
			updatedAt: now
		})
		.execute();
	return { userId: id, email, name };
}

/** Invites a person into a network and has them accept: a member as in real use. */
export async function addMember(
	world: TestWorld,
	coordinator: { userId: string; email: string; name: string },
	networkId: string,
	person: { userId: string; email: string; name: string },
	role: import('../db/types.ts').Role = 'participant',
	extra: { organisationId?: string; guestUntil?: string } = {}
) {
	const { inviteMember, acceptInvitation } =
		await import('../modules/network/invitation.service.ts');
	await inviteMember(world.ctx, coordinator, networkId, { email: person.email, role, ...extra });
	const mail = world.mailer.sent.at(-1)!;
	const token = /\/invitations\/([\w-]+)/.exec(mail.text)?.[1] ?? '';
	await acceptInvitation(world.ctx, person, token, true);
}

/** A 1×1 PNG and a few bytes that only claim to be one. */
export const TINY_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
