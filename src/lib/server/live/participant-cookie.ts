import type { Cookies } from '@sveltejs/kit';
import type { Ctx } from '../context.ts';
import { DomainError } from '../errors.ts';
import { findEndedParticipant, findParticipant } from '../modules/live/live.service.ts';

/** A participant's place in a live session: a secret token in an HttpOnly cookie. */
export const PARTICIPANT_COOKIE = 'olv_participant';

export function setParticipantCookie(cookies: Cookies, token: string, secure: boolean) {
	cookies.set(PARTICIPANT_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 60 * 60 * 12
	});
}

/** The participant of this browser, or null when there is none (or it is no longer valid). */
export async function currentParticipant(ctx: Ctx, cookies: Cookies) {
	const token = cookies.get(PARTICIPANT_COOKIE);
	if (!token) return null;
	try {
		return await findParticipant(ctx, token);
	} catch (e) {
		if (e instanceof DomainError) {
			// A session that ended keeps the cookie (it runs out by itself): the phone is thanked.
			if (!(await findEndedParticipant(ctx, token)))
				cookies.delete(PARTICIPANT_COOKIE, { path: '/' });
			return null;
		}
		throw e;
	}
}

/** This browser's participant in a session that has ended, or null. */
export async function endedParticipant(ctx: Ctx, cookies: Cookies) {
	const token = cookies.get(PARTICIPANT_COOKIE);
	return token ? findEndedParticipant(ctx, token) : null;
}
