import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { exportCanvasPdf } from '#lib/server/modules/trajectory/canvas.document.ts';
import { download } from '../../../../../../download.ts';
import type { RequestHandler } from './$types';

/** The canvas as a one-page PDF: both sides as lists, and which reliever answers which pain. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		return download(await exportCanvasPdf(ctx(), locals.actor, params.networkId, params.canvasId));
	} catch (e) {
		if (e instanceof DomainError) error(e.status, m.error_not_found());
		throw e;
	}
};
