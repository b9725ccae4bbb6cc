import { redirect, type Cookies } from '@sveltejs/kit';
import { app, ctx } from '../app.ts';
import { clientAddress } from '../auth/auth-errors.ts';
import { noFields, runForm } from '../forms.ts';
import type { Participant } from '../modules/live/live.service.ts';
import { currentParticipant } from './participant-cookie.ts';

/** A phone's request counts against its address and its participant; a refusal says so. */
export async function participantLimits(p: Participant, getClientAddress: () => string) {
	return runForm(noFields, {}, async () => {
		await app().limits.consume('participateAddress', clientAddress(getClientAddress));
		await app().limits.consume('participate', p.id);
	});
}

/** Runs a phone's action as this browser's participant (none: to the join page), within limits. */
export async function withParticipant<T>(
	event: { cookies: Cookies; getClientAddress: () => string },
	fn: (p: Participant) => Promise<T>
) {
	const p = await currentParticipant(ctx(), event.cookies);
	if (!p) redirect(303, '/join');
	const limited = await participantLimits(p, event.getClientAddress);
	if (limited) return limited;
	return fn(p);
}
