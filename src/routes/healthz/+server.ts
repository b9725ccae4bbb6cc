import { app } from '#lib/server/app.ts';
import { databaseAnswers } from '#lib/server/db/health.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	if (await databaseAnswers(app().database.db))
		return Response.json({ status: 'ok', database: app().database.dialect });
	return Response.json({ status: 'unavailable' }, { status: 503 });
};
