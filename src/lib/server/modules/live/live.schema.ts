import { z } from 'zod';

/** No 0/O, 1/I/L: codes are read off a projector and typed on a phone. */
export const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const joinInput = z.object({
	code: z
		.string()
		.trim()
		.transform((c) => c.toUpperCase().replace(/[\s-]/g, ''))
		.pipe(z.string().regex(new RegExp(`^[${JOIN_ALPHABET}]{6}$`), 'error_join_code')),
	displayName: z.string().trim().min(1, 'error_required').max(60, 'error_too_long')
});

const clientId = z.string().trim().min(8, 'error_invalid').max(100, 'error_invalid');

export const postitInput = z.object({
	clientId,
	text: z.string().trim().min(1, 'error_required').max(2000, 'error_too_long')
});

export const dotInput = z.object({ clientId, postitId: z.string().min(1).max(64) });
