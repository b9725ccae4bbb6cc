import { redirect } from '@sveltejs/kit';
import { app, ctx } from '#lib/server/app.ts';
import { clientAddress } from '#lib/server/auth/auth-errors.ts';
import { formValues, runForm } from '#lib/server/forms.ts';
import {
	currentParticipant,
	PARTICIPANT_COOKIE,
	setParticipantCookie
} from '#lib/server/live/participant-cookie.ts';
import { joinInput } from '#lib/server/modules/live/live.schema.ts';
import { joinSession } from '#lib/server/modules/live/live.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals, cookies }) => {
	// A phone already in a live session is offered to go back to it, under the name it gave.
	const p = await currentParticipant(ctx(), cookies);
	return {
		code: (url.searchParams.get('code') ?? '').slice(0, 12),
		name: p?.displayName ?? locals.user?.name ?? '',
		inAs: p?.displayName ?? null
	};
};

/** Join a live session with the code on the screen: no account needed. */
export const actions: Actions = {
	default: async ({ request, cookies, locals, getClientAddress }) => {
		const values = formValues(await request.formData());
		const result = await runForm(joinInput, values, async () => {
			// Guessing codes is slowed down per address.
			await app().limits.consume('join', clientAddress(getClientAddress));
			return joinSession(ctx(), values, locals.user?.id ?? null, cookies.get(PARTICIPANT_COOKIE));
		});
		if (!('token' in result)) return result;
		setParticipantCookie(cookies, result.token, app().config.PUBLIC_URL.startsWith('https://'));
		// A phone joining another session does not carry the last one's anonymous post-its.
		if (!result.again) cookies.delete('olv_anon', { path: '/' });
		redirect(303, result.again ? '/live' : '/live?welcome');
	}
};
