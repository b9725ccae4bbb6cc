import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { makeWorld, TEST_DB, type TestWorld } from '../testing/db.ts';
import { linkIn, openLink, signUpPerson, testAuth, type TestAuth } from '../testing/auth.ts';
import { ValidationError } from '../validation.ts';
import { saveAccount } from './account.service.ts';
import { previewEmailUndo, undoEmailChange } from './email-undo.service.ts';

const PASSWORD = 'een lang wachtwoord 2026';

describe(`changing the e-mail address [${TEST_DB}]`, () => {
	let w: TestWorld;
	let auth: TestAuth;
	let n = 0;
	beforeAll(async () => {
		w = await makeWorld();
		auth = testAuth(w);
	});
	afterAll(() => w.drop());

	const store = () => ({ db: w.database.authDb, dialect: w.database.dialect });
	const person = async () => {
		n += 1;
		const email = `noor.${n}@example.org`;
		const cookies = await signUpPerson(auth, { name: 'Noor', email, password: PASSWORD });
		return { email, cookies, newEmail: `noor.${n}@elders.example` };
	};
	const emailOf = async (email: string) =>
		(
			await w.database.authDb
				.selectFrom('user')
				.select('email')
				.where('email', 'in', [email])
				.executeTakeFirst()
		)?.email;
	const mailsTo = (to: string) => w.mailer.sent.filter((m) => m.to === to);
	const lastMailTo = (to: string) => mailsTo(to).at(-1);
	const signsIn = (email: string, password: string) =>
		auth.api.signInEmail({ body: { email, password } }).then(
			() => true,
			() => false
		);
	const undoToken = (text: string) => new URL(linkIn(text)).searchParams.get('token') ?? '';
	const save = (p: { email: string; cookies: Headers }, email: string, currentPassword?: string) =>
		saveAccount(auth, p.cookies, p, { name: 'Noor', email, locale: 'nl', currentPassword });

	it('needs the current password; without it or with a wrong one nothing changes or is sent', async () => {
		const p = await person();
		const sent = w.mailer.sent.length;
		const missing = await save(p, p.newEmail).catch((e: unknown) => e);
		expect(missing).toBeInstanceOf(ValidationError);
		expect((missing as ValidationError).errors).toEqual([
			{ field: 'currentPassword', key: 'error_current_password_required' }
		]);
		const wrong = await save(p, p.newEmail, 'niet mijn wachtwoord').catch((e: unknown) => e);
		expect(wrong).toBeInstanceOf(DomainError);
		expect(wrong).toMatchObject({ key: 'error_current_password', field: 'currentPassword' });
		expect(w.mailer.sent.length).toBe(sent);
		expect(await emailOf(p.email)).toBe(p.email);
		// Only the name and language: no password needed.
		await expect(save(p, p.email)).resolves.toEqual({ emailPending: false });
	});

	it('tells the old address once the new one confirms, and the undo puts everything back', async () => {
		const p = await person();
		await expect(save(p, p.newEmail, PASSWORD)).resolves.toEqual({ emailPending: true });
		// Not yet changed, and the old address has not been told anything yet.
		expect(await emailOf(p.email)).toBe(p.email);
		const confirm = lastMailTo(p.newEmail)!;
		expect(confirm.subject).toContain('Bevestig');
		expect(mailsTo(p.email)).toHaveLength(0);

		await openLink(auth, linkIn(confirm.text), p.cookies);
		expect(await emailOf(p.newEmail)).toBe(p.newEmail);
		const notice = lastMailTo(p.email)!;
		expect(notice.subject).toBe('Het e-mailadres van je Olievlek-account is veranderd');
		expect(notice.text).toContain(p.newEmail);
		const token = undoToken(notice.text);
		expect(linkIn(notice.text)).toMatch(/^http:\/\/olievlek\.test\/account\/undo-email\?token=/);
		// Only the hash of the undo token is stored.
		const rows = await w.database.authDb.selectFrom('verification').selectAll().execute();
		for (const r of rows) expect(JSON.stringify(r)).not.toContain(token);

		// Whoever changed it has the new address: a reset link there, and a session.
		await auth.api.requestPasswordReset({
			body: { email: p.newEmail, redirectTo: '/reset-password' }
		});
		const reset = /\/reset-password\/([^?\s]+)/.exec(lastMailTo(p.newEmail)!.text)?.[1] ?? '';
		expect(await auth.api.getSession({ headers: p.cookies })).not.toBeNull();

		expect(await previewEmailUndo(store(), token, new Date())).toEqual({
			oldEmail: p.email,
			newEmail: p.newEmail
		});
		await expect(undoEmailChange(store(), token, new Date())).resolves.toEqual({
			email: p.email
		});
		expect(await emailOf(p.email)).toBe(p.email);
		expect(await auth.api.getSession({ headers: p.cookies })).toBeNull();
		expect(await signsIn(p.email, PASSWORD)).toBe(false);
		await expect(
			auth.api.resetPassword({ body: { token: reset, newPassword: 'wachtwoord van de dief' } })
		).rejects.toMatchObject({ body: { code: 'INVALID_TOKEN' } });
		// The new address's confirmation link, used again, changes nothing.
		await openLink(auth, linkIn(confirm.text));
		expect(await emailOf(p.email)).toBe(p.email);
		// The undo link works once.
		await expect(undoEmailChange(store(), token, new Date())).rejects.toMatchObject({
			key: 'error_undo_link'
		});
		expect(await previewEmailUndo(store(), token, new Date())).toBeNull();
		// The owner sets a new password from their own address and is back in.
		await auth.api.requestPasswordReset({
			body: { email: p.email, redirectTo: '/reset-password' }
		});
		const own = /\/reset-password\/([^?\s]+)/.exec(lastMailTo(p.email)!.text)?.[1] ?? '';
		await auth.api.resetPassword({
			body: { token: own, newPassword: 'mijn eigen nieuwe wachtwoord' }
		});
		expect(await signsIn(p.email, 'mijn eigen nieuwe wachtwoord')).toBe(true);
	});

	it('with a confirmed address, that address approves first, and hears of the change', async () => {
		const p = await person();
		await w.database.authDb
			.updateTable('user')
			.set({ emailVerified: TEST_DB === 'postgres' ? true : 1 })
			.where('email', '=', p.email)
			.execute();
		await save(p, p.newEmail, PASSWORD);
		const approve = lastMailTo(p.email)!;
		expect(mailsTo(p.newEmail)).toHaveLength(0);
		await openLink(auth, linkIn(approve.text), p.cookies);
		await openLink(auth, linkIn(lastMailTo(p.newEmail)!.text), p.cookies);
		expect(await emailOf(p.newEmail)).toBe(p.newEmail);
		expect(lastMailTo(p.email)!.subject).toBe(
			'Het e-mailadres van je Olievlek-account is veranderd'
		);
	});

	it('someone without a password (only e-mailed links) is not asked for one: the address approves', async () => {
		const p = await person();
		const { id } = await w.database.authDb
			.selectFrom('user')
			.select('id')
			.where('email', '=', p.email)
			.executeTakeFirstOrThrow();
		// What better-auth does at the first sign-in by e-mailed link of an unconfirmed account.
		await w.database.authDb.deleteFrom('account').where('userId', '=', id).execute();
		await w.database.authDb
			.updateTable('user')
			.set({ emailVerified: TEST_DB === 'postgres' ? true : 1 })
			.where('id', '=', id)
			.execute();
		await expect(save(p, p.newEmail)).resolves.toEqual({ emailPending: true });
		expect(lastMailTo(p.email)!.subject).toBe('Bevestig je nieuwe e-mailadres voor Olievlek');
		expect(mailsTo(p.newEmail)).toHaveLength(0);
		expect(await emailOf(p.email)).toBe(p.email);
	});

	it('an undo link is refused after 7 days, and when the old address has another account now', async () => {
		const p = await person();
		await save(p, p.newEmail, PASSWORD);
		await openLink(auth, linkIn(lastMailTo(p.newEmail)!.text), p.cookies);
		const token = undoToken(lastMailTo(p.email)!.text);
		const later = new Date(Date.now() + 7 * 86_400_000 + 60_000);
		await expect(undoEmailChange(store(), token, later)).rejects.toMatchObject({
			key: 'error_undo_link'
		});
		await signUpPerson(auth, { name: 'Ander', email: p.email, password: PASSWORD });
		await expect(undoEmailChange(store(), token, new Date())).rejects.toMatchObject({
			key: 'error_undo_email_taken'
		});
		expect(await emailOf(p.newEmail)).toBe(p.newEmail);
		await expect(undoEmailChange(store(), 'geraden', new Date())).rejects.toMatchObject({
			key: 'error_undo_link'
		});
	});
});
