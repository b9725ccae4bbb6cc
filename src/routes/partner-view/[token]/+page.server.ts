import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { formValues, isRefused, runForm, which } from '#lib/server/forms.ts';
import {
	answerPartnerLink,
	partnerLinkPage
} from '#lib/server/modules/partnership/partner-link.service.ts';
import { partnerViewInput } from '#lib/server/modules/partnership/partnership.schema.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The partner's own view, through a link without an account. The token is the only key: the
 * page is never cached, never indexed, and sends no referrer to other sites, so the link does not travel on.
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({
		'cache-control': 'private, no-store',
		// Not no-referrer: with it the browser posts the form with "Origin: null", which the CSRF check refuses.
		'referrer-policy': 'same-origin',
		'x-robots-tag': 'noindex'
	});
	try {
		return { view: await partnerLinkPage(ctx(), params.token) };
	} catch (e) {
		if (e instanceof DomainError) error(404, m.error_not_found());
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const values = formValues(await request.formData());
		const result = await runForm(partnerViewInput, values, async () => {
			await answerPartnerLink(ctx(), params.token, values);
			return { which: 'answer' as const, answered: true };
		});
		return isRefused(result) ? which(result, 'answer') : result;
	}
};
