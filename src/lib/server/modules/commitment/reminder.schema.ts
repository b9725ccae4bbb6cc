import { z } from 'zod';
import { isTimeZone } from './reminder.rules.ts';

/** What a person wants of reminders: on or off, single mails or a weekly digest, a time zone. */
export const reminderPreferenceInput = z.object({
	enabled: z
		.union([z.literal('on'), z.literal(''), z.boolean()])
		.optional()
		.transform((v) => v === 'on' || v === true),
	mode: z.enum(['single', 'digest'], { message: 'error_reminder_mode' }).default('single'),
	timeZone: z
		.string()
		.max(64)
		.default('')
		.refine((v) => v === '' || isTimeZone(v), 'error_time_zone')
});
export type ReminderPreferenceInput = z.input<typeof reminderPreferenceInput>;
