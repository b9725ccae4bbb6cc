import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, TEST_DB, type TestWorld } from '../testing/db.ts';
import { signUpPerson, testAuth, type TestAuth } from '../testing/auth.ts';

describe(`sessions [${TEST_DB}]`, () => {
	let w: TestWorld;
	let auth: TestAuth;
	beforeAll(async () => {
		w = await makeWorld();
		auth = testAuth(w);
	});
	afterAll(() => w.drop());

	it('a signed-out cookie no longer signs anyone in, at once', async () => {
		const cookies = await signUpPerson(auth, {
			name: 'Sanne',
			email: 'sanne@example.org',
			password: 'een lang wachtwoord 2026'
		});
		expect((await auth.api.getSession({ headers: cookies }))?.user.email).toBe('sanne@example.org');
		await auth.api.signOut({ headers: cookies });
		// Someone who copied the cookie before the sign-out keeps sending it.
		expect(await auth.api.getSession({ headers: cookies })).toBeNull();
	});

	it('revoking every session (as a password reset does) bites at once', async () => {
		const cookies = await signUpPerson(auth, {
			name: 'Ravi',
			email: 'ravi@example.org',
			password: 'een lang wachtwoord 2026'
		});
		const session = await auth.api.getSession({ headers: cookies });
		const ctx = await auth.$context;
		await ctx.internalAdapter.deleteUserSessions(session!.user.id);
		expect(await auth.api.getSession({ headers: cookies })).toBeNull();
	});

	it('a password reset signs out every browser at once', async () => {
		const email = 'mo@example.org';
		const cookies = await signUpPerson(auth, {
			name: 'Mo',
			email,
			password: 'een lang wachtwoord 2026'
		});
		expect(await auth.api.getSession({ headers: cookies })).not.toBeNull();
		await auth.api.requestPasswordReset({ body: { email, redirectTo: '/reset-password' } });
		const token = /\/reset-password\/([^?\s]+)/.exec(w.mailer.sent.at(-1)!.text)?.[1] ?? '';
		await auth.api.resetPassword({ body: { token, newPassword: 'een nieuw wachtwoord voor mo' } });
		expect(await auth.api.getSession({ headers: cookies })).toBeNull();
	});

	it('a language chosen with the switch shows on the next page', async () => {
		const cookies = await signUpPerson(auth, {
			name: 'Lotte',
			email: 'lotte@example.org',
			password: 'een lang wachtwoord 2026'
		});
		const before = await auth.api.getSession({ headers: cookies });
		expect((before?.user as { locale?: string }).locale).toBe('nl');
		// What the language switch writes for a signed-in person.
		await w.database.authDb
			.updateTable('user')
			.set({ locale: 'fr' })
			.where('id', '=', before!.user.id)
			.execute();
		const after = await auth.api.getSession({ headers: cookies });
		expect((after?.user as { locale?: string }).locale).toBe('fr');
	});
});
