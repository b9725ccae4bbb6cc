import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { fileField, formValues, runForm } from '#lib/server/forms.ts';
import { resourceInput } from '#lib/server/modules/knowledge/knowledge.schema.ts';
import { DOCUMENT_MAX_BYTES, megabytes } from '#lib/server/modules/knowledge/file.service.ts';
import { createResource } from '#lib/server/modules/knowledge/resource.service.ts';
import {
	listResources,
	listThemes,
	sessionOptions
} from '#lib/server/modules/knowledge/resource.queries.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** The knowledge base: the search box, the filters, the list, and adding a resource. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const c = ctx();
	const filter = Object.fromEntries(
		['kind', 'theme', 'session'].map((k) => [k, url.searchParams.get(k) ?? ''])
	);
	const list = await listResources(c, locals.actor, params.networkId, filter);
	const [themes, sessions] = await Promise.all([
		listThemes(c, params.networkId),
		sessionOptions(c, params.networkId)
	]);
	return { ...list, themes, sessions, maxMb: megabytes(DOCUMENT_MAX_BYTES) };
};

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		if (!locals.actor) error(404, m.error_not_found());
		const data = await request.formData();
		const values = formValues(data);
		const result = await runForm(resourceInput.and(fileField), values, () =>
			createResource(ctx(), locals.actor!, params.networkId, values, data.get('file'))
		);
		if ('id' in result)
			redirect(303, `/networks/${params.networkId}/resources/${result.id}?added=1`);
		return result;
	}
};
