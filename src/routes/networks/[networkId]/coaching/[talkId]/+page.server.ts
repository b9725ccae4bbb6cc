import { error } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import { formValues, noFields, runForm, which } from '#lib/server/forms.ts';
import {
	agendaItemInput,
	privateNoteInput,
	talkMoveInput,
	talkNotesInput
} from '#lib/server/modules/trajectory/trajectory.schema.ts';
import {
	addAgendaItem,
	getTalk,
	moveTalk,
	savePrivateNote,
	saveTalkNotes
} from '#lib/server/modules/trajectory/coaching.service.ts';
import { talkLinkInput } from '#lib/server/modules/commitment/commitment.schema.ts';
import { talkProgress } from '#lib/server/modules/commitment/index.ts';
import { linkTalk, unlinkTalk } from '#lib/server/modules/commitment/progress.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

/**
 * One talk, for its two people: the shared agenda, the shared notes, the coach's own notes, and
 * which commitment it is about.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => ({
	...(await getTalk(ctx(), locals.actor, params.networkId, params.talkId)),
	progress: await talkProgress(ctx(), locals.actor, params.networkId, params.talkId),
	planned: url.searchParams.has('planned')
});

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	agenda: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(agendaItemInput, values, () =>
			addAgendaItem(ctx(), actor(locals), params.networkId, params.talkId, values).then(() => ({
				message: m.talk_agenda_added()
			}))
		);
		return which(r, 'agenda');
	},
	move: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(talkMoveInput, values, () =>
			moveTalk(ctx(), actor(locals), params.networkId, params.talkId, values).then(() => ({
				message: m.talk_moved()
			}))
		);
		return which(r, 'move');
	},
	notes: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(talkNotesInput, values, () =>
			saveTalkNotes(ctx(), actor(locals), params.networkId, params.talkId, values).then(() => ({
				message: m.talk_notes_saved()
			}))
		);
		return which(r, 'notes');
	},
	private: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(privateNoteInput, values, () =>
			savePrivateNote(ctx(), actor(locals), params.networkId, params.talkId, values).then(() => ({
				message: m.talk_private_saved()
			}))
		);
		return which(r, 'private');
	},
	linkCommitment: async ({ request, locals, params }) => {
		const values = formValues(await request.formData());
		const r = await runForm(talkLinkInput, values, () =>
			linkTalk(ctx(), actor(locals), params.networkId, params.talkId, values).then(() => ({
				message: m.talk_commitment_linked()
			}))
		);
		return which(r, 'commitment');
	},
	unlinkCommitment: async ({ locals, params }) => {
		const r = await runForm(noFields, {}, () =>
			unlinkTalk(ctx(), actor(locals), params.networkId, params.talkId).then(() => ({
				message: m.talk_commitment_unlinked()
			}))
		);
		return which(r, 'commitment');
	}
};
