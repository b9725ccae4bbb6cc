import { redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { currentParticipant, endedParticipant } from '#lib/server/live/participant-cookie.ts';
import type { PageServerLoad } from './$types';

/** The phone's goodbye: the session it took part in has ended. */
export const load: PageServerLoad = async ({ cookies }) => {
	const c = ctx();
	if (await currentParticipant(c, cookies)) redirect(303, '/live');
	const ended = await endedParticipant(c, cookies);
	if (!ended) redirect(303, '/join');
	return { name: ended.displayName, sessionTitle: ended.sessionTitle };
};
