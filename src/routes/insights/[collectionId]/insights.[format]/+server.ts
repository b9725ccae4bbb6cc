import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { publicCollectionDocument } from '#lib/server/modules/learning/index.ts';
import { download } from '../../../download.ts';
import type { RequestHandler } from './$types';

/** A public collection as Word, PDF or Markdown: names only where givers allowed public credit. */
export const GET: RequestHandler = async ({ params }) => {
	const format = params.format;
	if (format !== 'docx' && format !== 'pdf' && format !== 'md') error(404, m.error_not_found());
	try {
		return download(await publicCollectionDocument(ctx(), params.collectionId, format), {
			cache: 'no-cache'
		});
	} catch (e) {
		if (e instanceof DomainError) error(404, m.error_not_found());
		throw e;
	}
};
