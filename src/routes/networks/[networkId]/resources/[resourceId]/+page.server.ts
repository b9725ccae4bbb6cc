import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { fileField, formValues, noFields, runForm } from '#lib/server/forms.ts';
import { resourceInput } from '#lib/server/modules/knowledge/knowledge.schema.ts';
import { DOCUMENT_MAX_BYTES, megabytes } from '#lib/server/modules/knowledge/file.service.ts';
import {
	deleteResource,
	setFeatured,
	updateResource
} from '#lib/server/modules/knowledge/resource.service.ts';
import { getResource, sessionOptions } from '#lib/server/modules/knowledge/resource.queries.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const c = ctx();
	const resource = await getResource(c, locals.actor, params.networkId, params.resourceId);
	return {
		resource,
		added: url.searchParams.has('added'),
		sessions: resource.canEdit ? await sessionOptions(c, params.networkId) : [],
		maxMb: megabytes(DOCUMENT_MAX_BYTES)
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const data = await request.formData();
		const values = formValues(data);
		const result = await runForm(resourceInput.and(fileField), values, () =>
			updateResource(
				ctx(),
				actor(locals),
				params.networkId,
				params.resourceId,
				values,
				data.get('file')
			).then(() => ({ saved: true }))
		);
		return 'saved' in result ? { message: m.resource_saved() } : result;
	},
	feature: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		return runForm(noFields, values, () =>
			setFeatured(
				ctx(),
				actor(locals),
				params.networkId,
				params.resourceId,
				values.featured === 'yes'
			).then(() => ({ message: m.resource_saved() }))
		);
	},
	delete: async ({ locals, params }) => {
		const result = await runForm(noFields, {}, () =>
			deleteResource(ctx(), actor(locals), params.networkId, params.resourceId)
		);
		if ('title' in result)
			redirect(
				303,
				`/networks/${params.networkId}/resources?deleted=${encodeURIComponent(result.title)}`
			);
		return result;
	}
};
