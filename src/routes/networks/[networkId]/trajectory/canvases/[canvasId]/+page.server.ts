import { error, redirect } from '@sveltejs/kit';
import { ctx } from '#lib/server/app.ts';
import type { z } from 'zod';
import { formValues, noFields, runForm, which } from '#lib/server/forms.ts';
import { canvasInput, canvasItemInput } from '#lib/server/modules/trajectory/trajectory.schema.ts';
import {
	addCanvasItem,
	editCanvasItem,
	getCanvas,
	linkFit,
	moveCanvasItem,
	removeCanvasItem,
	renameCanvas,
	unlinkFit
} from '#lib/server/modules/trajectory/canvas.service.ts';
import { deleteOwnItem } from '#lib/server/modules/trajectory/trajectory.service.ts';
import * as m from '#lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	getCanvas(ctx(), locals.actor, params.networkId, params.canvasId);

const actor = (locals: App.Locals) => locals.actor ?? error(404, m.error_not_found());

/** Every change answers with a message and where the keyboard goes next. */
async function act<S extends z.ZodType, W extends string>(
	contract: S,
	request: Request,
	form: W,
	fn: (values: Record<string, string>) => Promise<unknown>,
	done: (values: Record<string, string>) => { message: string; focus?: string }
) {
	const values = formValues(await request.formData());
	const r = await runForm(contract, values, async () => {
		await fn(values);
		return done(values);
	});
	return which(r, form);
}

export const actions: Actions = {
	rename: ({ request, locals, params }) =>
		act(
			canvasInput,
			request,
			'rename',
			(v) => renameCanvas(ctx(), actor(locals), params.networkId, params.canvasId, v),
			() => ({ message: m.saved() })
		),
	add: ({ request, locals, params }) =>
		act(
			canvasItemInput,
			request,
			'add',
			(v) => addCanvasItem(ctx(), actor(locals), params.networkId, params.canvasId, v),
			(v) => ({ message: m.canvas_item_added(), focus: `add-${v.section}` })
		),
	edit: ({ request, locals, params }) =>
		act(
			canvasItemInput,
			request,
			'edit',
			(v) =>
				editCanvasItem(
					ctx(),
					actor(locals),
					params.networkId,
					params.canvasId,
					v.itemId ?? '',
					v.text
				),
			(v) => ({ message: m.saved(), focus: `item-${v.itemId}` })
		),
	remove: ({ request, locals, params }) =>
		act(
			noFields,
			request,
			'remove',
			(v) =>
				removeCanvasItem(ctx(), actor(locals), params.networkId, params.canvasId, v.itemId ?? ''),
			(v) => ({ message: m.canvas_item_removed(), focus: `add-${v.section}` })
		),
	move: ({ request, locals, params }) =>
		act(
			noFields,
			request,
			'move',
			(v) =>
				moveCanvasItem(
					ctx(),
					actor(locals),
					params.networkId,
					params.canvasId,
					v.itemId ?? '',
					v.direction === 'up' ? 'up' : 'down'
				),
			(v) => ({ message: m.canvas_item_moved(), focus: `move-${v.direction}-${v.itemId}` })
		),
	link: ({ request, locals, params }) =>
		act(
			noFields,
			request,
			'link',
			(v) => linkFit(ctx(), actor(locals), params.networkId, params.canvasId, v),
			(v) => ({ message: m.canvas_linked(), focus: `link-${v.fromId}` })
		),
	unlink: ({ request, locals, params }) =>
		act(
			noFields,
			request,
			'unlink',
			(v) => unlinkFit(ctx(), actor(locals), params.networkId, params.canvasId, v),
			(v) => ({ message: m.canvas_unlinked(), focus: `link-${v.fromId}` })
		),
	delete: async ({ locals, params }) => {
		const r = await runForm(noFields, {}, () =>
			deleteOwnItem(ctx(), actor(locals), params.networkId, 'canvas', params.canvasId).then(() => ({
				ok: true
			}))
		);
		if ('ok' in r) redirect(303, `/networks/${params.networkId}/trajectory`);
		return r;
	}
};
