import { ctx } from '#lib/server/app.ts';
import { exportReport } from '#lib/server/modules/report/report-export.service.ts';
import { download } from '../../../../../download.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) =>
	download(await exportReport(ctx(), locals.actor, params.networkId, params.sessionId, 'md'));
