import pino from 'pino';

export const log = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { app: 'olievlek' },
	redact: ['req.headers.cookie', 'email', 'password', 'token']
});

/** An error text for the log with e-mail addresses taken out (SMTP refusals quote the recipient). */
export const withoutAddresses = (text: string) =>
	text.replace(/[^\s<>"'@,;:]+@[^\s<>"'@,;:]+/g, '<address>');
