import { DomainError } from '../errors.ts';
import { ValidationError } from '../validation.ts';
import type { Auth } from './auth.ts';
import type { AccountInput } from './auth.schema.ts';
import { toDomainError } from './auth-errors.ts';

/**
 * Saves the account form. A new e-mail address needs the current password (a borrowed or
 * stolen session alone cannot move the account), then a confirmation link; it goes first, so
 * a refusal leaves the whole form unsaved.
 */
export async function saveAccount(
	auth: Auth,
	headers: Headers,
	current: { email: string },
	input: AccountInput
): Promise<{ emailPending: boolean }> {
	const emailPending = input.email !== current.email.toLowerCase();
	if (emailPending) {
		if (!input.currentPassword)
			throw new ValidationError([
				{ field: 'currentPassword', key: 'error_current_password_required' }
			]);
		await auth.api
			.verifyPassword({ body: { password: input.currentPassword }, headers })
			.catch((e: unknown) => {
				if ((e as { body?: { code?: string } })?.body?.code === 'INVALID_PASSWORD')
					throw new DomainError('invalid', 'error_current_password', 'currentPassword');
				return toDomainError(e);
			});
		await auth.api
			.changeEmail({ body: { newEmail: input.email, callbackURL: '/account' }, headers })
			.catch(toDomainError);
	}
	await auth.api
		.updateUser({ body: { name: input.name, locale: input.locale }, headers })
		.catch(toDomainError);
	return { emailPending };
}
