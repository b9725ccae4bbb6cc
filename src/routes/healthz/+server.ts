import { sql } from 'kysely';
import { app } from '#lib/server/app.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		await sql`select 1`.execute(app().database.db);
		return Response.json({ status: 'ok', database: app().database.dialect });
	} catch {
		return Response.json({ status: 'unavailable' }, { status: 503 });
	}
};
