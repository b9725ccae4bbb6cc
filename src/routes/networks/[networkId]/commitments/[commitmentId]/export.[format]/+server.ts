import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { exportCommitment } from '#lib/server/modules/commitment/index.ts';
import { download } from '../../../../../download.ts';
import type { RequestHandler } from './$types';

/** The commitment with its action plan as Word (`export.docx`) or PDF (`export.pdf`). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const format = params.format;
	if (format !== 'docx' && format !== 'pdf') error(404, m.error_not_found());
	try {
		return download(
			await exportCommitment(ctx(), locals.actor, params.networkId, params.commitmentId, format)
		);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, m.error_not_found());
		throw e;
	}
};
