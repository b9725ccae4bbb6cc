import { error } from '@sveltejs/kit';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { DomainError } from '#lib/server/errors.ts';
import { getTalk } from '#lib/server/modules/trajectory/coaching.service.ts';
import { talkIcs } from '#lib/server/modules/trajectory/talk-mail.ts';
import type { RequestHandler } from './$types';

/** The talk for a calendar, for its two people only. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const c = ctx();
		const { talk, isCoach } = await getTalk(c, locals.actor, params.networkId, params.talkId);
		const body = talkIcs(talk, {
			title: m.talk_with({
				name: isCoach ? talk.memberName : talk.coachName,
				when: talk.startsAt.replace('T', ' ')
			}),
			url: `${c.publicUrl}/networks/${params.networkId}/coaching/${params.talkId}`
		});
		return new Response(body, {
			headers: {
				'content-type': 'text/calendar; charset=utf-8',
				'content-disposition': 'attachment; filename="olievlek-gesprek.ics"',
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (e instanceof DomainError) error(e.status, m.error_not_found());
		throw e;
	}
};
