import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { actionStatusLabel } from '#lib/locality.ts';
import { ctx } from '#lib/server/app.ts';
import {
	formValues,
	namedAction,
	noFields,
	runForm,
	ticked,
	which,
	withItems
} from '#lib/server/forms.ts';
import {
	actionInput,
	actionStatusInput,
	approachInput,
	blockInput,
	snapshotInput
} from '#lib/server/modules/locality/locality.schema.ts';
import {
	editApproach,
	removeApproach,
	takeSnapshot
} from '#lib/server/modules/locality/locality.service.ts';
import {
	addAction,
	chooseBlock,
	removeAction,
	setActionStatus
} from '#lib/server/modules/locality/block.service.ts';
import { approachPage } from '#lib/server/modules/locality/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** One local approach: snapshots, the building blocks chosen, and the plan of approach. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return {
		page: await approachPage(ctx(), locals.actor, params.networkId, params.approachId)
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	edit: async ({ request, locals, params }) => {
		const a = actor(locals);
		const v = formValues(await request.formData());
		const r = await runForm(withItems(approachInput, ['team-'], ['team'])(v), v, async () => {
			await editApproach(
				ctx(),
				a,
				params.networkId,
				params.approachId,
				v,
				v.teamShown === 'on' ? ticked(v, 'team-') : null
			);
			return { which: 'edit' as const, message: m.local_saved() };
		});
		return which(r, 'edit');
	},
	snapshot: async ({ request, locals, params }) => {
		const a = actor(locals);
		const v = formValues(await request.formData());
		const r = await runForm(snapshotInput, v, async () => ({
			id: await takeSnapshot(ctx(), a, params.networkId, params.approachId, v)
		}));
		if ('id' in r)
			redirect(303, `/networks/${params.networkId}/local/${params.approachId}/snapshots/${r.id}`);
		return which(r, 'snapshot');
	},
	block: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			withItems(blockInput, ['finding-'], ['basis']),
			'block',
			(v) => chooseBlock(ctx(), a, params.networkId, params.approachId, v),
			() => m.local_block_chosen()
		);
	},
	action: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			actionInput,
			'action',
			(v) => addAction(ctx(), a, params.networkId, params.approachId, v),
			() => m.local_action_added()
		);
	},
	status: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			actionStatusInput,
			'status',
			(v) => setActionStatus(ctx(), a, params.networkId, params.approachId, v),
			(s) => m.local_action_status_set({ status: actionStatusLabel(String(s)) })
		);
	},
	removeAction: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			z.object({ actionId: z.string() }),
			'status',
			(v) => removeAction(ctx(), a, params.networkId, params.approachId, v.actionId ?? ''),
			() => m.local_action_removed()
		);
	},
	remove: async ({ request, locals, params }) => {
		const a = actor(locals);
		const r = await namedAction(
			request,
			noFields,
			'remove',
			() => removeApproach(ctx(), a, params.networkId, params.approachId),
			() => ''
		);
		if ('message' in r) redirect(303, `/networks/${params.networkId}/local`);
		return r;
	}
};
