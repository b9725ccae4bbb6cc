import type { Mail } from './mailer.ts';

/**
 * A mail that carries a calendar file (a session's or a coaching talk's invitation, move or
 * cancellation): the one place the attachment is shaped, so every calendar mail opens alike.
 */
export function withCalendar(mail: Omit<Mail, 'attachments'>, ics: string, filename: string): Mail {
	return {
		...mail,
		attachments: [{ filename, contentType: 'text/calendar; charset=utf-8', content: ics }]
	};
}
