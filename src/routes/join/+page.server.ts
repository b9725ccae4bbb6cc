import { redirect } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { clientAddress } from '#lib/server/auth/auth-errors.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import { setParticipantCookie } from '#lib/server/live/participant-cookie.ts';
import { joinInput } from '#lib/server/modules/live/live.schema.ts';
import { joinSession } from '#lib/server/modules/live/live.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => ({
	code: (url.searchParams.get('code') ?? '').slice(0, 12),
	name: locals.user?.name ?? ''
});

/** Join a live session with the code on the screen: no account needed. */
export const actions: Actions = {
	default: async ({ request, cookies, locals, getClientAddress }) => {
		const values = formValues(await request.formData());
		const result = await runForm(joinInput, values, async () => {
			// Guessing codes is slowed down per address.
			await app().limits.consume('join', clientAddress(getClientAddress));
			return joinSession(ctx(), values, locals.user?.id ?? null);
		});
		if (!('token' in result)) return result;
		setParticipantCookie(cookies, result.token, app().config.PUBLIC_URL.startsWith('https://'));
		// A shared tablet: the next person does not inherit the last one's anonymous post-its.
		cookies.delete('olv_anon', { path: '/' });
		redirect(303, '/live');
	}
};
