import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '#lib/paraglide/messages.js';
import { ctx } from '#lib/server/app.ts';
import { namedAction, noFields, withItems } from '#lib/server/forms.ts';
import {
	agreementInput,
	blockDetailsInput,
	mediationNoteInput
} from '#lib/server/modules/locality/locality.schema.ts';
import {
	addAgreement,
	addMediationNote,
	editBlock,
	removeAgreement,
	removeBlock
} from '#lib/server/modules/locality/block.service.ts';
import { blockPage } from '#lib/server/modules/locality/view.ts';
import type { Actions, PageServerLoad } from './$types';

/** A building block: its reason, an alliance's agreements, a mediation with its private notes. */
export const load: PageServerLoad = async ({ locals, params }) => {
	if (!locals.actor) error(404, m.error_not_found());
	return {
		page: await blockPage(ctx(), locals.actor, params.networkId, params.approachId, params.blockId)
	};
};

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

export const actions: Actions = {
	edit: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			withItems(blockDetailsInput, ['finding-'], ['basis']),
			'edit',
			(v) => editBlock(ctx(), a, params.networkId, params.approachId, params.blockId, v),
			() => m.local_block_saved()
		);
	},
	agreement: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			agreementInput,
			'agreement',
			(v) => addAgreement(ctx(), a, params.networkId, params.approachId, params.blockId, v),
			() => m.local_agreement_added()
		);
	},
	removeAgreement: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			z.object({ agreementId: z.string() }),
			'agreement',
			(v) =>
				removeAgreement(
					ctx(),
					a,
					params.networkId,
					params.approachId,
					params.blockId,
					v.agreementId ?? ''
				),
			() => m.local_agreement_removed()
		);
	},
	note: ({ request, locals, params }) => {
		const a = actor(locals);
		return namedAction(
			request,
			mediationNoteInput,
			'note',
			(v) => addMediationNote(ctx(), a, params.networkId, params.approachId, params.blockId, v),
			() => m.local_mediation_note_added()
		);
	},
	remove: async ({ request, locals, params }) => {
		const a = actor(locals);
		const r = await namedAction(
			request,
			noFields,
			'remove',
			() => removeBlock(ctx(), a, params.networkId, params.approachId, params.blockId),
			() => ''
		);
		if ('message' in r) redirect(303, `/networks/${params.networkId}/local/${params.approachId}`);
		return r;
	}
};
