import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { fileField, formValues, keepTyped, noFields, runForm, which } from '#lib/server/forms.ts';
import { reportEditInput, reportImageInput } from '#lib/server/modules/report/report.schema.ts';
import { IMAGE_MAX_BYTES, megabytes } from '#lib/server/modules/knowledge/file.service.ts';
import {
	listVersions,
	reportState,
	restoreVersion,
	saveReport,
	sectionOrder
} from '#lib/server/modules/report/report-edit.service.ts';
import {
	addReportImage,
	removeReportImage
} from '#lib/server/modules/report/report-image.service.ts';
import { reportPresence } from '#lib/server/modules/report/report-presence.service.ts';
import { shareReport } from '#lib/server/modules/report/report-share.service.ts';
import { requireReportWorker } from '#lib/server/modules/report/report-access.service.ts';
import { getSession } from '#lib/server/modules/session/session.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** The facilitator edits the report: introduction, closing, which sections, a note for each. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const c = ctx();
	await requireReportWorker(c, locals.actor, params.networkId, params.sessionId);
	const { session, steps } = await getSession(c, locals.actor, params.networkId, params.sessionId);
	const [state, versions, presence] = await Promise.all([
		reportState(c, session.id),
		listVersions(c, session.id),
		reportPresence(c, locals.actor!, params.networkId, session.id)
	]);
	const byId = new Map(steps.map((s) => [s.id, s]));
	return {
		title: session.title,
		steps: sectionOrder(
			state.edits.order,
			steps.map((s) => s.id)
		).map((id) => ({ id, title: byId.get(id)!.title })),
		state,
		versions,
		others: presence.others,
		imageMaxMb: megabytes(IMAGE_MAX_BYTES)
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const data = await request.formData();
		const get = (k: string) => (typeof data.get(k) === 'string' ? (data.get(k) as string) : '');
		const included = new Set(data.getAll('include').filter((x) => typeof x === 'string'));
		const stepIds = data.getAll('step').filter((x): x is string => typeof x === 'string');
		const values = {
			intro: get('intro'),
			closing: get('closing'),
			baseVersion: get('baseVersion')
		};
		const notes = Object.fromEntries(stepIds.map((id) => [id, get(`note:${id}`)]));
		const titles = Object.fromEntries(stepIds.map((id) => [id, get(`title:${id}`)]));
		const move = get('move');
		const autosave = get('autosave') === '1';
		const refusedOrSaved = await runForm(reportEditInput, values, () =>
			saveReport(
				ctx(),
				actor(locals),
				params.networkId,
				params.sessionId,
				{
					...values,
					hidden: stepIds.filter((id) => !included.has(id)),
					notes,
					titles,
					order: stepIds,
					move
				},
				{ autosave }
			)
		);
		// The contract holds the sections' notes and titles as records; the page names them
		// one field per section, and keeps what was typed in each after a refused save.
		const result = keepTyped<typeof refusedOrSaved, `note:${string}` | `title:${string}`>(
			refusedOrSaved,
			Object.fromEntries(
				stepIds.flatMap((id) => [
					[`note:${id}`, notes[id] ?? ''],
					[`title:${id}`, titles[id] ?? '']
				])
			)
		);
		if ('version' in result) {
			const [direction, moved] = move.split(':');
			if (moved)
				return {
					message: m.report_section_moved({ version: result.version }),
					version: result.version,
					focus: `${direction}:${moved}`
				};
			return { message: m.report_saved({ version: result.version }), version: result.version };
		}
		return result;
	},
	addImage: async ({ request, locals, params }) => {
		const data = await request.formData();
		const values = formValues(data);
		const result = await runForm(reportImageInput.and(fileField), values, () =>
			addReportImage(
				ctx(),
				actor(locals),
				params.networkId,
				params.sessionId,
				values,
				data.get('file')
			)
		);
		if ('version' in result) return { message: m.report_image_added({ version: result.version }) };
		return which(result, 'image');
	},
	removeImage: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(noFields, values, () =>
			removeReportImage(ctx(), actor(locals), params.networkId, params.sessionId, values)
		);
		if ('version' in result)
			return { message: m.report_image_removed({ version: result.version }) };
		return result;
	},
	restore: async ({ request, locals, params }) => {
		const data = formValues(await request.formData());
		const result = await runForm(noFields, data, () =>
			restoreVersion(ctx(), actor(locals), params.networkId, params.sessionId, data)
		);
		if ('version' in result)
			return { message: m.report_restored({ from: data.version ?? '', version: result.version }) };
		return result;
	},
	publish: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, () =>
			shareReport(ctx(), actor(locals), params.networkId, params.sessionId)
		);
		if ('sent' in result)
			redirect(
				303,
				`/networks/${params.networkId}/sessions/${params.sessionId}/report?published=1`
			);
		return result;
	}
};
