import pino from 'pino';

export const log = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { app: 'olievlek' },
	redact: ['req.headers.cookie', 'email', 'password', 'token']
});
