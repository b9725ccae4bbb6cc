import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { DIMENSIONS } from '#lib/partnership.ts';
import { ctx } from '#lib/server/app.ts';
import { formValues, namedAction, noFields, runForm, which } from '#lib/server/forms.ts';
import {
	createPartnerLink,
	revokePartnerLink
} from '#lib/server/modules/partnership/partner-link.service.ts';
import {
	editPartner,
	evaluatePartner,
	removePartner
} from '#lib/server/modules/partnership/partner.service.ts';
import {
	evaluationInput,
	partnerInput,
	partnerLinkInput
} from '#lib/server/modules/partnership/partnership.schema.ts';
import { partnerPage } from '#lib/server/modules/partnership/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** One partner: its details, its evaluations along the step plan, and the next one. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return { page: await partnerPage(ctx(), locals.actor, params.networkId, params.partnerId) };
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

/** The evaluation form's file inputs, one per dimension: their refusals go next to them. */
const evidenceFiles = z.object({
	'file-diversity': z.unknown(),
	'file-equal_opportunity': z.unknown(),
	'file-accessibility': z.unknown(),
	'file-inclusion': z.unknown()
});

export const actions: Actions = {
	edit: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			partnerInput,
			'edit',
			(v) => editPartner(ctx(), a, params.networkId, params.partnerId, v),
			() => m.partner_saved()
		);
	},
	evaluate: async ({ request, locals, params }) => {
		const a = actor(locals);
		const data = await request.formData();
		const values = formValues(data);
		const files = Object.fromEntries(DIMENSIONS.map((d) => [d, data.get(`file-${d}`)]));
		const result = await runForm(evaluationInput.and(evidenceFiles), values, async () => {
			await evaluatePartner(ctx(), a, params.networkId, params.partnerId, values, files);
			return { which: 'evaluate' as const, message: m.partner_evaluated() };
		});
		return which(result, 'evaluate');
	},
	link: async ({ request, locals, params, url }) => {
		const a = actor(locals);
		const values = formValues(await request.formData());
		const result = await runForm(partnerLinkInput, values, async () => {
			const token = await createPartnerLink(ctx(), a, params.networkId, params.partnerId, values);
			return {
				which: 'link' as const,
				message: m.partner_link_made(),
				link: `${url.origin}/partner-view/${token}`
			};
		});
		return which(result, 'link');
	},
	revoke: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			z.object({ linkId: z.string() }),
			'revoke',
			(v) => revokePartnerLink(ctx(), a, params.networkId, params.partnerId, v.linkId ?? ''),
			() => m.partner_link_revoked()
		);
	},
	remove: async ({ request, locals, params }) => {
		const a = actor(locals);
		const r = await namedAction(
			request,
			noFields,
			'remove',
			() => removePartner(ctx(), a, params.networkId, params.partnerId),
			() => ''
		);
		if ('message' in r) redirect(303, `/networks/${params.networkId}/partners`);
		return r;
	}
};
