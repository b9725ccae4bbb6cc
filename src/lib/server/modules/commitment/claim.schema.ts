import { z } from 'zod';
import { optionalText, requiredText } from '../../validation.ts';

/** What a participant writes on the phone: the commitment, before anyone knows who they are. */
export const claimInput = z.object({
	title: requiredText(200),
	firstStep: optionalText(1000),
	needs: optionalText(2000),
	thresholds: optionalText(2000)
});

/** The address to mail the link to: used for that mail, kept nowhere. */
export const claimEmailInput = z.object({
	email: z
		.string()
		.trim()
		.min(1, 'error_required')
		.max(254, 'error_too_long')
		.pipe(z.email('error_email'))
		.transform((e) => e.toLowerCase())
});

/** Keeping it: the house rules, when keeping it means asking to join the network. */
export const claimKeepInput = z.object({ acceptRules: z.enum(['yes']).optional() });
