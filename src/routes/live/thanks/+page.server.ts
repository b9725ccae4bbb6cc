import { redirect } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { clientAddress } from '#lib/server/auth/auth-errors.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { currentParticipant, endedParticipant } from '#lib/server/live/participant-cookie.ts';
import { reportSubscribeInput } from '#lib/server/modules/report/report.schema.ts';
import { subscribeToReport } from '#lib/server/modules/report/report-subscriber.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/** The phone's goodbye: the session it took part in has ended. */
export const load: PageServerLoad = async ({ cookies }) => {
	const c = ctx();
	if (await currentParticipant(c, cookies)) redirect(303, '/live');
	const ended = await endedParticipant(c, cookies);
	if (!ended) redirect(303, '/join');
	return { name: ended.displayName, sessionTitle: ended.sessionTitle };
};

export const actions: Actions = {
	/** An address to receive the report when it is shared; kept with the session only. */
	default: async ({ request, cookies, getClientAddress }) => {
		const c = ctx();
		const ended = await endedParticipant(c, cookies);
		if (!ended) redirect(303, '/join');
		const values = formValues(await request.formData());
		const result = await runForm(reportSubscribeInput, values, async () => {
			// Limited per address only: a limit kept under the participant's id would put, beside
			// the e-mail address, the moment that participant left it.
			await app().limits.consume('participateAddress', clientAddress(getClientAddress));
			return subscribeToReport(c, ended.sessionId, values);
		});
		if ('email' in result) return { message: m.thanks_mail_saved({ email: result.email }) };
		return result;
	}
};
