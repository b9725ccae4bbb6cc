import { ctx } from '#lib/server/app.ts';
import { reportBlocks } from '#lib/server/modules/report/report.document.ts';
import { assembleReport } from '#lib/server/modules/report/report.service.ts';
import type { PageServerLoad } from './$types';

/** The report as it stands: a live preview while the session runs, the harvest once closed. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const report = await assembleReport(ctx(), locals.actor, params.networkId, params.sessionId);
	return {
		canEdit: report.canWork,
		version: report.version,
		publishedVersion: report.publishedVersion,
		lang: report.lang,
		status: report.session.status,
		title: report.session.title,
		blocks: reportBlocks(report)
	};
};
