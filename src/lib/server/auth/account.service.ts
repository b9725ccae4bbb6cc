import { DomainError } from '../errors.ts';
import { ValidationError } from '../validation.ts';
import type { Auth } from './auth.ts';
import type { AccountInput } from './auth.schema.ts';
import { toDomainError } from './auth-errors.ts';
import { setUserLocale } from './account.repository.ts';
import type { Ctx } from '../context.ts';
import type { AppLocale } from '../db/types.ts';

/** Whether the signed-in person has a password (someone who only ever used e-mailed links has not). */
export async function hasPassword(auth: Auth, headers: Headers): Promise<boolean> {
	const accounts = await auth.api.listUserAccounts({ headers });
	return accounts.some((a) => a.providerId === 'credential');
}

/**
 * Saves the account form. A new e-mail address needs the current password, so a borrowed or
 * stolen session alone cannot move the account; someone without a password has a confirmed
 * address (better-auth confirms it at the first e-mailed link), and that address approves the
 * change by link first. The e-mail change goes first, so a refusal leaves the whole form unsaved.
 */
export async function saveAccount(
	auth: Auth,
	headers: Headers,
	current: { email: string },
	input: AccountInput
): Promise<{ emailPending: boolean }> {
	const emailPending = input.email !== current.email.toLowerCase();
	if (emailPending) {
		if (await hasPassword(auth, headers)) await checkPassword(auth, headers, input.currentPassword);
		else if (!(await auth.api.getSession({ headers }))?.user.emailVerified)
			throw new DomainError('invalid', 'error_current_password_required', 'currentPassword');
		await auth.api
			.changeEmail({ body: { newEmail: input.email, callbackURL: '/account' }, headers })
			.catch(toDomainError);
	}
	await auth.api
		.updateUser({ body: { name: input.name, locale: input.locale }, headers })
		.catch(toDomainError);
	return { emailPending };
}

async function checkPassword(auth: Auth, headers: Headers, password: string | undefined) {
	if (!password)
		throw new ValidationError([
			{ field: 'currentPassword', key: 'error_current_password_required' }
		]);
	await auth.api.verifyPassword({ body: { password }, headers }).catch((e: unknown) => {
		if ((e as { body?: { code?: string } })?.body?.code === 'INVALID_PASSWORD')
			throw new DomainError('invalid', 'error_current_password', 'currentPassword');
		return toDomainError(e);
	});
}

/** A signed-in person's language choice, saved with their account; it shows on the next page. */
export async function saveLanguage(ctx: Ctx, userId: string, locale: AppLocale) {
	await setUserLocale(ctx.authDb, userId, locale);
}
