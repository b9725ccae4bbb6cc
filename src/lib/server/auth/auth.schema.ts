import { z } from 'zod';
import { requiredText, token } from '../validation.ts';

const email = z
	.string()
	.trim()
	.min(1, 'error_required')
	.max(254, 'error_too_long')
	.pipe(z.email('error_email'))
	.transform((e) => e.toLowerCase());
const password = z.string().min(10, 'error_password_short').max(128, 'error_too_long');

export const signUpInput = z.object({
	name: requiredText(100),
	email,
	password
});
export const signInInput = z.object({
	email,
	password: z.string().min(1, 'error_required').max(128, 'error_too_long')
});
export const emailOnly = z.object({ email });
export const resetInput = z.object({ token: token(500).min(1, 'error_reset_token'), password });
export const accountInput = z.object({
	name: requiredText(100),
	email,
	locale: z.enum(['nl', 'en', 'fr'], 'error_choose_language'),
	/** Needed only when the e-mail address changes; checked by the service. */
	currentPassword: z.string().max(128, 'error_too_long').optional()
});
export type AccountInput = z.output<typeof accountInput>;
