import type { Actor, Ctx } from '../../context.ts';
import { DomainError, notFound } from '../../errors.ts';
import { parseInput } from '../../validation.ts';
import { checkUpload, discardFile, hasFile, storeFile } from '../knowledge/index.ts';
import { findStepInSession } from '../session/index.ts';
import { requireReportWorker } from './report-access.service.ts';
import { reportState, writeVersion } from './report-edit.service.ts';
import { reportImageInput } from './report.schema.ts';

/** Adds an image to the report; it must say in words what it shows (alternative text). */
export async function addReportImage(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: Record<string, string>,
	file: unknown
) {
	await requireReportWorker(ctx, actor, networkId, sessionId);
	const input = parseInput(reportImageInput, raw);
	if (!hasFile(file)) throw new DomainError('invalid', 'error_file_required', 'file');
	const upload = await checkUpload(file, 'image');
	if (input.stepId) await findStepInSession(ctx, sessionId, input.stepId);
	const { edits } = await reportState(ctx, sessionId);
	const fileId = await storeFile(ctx.db, actor, networkId, upload, ctx.now());
	try {
		return await writeVersion(ctx, actor, sessionId, input.baseVersion, {
			...edits,
			images: [
				...edits.images,
				{ fileId, alt: input.alt, stepId: input.stepId || null, ...upload.size! }
			]
		});
	} catch (e) {
		await discardFile(ctx.db, fileId);
		throw e;
	}
}

/** Takes an image out of the report (earlier versions keep it, so a restore brings it back). */
export async function removeReportImage(
	ctx: Ctx,
	actor: Actor,
	networkId: string,
	sessionId: string,
	raw: { fileId?: string; baseVersion?: string }
) {
	await requireReportWorker(ctx, actor, networkId, sessionId);
	const { edits } = await reportState(ctx, sessionId);
	if (!edits.images.some((i) => i.fileId === raw.fileId)) throw notFound();
	return writeVersion(ctx, actor, sessionId, Number(raw.baseVersion ?? -1), {
		...edits,
		images: edits.images.filter((i) => i.fileId !== raw.fileId)
	});
}
