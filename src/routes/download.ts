import { contentDisposition } from '#lib/server/content-disposition.ts';
import type { DocumentFile } from '#lib/server/documents/index.ts';

/**
 * A made document as a download. Modules hand over bytes, type and name; only routes speak
 * HTTP. Exports are personal (they follow the reader's access), so nothing caches them.
 */
export function download(file: DocumentFile, opts: { cache?: string } = {}) {
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.type,
			'content-length': String(file.bytes.length),
			'content-disposition': contentDisposition(file.name),
			'cache-control': opts.cache ?? 'private, no-store'
		}
	});
}
