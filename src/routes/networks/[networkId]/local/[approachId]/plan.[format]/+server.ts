import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { exportPlan } from '#lib/server/modules/locality/locality.document.ts';
import { download } from '../../../../../download.ts';
import type { RequestHandler } from './$types';

/** The plan of approach as Word (`plan.docx`) or PDF (`plan.pdf`). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const format = params.format;
	if (format !== 'docx' && format !== 'pdf') error(404, m.error_not_found());
	try {
		return download(
			await exportPlan(ctx(), locals.actor, params.networkId, params.approachId, format)
		);
	} catch (e) {
		if (e instanceof DomainError) error(e.status === 404 ? 404 : e.status, m.error_not_found());
		throw e;
	}
};
