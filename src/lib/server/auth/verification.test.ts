import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, TEST_DB, type TestWorld } from '../testing/db.ts';
import { linkIn, openLink, signUpPerson, testAuth, type TestAuth } from '../testing/auth.ts';

const PASSWORD = 'een lang wachtwoord 2026';
const resetToken = (text: string) => /\/reset-password\/([^?\s]+)/.exec(text)?.[1] ?? '';
const magicToken = (text: string) => new URL(linkIn(text)).searchParams.get('token') ?? '';

describe(`reset and sign-in links [${TEST_DB}]`, () => {
	let w: TestWorld;
	let auth: TestAuth;
	beforeAll(async () => {
		w = await makeWorld();
		auth = testAuth(w);
	});
	afterAll(() => w.drop());

	const requestReset = async (email: string) => {
		await auth.api.requestPasswordReset({ body: { email, redirectTo: '/reset-password' } });
		const mail = w.mailer.sent.at(-1)!;
		expect(mail.to).toBe(email);
		return resetToken(mail.text);
	};
	const requestMagic = async (email: string) => {
		await auth.api.signInMagicLink({ body: { email, callbackURL: '/' }, headers: new Headers() });
		return magicToken(w.mailer.sent.at(-1)!.text);
	};
	const reset = (token: string, newPassword: string) =>
		auth.api.resetPassword({ body: { token, newPassword } });
	const signsIn = (email: string, password: string) =>
		auth.api.signInEmail({ body: { email, password } }).then(
			() => true,
			() => false
		);

	it('using one reset link voids the older and the newer ones', async () => {
		const email = 'ines@example.org';
		await signUpPerson(auth, { name: 'Ines', email, password: PASSWORD });
		const first = await requestReset(email);
		const second = await requestReset(email);
		const third = await requestReset(email);
		expect(new Set([first, second, third]).size).toBe(3);

		await reset(second, 'het tweede nieuwe wachtwoord');
		await expect(reset(first, 'het eerste nieuwe wachtwoord')).rejects.toMatchObject({
			body: { code: 'INVALID_TOKEN' }
		});
		await expect(reset(third, 'het derde nieuwe wachtwoord')).rejects.toMatchObject({
			body: { code: 'INVALID_TOKEN' }
		});
		expect(await signsIn(email, 'het tweede nieuwe wachtwoord')).toBe(true);
		expect(await signsIn(email, 'het eerste nieuwe wachtwoord')).toBe(false);
	});

	it('a password reset also voids sign-in links sent before it, and no one else’s', async () => {
		const email = 'jonas@example.org';
		const other = 'kim@example.org';
		await signUpPerson(auth, { name: 'Jonas', email, password: PASSWORD });
		await signUpPerson(auth, { name: 'Kim', email: other, password: PASSWORD });
		const magic = await requestMagic(email);
		const othersMagic = await requestMagic(other);
		const othersReset = await requestReset(other);
		await reset(await requestReset(email), 'een nieuw wachtwoord voor jonas');

		const used = await openLink(
			auth,
			`http://olievlek.test/api/auth/magic-link/verify?token=${magic}&callbackURL=/&errorCallbackURL=/sign-in`
		);
		expect(used.location).toContain('error=INVALID_TOKEN');
		const othersUsed = await openLink(
			auth,
			`http://olievlek.test/api/auth/magic-link/verify?token=${othersMagic}&callbackURL=/&errorCallbackURL=/sign-in`
		);
		expect(othersUsed.location).toBe('http://olievlek.test/');
		await reset(othersReset, 'een nieuw wachtwoord voor kim');
		expect(await signsIn(other, 'een nieuw wachtwoord voor kim')).toBe(true);
	});

	it('stores reset and sign-in tokens only as hashes', async () => {
		const email = 'lina@example.org';
		await signUpPerson(auth, { name: 'Lina', email, password: PASSWORD });
		const token = await requestReset(email);
		const magic = await requestMagic(email);
		expect(token.length).toBeGreaterThan(10);
		expect(magic.length).toBeGreaterThan(10);
		const rows = await w.database.authDb
			.selectFrom('verification')
			.select(['identifier', 'value'])
			.execute();
		expect(rows.length).toBeGreaterThan(0);
		for (const r of rows) {
			expect(r.identifier).not.toContain(token);
			expect(r.identifier).not.toContain(magic);
			expect(r.value).not.toContain(token);
			expect(r.value).not.toContain(magic);
		}
		// Someone who reads the database cannot use what is stored as a token.
		for (const r of rows) {
			const stored = r.identifier.slice(r.identifier.indexOf('#') + 1);
			await expect(reset(stored, 'wachtwoord van een inbreker')).rejects.toMatchObject({
				body: { code: 'INVALID_TOKEN' }
			});
			const tried = await openLink(
				auth,
				`http://olievlek.test/api/auth/magic-link/verify?token=${stored}&callbackURL=/&errorCallbackURL=/sign-in`
			);
			expect(tried.location).toContain('error=INVALID_TOKEN');
		}
		// The links still work.
		const signedIn = await openLink(
			auth,
			`http://olievlek.test/api/auth/magic-link/verify?token=${magic}&callbackURL=/&errorCallbackURL=/sign-in`
		);
		expect(signedIn.location).toBe('http://olievlek.test/');
		await reset(token, 'een nieuw wachtwoord voor lina');
		expect(await signsIn(email, 'een nieuw wachtwoord voor lina')).toBe(true);
	});
});
