import { redirect } from '@sveltejs/kit';
import { PARTICIPANT_COOKIE } from '#lib/server/live/participant-cookie.ts';
import type { RequestHandler } from './$types';

/**
 * "This is not me": a shared phone or tablet forgets its place in the session, so the next person
 * joins as themselves. The participant stays in the session (what it did stays counted).
 */
export const POST: RequestHandler = ({ cookies }) => {
	cookies.delete(PARTICIPANT_COOKIE, { path: '/' });
	cookies.delete('olv_anon', { path: '/' });
	redirect(303, '/join');
};
