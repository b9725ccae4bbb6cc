// The documents' worker thread (piscina). Word and especially PDF layout are synchronous work
// of a tenth of a second or more; done here, they never hold up the requests of everyone else
// on the instance. Node 24 loads the TypeScript writers directly (type stripping), so the
// worker and the in-process path run the same code.
import { toDocx } from './docx.ts';
import { toPdf } from './pdf.ts';

/** @param {{ format: 'docx' | 'pdf', blocks: unknown[], lang: 'nl' | 'en' | 'fr', title: string, images: [string, { data: Uint8Array, mime: string }][] }} job */
export default async function renderDocument(job) {
	const images = new Map(
		job.images.map(([id, img]) => [id, { ...img, data: Buffer.from(img.data) }])
	);
	const out =
		job.format === 'docx'
			? await toDocx(/** @type {never} */ (job.blocks), job.lang, job.title, images)
			: await toPdf(/** @type {never} */ (job.blocks), job.lang, job.title, images);
	return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
