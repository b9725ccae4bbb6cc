import { ctx } from '#lib/server/app.ts';
import { exportReport } from '#lib/server/modules/report/report.http.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	exportReport(ctx(), locals.actor, params.networkId, params.sessionId, 'md');
