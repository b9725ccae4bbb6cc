import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { contentDisposition } from '#lib/server/content-disposition.ts';
import { DomainError } from '#lib/server/errors.ts';
import { readFile } from '#lib/server/modules/knowledge/file.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/**
 * A stored file, for members of its network only. Images are shown in place; everything else is
 * a download. The type was checked from the bytes on upload, the browser is told not to guess
 * another, and nothing in the file may run as part of our site.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const f = await readFile(ctx(), locals.actor, params.networkId, params.fileId);
		const inline = f.mime === 'image/png' || f.mime === 'image/jpeg';
		return new Response(new Uint8Array(f.data), {
			headers: {
				'content-type': f.mime,
				'content-length': String(f.data.length),
				'content-disposition': contentDisposition(f.name, { inline }),
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox",
				'cache-control': 'private, max-age=3600'
			}
		});
	} catch (e) {
		if (e instanceof DomainError) error(e.status, m.error_not_found());
		throw e;
	}
};
