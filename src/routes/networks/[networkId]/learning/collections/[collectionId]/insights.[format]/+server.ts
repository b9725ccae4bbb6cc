import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { collectionDocument } from '#lib/server/modules/learning/index.ts';
import { download } from '../../../../../../download.ts';
import type { RequestHandler } from './$types';

/** The collected insights as Word, PDF or Markdown, credited as members may see them. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const format = params.format;
	if (!locals.actor || (format !== 'docx' && format !== 'pdf' && format !== 'md'))
		error(404, m.error_not_found());
	try {
		return download(
			await collectionDocument(ctx(), locals.actor, params.networkId, params.collectionId, format)
		);
	} catch (e) {
		if (e instanceof DomainError) error(e.status === 403 ? 404 : e.status, m.error_not_found());
		throw e;
	}
};
