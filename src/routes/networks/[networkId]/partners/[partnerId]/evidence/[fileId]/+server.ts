import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { contentDisposition } from '#lib/server/content-disposition.ts';
import { DomainError } from '#lib/server/errors.ts';
import { readEvidenceFile } from '#lib/server/modules/partnership/partner.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/**
 * An evidence file of a partner's evaluation, for the members of the organisation that keeps the
 * partner only (not the network's other members, not its leaders). Always a download; the type
 * was checked from the bytes on upload and the browser is told not to guess another.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const f = await readEvidenceFile(
			ctx(),
			locals.actor,
			params.networkId,
			params.partnerId,
			params.fileId
		);
		return new Response(new Uint8Array(f.data), {
			headers: {
				'content-type': f.mime,
				'content-length': String(f.data.length),
				'content-disposition': contentDisposition(f.name),
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox",
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (e instanceof DomainError) error(e.status === 403 ? 404 : e.status, m.error_not_found());
		throw e;
	}
};
