import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { iso, newId, type Actor, type Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { withoutBidiControls } from '../../validation.ts';
import { requireMember } from '../network/network.policy.ts';
import { deleteFile, findFileInNetwork, insertFile, listFileData } from './file.repository.ts';

/**
 * Uploaded files (report images, a resource's attachment), kept in the database so a backup
 * holds everything. The type is read from the file's own bytes, never from its name or from
 * what the browser claims; the size limit is checked here, on the server.
 */
export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export const DOCUMENT_TYPES = [
	...IMAGE_TYPES,
	'application/pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/vnd.oasis.opendocument.text',
	'application/vnd.oasis.opendocument.spreadsheet',
	'application/vnd.oasis.opendocument.presentation',
	'text/plain'
] as const;
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const megabytes = (n: number) => Math.round(n / 1024 / 1024);

/** A file that arrived with a form, or nothing when the field was left empty. */
export const hasFile = (f: unknown): f is File => f instanceof File && f.size > 0 && f.name !== '';

function refuse(key: string, params: Record<string, string | number> = {}): never {
	throw Object.assign(new DomainError('invalid', key, 'file'), params);
}

/** Reads and checks an upload; throws a field error on the `file` field when it is refused. */
export async function checkUpload(file: File, kind: 'image' | 'document') {
	const max = kind === 'image' ? IMAGE_MAX_BYTES : DOCUMENT_MAX_BYTES;
	if (file.size > max) refuse('error_file_too_large', { max: megabytes(max) });
	const data = Buffer.from(await file.arrayBuffer());
	if (data.length > max) refuse('error_file_too_large', { max: megabytes(max) });
	const detected = await fileTypeFromBuffer(data);
	let mime: string | undefined = detected?.mime;
	// Plain text has no signature: accept a .txt that is valid UTF-8 without control bytes.
	if (!detected && /\.txt$/i.test(file.name)) {
		const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
		// eslint-disable-next-line no-control-regex -- control bytes are exactly what is looked for
		if (!text.includes('\uFFFD') && !/[\u0000-\u0008\u000E-\u001F]/.test(text)) mime = 'text/plain';
	}
	const allowed: readonly string[] = kind === 'image' ? IMAGE_TYPES : DOCUMENT_TYPES;
	if (!mime || !allowed.includes(mime))
		refuse(kind === 'image' ? 'error_image_type' : 'error_file_type');
	let size: { width: number; height: number } | null = null;
	if (mime.startsWith('image/')) {
		try {
			const d = imageSize(data);
			size = { width: d.width, height: d.height };
		} catch {
			refuse('error_image_type');
		}
	}
	const name =
		withoutBidiControls(file.name)
			// eslint-disable-next-line no-control-regex -- control characters never go into a file name
			.replace(/[\\/\u0000-\u001F\u007F-\u009F]/g, '_')
			.slice(-150) || 'file';
	return { data, mime, name, size };
}

export type CheckedFile = Awaited<ReturnType<typeof checkUpload>>;

/** Stores a checked upload (inside the caller's transaction when given one); returns its id. */
export async function storeFile(
	db: Ctx['db'],
	actor: Actor,
	networkId: string,
	file: CheckedFile,
	now: Date
) {
	const id = newId();
	await insertFile(db, {
		id,
		networkId,
		name: file.name,
		mime: file.mime,
		data: file.data,
		createdBy: actor.userId,
		createdAt: iso(now)
	});
	return id;
}

/** Takes a stored file back out, when what it was stored for did not happen. */
export async function discardFile(db: Ctx['db'], fileId: string) {
	await deleteFile(db, fileId);
}

/** A file for a member of its network; anyone else gets "not found". */
export async function readFile(ctx: Ctx, actor: Actor | null, networkId: string, fileId: string) {
	await requireMember(ctx, actor, networkId);
	const row = await findFileInNetwork(ctx.db, networkId, fileId);
	if (!row) throw notFound();
	return row;
}

/**
 * The bytes of a document's images, by file id, read once for an export. Only the network's
 * own files; the caller has already checked who reads the document.
 */
export async function readImages(ctx: Ctx, networkId: string, fileIds: string[]) {
	const rows = await listFileData(ctx.db, networkId, [...new Set(fileIds)]);
	return new Map(rows.map((r) => [r.id, { data: Buffer.from(r.data), mime: r.mime }]));
}
